import type { DerivedPlan } from '../derive/index.ts';
import type { DerivedGlossary } from '../blocks/glossary/types.ts';

export interface Abbreviation {
  term: string;
  expansion: string;
}

/** The glossary's acronyms (with their variants), longest first so "OOCDs" wins over "OOCD". */
export function abbreviationsOf(plan: DerivedPlan): Abbreviation[] {
  const glossary = plan.blocks.glossary as DerivedGlossary | undefined;
  const list: Abbreviation[] = [];
  for (const entry of glossary?.entries ?? []) {
    if (!entry.expansion) continue;
    for (const term of [entry.term, ...(entry.variants ?? [])]) list.push({ term, expansion: entry.expansion });
  }
  return list.sort((a, b) => b.term.length - a.term.length);
}

const SKIP = /^(a|abbr|h[1-6]|code|pre|script|style|caption|th|title|button|summary)$/i;

/**
 * Wraps the first use of each glossary acronym in the HTML's text in `<abbr title="…">`, leaving
 * links, headings and existing markup alone.
 */
export function markAbbreviations(html: string, plan: DerivedPlan): string {
  const abbreviations = abbreviationsOf(plan);
  if (!abbreviations.length) return html;
  const byTerm = new Map(abbreviations.map((a) => [a.term, a.expansion]));
  const pattern = new RegExp(`\\b(${abbreviations.map((a) => a.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\b`, 'g');
  const seen = new Set<string>();
  const open: string[] = [];
  return html.replace(/(<[^>]+>)|([^<]+)/g, (_match, tag: string | undefined, text: string | undefined) => {
    if (tag) {
      const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1] ?? '';
      if (SKIP.test(name) && !tag.endsWith('/>')) {
        if (tag.startsWith('</')) open.pop();
        else open.push(name);
      }
      return tag;
    }
    if (open.length) return text!;
    return text!.replace(pattern, (term: string) => {
      const expansion = byTerm.get(term)!;
      if (seen.has(expansion)) return term;
      seen.add(expansion);
      return `<abbr title="${expansion.replace(/"/g, '&quot;')}">${term}</abbr>`;
    });
  });
}
