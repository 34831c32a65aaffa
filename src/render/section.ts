import type nunjucks from 'nunjucks';
import type { DerivedPlan, Section } from '../derive/index.ts';
import { formatFigure } from './format.ts';
import { createMarkdown } from './markdown.ts';
import { callKey, parseBlockEntry, parseShortcodes, shortcodeOwner } from './shortcodes.ts';
import { markAbbreviations } from './abbreviations.ts';

const markdown = createMarkdown();

/** Marks a file written by `yjplan new` that still holds only the edition's prompt. */
export const PROMPT_MARKER = '<!-- yjplan:prompt -->';

export interface RenderedSection {
  /** Markdown then blocks, for a page whose h1 is the section title. */
  html: string;
  /** The same with every heading one level lower, for the whole-plan and print views. */
  nestedHtml: string;
  /** Block calls placed by the author or appended because the edition requires them. */
  placed: string[];
  isPrompt: boolean;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders one block shortcode through its template; the block's own variables plus the plan and a page URL. */
export function renderBlockCall(env: nunjucks.Environment, plan: DerivedPlan, name: string, args: string[]): string {
  const owner = shortcodeOwner(name);
  if (!owner) throw new Error(`unknown shortcode "${name}"`);
  const definition = owner.block.shortcodes![name]!;
  const context = definition.context(plan.blocks[owner.block.id], args, plan.context);
  // Section HTML appears on pages two folders deep (/<plan>/<page>/), so relative links are built from there.
  return env.render(definition.template, { ...context, plan, page: { url: `/${plan.id}/section/` } });
}

/**
 * A section's prose with its blocks, then the blocks its edition expects there that the plan's prose
 * places nowhere (`placedInPlan`): a block placed in another section is not repeated.
 */
/**
 * Whether the plan holds what a block needs (its context builds). A block the edition expects is only
 * appended when it can render: a budget without a remand part simply has no remand table.
 */
export function canRender(plan: DerivedPlan, name: string, args: string[]): boolean {
  const owner = shortcodeOwner(name);
  if (!owner || !(owner.block.id in plan.blocks)) return false;
  try {
    owner.block.shortcodes![name]!.context(plan.blocks[owner.block.id], args, plan.context);
    return true;
  } catch {
    return false;
  }
}

export function renderSection(env: nunjucks.Environment, plan: DerivedPlan, section: Section, placedInPlan: ReadonlySet<string> = new Set()): RenderedSection {
  const source = section.markdown?.text ?? '';
  const isPrompt = source.includes(PROMPT_MARKER);
  // A file still holding only its prompt shows nothing of its own: the page already says "Not written yet".
  const text = isPrompt ? '' : source;
  const blocksHtml: string[] = [];
  const figuresHtml: string[] = [];
  const placed: string[] = [];
  let prepared = '';
  let cursor = 0;
  for (const call of parseShortcodes(text)) {
    prepared += text.slice(cursor, call.start);
    cursor = call.end;
    if (call.name === 'fig') {
      const key = call.args[0] ?? '';
      const figure = plan.figures[key];
      figuresHtml.push(`<span class="yj-fig" data-fig="${escapeHtml(key)}">${escapeHtml(figure ? formatFigure(figure) : '')}</span>`);
      prepared += `YJPLANFIG${figuresHtml.length - 1}Z`;
    } else {
      blocksHtml.push(renderBlockCall(env, plan, call.name, call.args));
      placed.push(callKey(call.name, call.args));
      prepared += `\n\nYJPLANBLOCK${blocksHtml.length - 1}Z\n\n`;
    }
  }
  prepared += text.slice(cursor);
  // Blocks the edition expects in this section, that the author did not place, follow the prose.
  for (const entry of section.blocks) {
    const { name, args } = parseBlockEntry(entry);
    const key = callKey(name, args);
    const isPlaced = (p: string) => p === key || (args.length === 0 && p.startsWith(name + ' '));
    if (placed.some(isPlaced) || [...placedInPlan].some(isPlaced)) continue;
    if (!canRender(plan, name, args)) continue;
    blocksHtml.push(renderBlockCall(env, plan, name, args));
    placed.push(key);
    prepared += `\n\nYJPLANBLOCK${blocksHtml.length - 1}Z\n\n`;
  }
  const render = (headingOffset: number) => {
    const env = { headingOffset, ids: new Set<string>([section.id]) };
    let html = markdown.render(prepared, env);
    html = markAbbreviations(html, plan);
    html = html.replace(/<p class="govuk-body">YJPLANBLOCK(\d+)Z<\/p>\n?/g, (_m: string, i: string) => blocksHtml[Number(i)]!);
    html = html.replace(/YJPLANFIG(\d+)Z/g, (_m: string, i: string) => figuresHtml[Number(i)]!);
    return html;
  };
  return { html: render(0), nestedHtml: render(1), placed, isPrompt };
}
