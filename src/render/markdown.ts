import MarkdownIt from 'markdown-it';

/**
 * The one markdown-it factory, for section pages and the `markdown` filter alike.
 * Raw HTML is off: whatever an author pastes renders as text, never as markup.
 */
const SAFE_LINK = /^(https?:|mailto:|tel:|#|\.{0,2}\/|[a-z0-9._-]+(\/|\.html?|$|#))/i;

/** Links go to web pages, e-mail, phone numbers, headings and local pages: never to script, data or files. */
function validateLink(url: string): boolean {
  return SAFE_LINK.test(url.trim()) && !/^\s*(javascript|vbscript|data|file):/i.test(url);
}

export function createMarkdown() {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
  md.validateLink = validateLink;
  // Section headings are the page's h1 (or h2 in the whole-plan view): shift the author's headings under them.
  md.core.ruler.push('yjplan_headings', (state) => {
    const offset = Number((state.env as { headingOffset?: number }).headingOffset ?? 0);
    const used = ((state.env as { ids?: Set<string> }).ids ??= new Set<string>());
    state.tokens.forEach((token, index) => {
      if (token.type !== 'heading_open' && token.type !== 'heading_close') return;
      const level = Math.min(6, Number(token.tag.slice(1)) + offset);
      token.tag = `h${level}`;
      if (token.type === 'heading_open') {
        const text = state.tokens[index + 1]?.content ?? '';
        token.attrSet('id', uniqueId(slugify(text), used));
        token.attrJoin('class', `govuk-heading-${level <= 2 ? 'l' : level === 3 ? 'm' : 's'}`);
      }
    });
  });
  // Images name a file kept beside the plan's data (data/<plan>/photo.jpg), published under <plan>/media/.
  // Section HTML sits two folders deep, so `../media/` reaches it; paths were vetted by the audit stage.
  md.renderer.rules.image = (tokens, index, options, env, self) => {
    const token = tokens[index]!;
    const src = String(token.attrGet('src') ?? '');
    token.attrSet('src', isLocalImage(src) ? `../media/${src.replace(/^\.\//, '')}` : '');
    token.attrJoin('class', 'yj-image');
    return self.renderToken(tokens, index, options);
  };
  const classes: Record<string, string> = { paragraph_open: 'govuk-body', bullet_list_open: 'govuk-list govuk-list--bullet', ordered_list_open: 'govuk-list govuk-list--number', link_open: 'govuk-link', table_open: 'govuk-table' };
  for (const [rule, className] of Object.entries(classes)) {
    md.renderer.rules[rule] = (tokens, index, options, _env, self) => {
      tokens[index]!.attrJoin('class', className);
      return self.renderToken(tokens, index, options);
    };
  }
  return md;
}

/** A plain file name beside the plan's data: no scheme, no `..`, not absolute. */
export function isLocalImage(src: string): boolean {
  return /^(\.\/)?[\w-]+\.(png|jpe?g|svg|webp|gif)$/i.test(src.trim());
}

export function slugify(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

function uniqueId(base: string, used: Set<string>): string {
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

const shared = createMarkdown();

/**
 * Whether markdown-it would make a link of this destination, as written in the source: decoded and
 * normalised exactly as markdown-it does before it validates, so `java&#115;cript:` is caught too.
 */
export function isAllowedLink(destination: string): boolean {
  return validateLink(shared.normalizeLink(shared.utils.unescapeAll(destination)));
}

/** Inline markdown for short text fields (action text, notes): no block elements, no raw HTML. */
export function renderInline(text: string): string {
  return shared.renderInline(text);
}

export function renderBlock(text: string): string {
  return shared.render(text);
}
