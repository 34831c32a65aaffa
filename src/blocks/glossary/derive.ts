import { slugify } from '../../render/markdown.ts';
import type { AcronymOccurrence, DerivedGlossary, DerivedGlossaryEntry, GlossaryData } from './types.ts';

/** Alphabetical, case and accents ignored, numbers in number order (T2A before T10). */
export function compareTerms(a: string, b: string): number {
  return a.localeCompare(b, 'en-GB', { sensitivity: 'base', numeric: true });
}

export function deriveGlossary(data: GlossaryData): DerivedGlossary {
  const used = new Set<string>();
  const withAnchors: DerivedGlossaryEntry[] = data.terms.map((entry, index) => ({ ...entry, anchor: uniqueAnchor(`term-${slugify(entry.term)}`, used), index }));
  const entries = [...withAnchors].sort((a, b) => compareTerms(a.term, b.term) || a.index - b.index);
  return {
    ...(data.intro !== undefined ? { intro: data.intro } : {}),
    entries,
    lookup: buildLookup(data),
    ignore: [...new Set((data.ignore ?? []).map(normaliseAcronym))],
    count: entries.length,
  };
}

function uniqueAnchor(base: string, used: Set<string>): string {
  let anchor = base;
  for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
  used.add(anchor);
  return anchor;
}

/**
 * Every spelling that counts as defined → the term it belongs to. Spellings are matched exactly (OOCd is
 * not OOCD unless listed as a variant), but a plural or possessive of a listed spelling also counts.
 */
export function buildLookup(data: GlossaryData): Record<string, string> {
  const lookup: Record<string, string> = {};
  const add = (spelling: string, term: string) => {
    for (const key of [spelling.trim(), normaliseAcronym(spelling.trim())]) if (key && !Object.hasOwn(lookup, key)) lookup[key] = term;
  };
  for (const entry of data.terms) add(entry.term, entry.term);
  for (const entry of data.terms) for (const variant of entry.variants ?? []) add(variant, entry.term);
  return lookup;
}

/** The entry a word in the prose refers to, by exact spelling, plural or possessive, or variant. */
export function lookupTerm(glossary: DerivedGlossary, word: string): DerivedGlossaryEntry | undefined {
  const term = glossary.lookup[word] ?? glossary.lookup[normaliseAcronym(word)];
  return term === undefined ? undefined : glossary.entries.find((entry) => entry.term === term);
}

// ——— Acronyms in prose ———

/**
 * What counts as an acronym (documented in README.md): a word that starts with a capital, has 2 to 8 capital
 * letters and more capitals than small letters — so YJS, OOCD, T2A, AIM3, B&NES, COVID-19, and mixed forms
 * like DfE, MoJ, OOCd, HoNOSCA, but not Kelbridge, AssetPlus or McKenzie. A trailing plural `s` or possessive
 * `'s` is dropped (OOCDs, YOT's → OOCD, YOT). Skipped: single letters; Roman numerals of I, V and X (Part II);
 * runs of three or more all-capital words (a shouted heading such as OUR VALUES AND AIMS); shortcodes,
 * code, URLs, e-mail addresses and link targets. Words like UK and NHS are NOT exempt: a plan's readers
 * include children and families, so every abbreviation gets an entry (or goes on the glossary's ignore list).
 */
const TOKEN = /(?<![\p{L}\p{N}_])\p{Lu}[\p{L}\p{N}]*(?:&\p{Lu}[\p{L}\p{N}]*)*(?:-\p{N}+)?(?:['’]s)?(?![\p{L}\p{N}_])/gu;
const ROMAN_NUMERAL = /^[IVX]+$/;
const ALL_CAPITALS = /^\p{Lu}{2,}$/u;
const MIN_CAPITALS = 2;
const MAX_CAPITALS = 8;
const SHOUTED_RUN = 3;

/** Markup whose text is not prose: blanked with spaces so offsets still point into the original. */
const NOT_PROSE = [
  /```[\s\S]*?```/g,
  /`[^`\n]*`/g,
  /\{%[\s\S]*?%\}/g,
  /\{\{[\s\S]*?\}\}/g,
  /\{#[\s\S]*?#\}/g,
  /\]\([^)\s]*(?:\s+"[^"]*")?\)/g,
  /<https?:[^>\s]*>/g,
  /\bhttps?:\/\/[^\s)>\]]+/g,
  /\bwww\.[^\s)>\]]+/g,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
];

function blankOut(text: string): string {
  return NOT_PROSE.reduce((current, pattern) => current.replace(pattern, (match) => match.replace(/[^\n]/g, ' ')), text);
}

/** `OOCDs` → `OOCD`, `YOT's` → `YOT`, `DfEs` → `DfE`; other words unchanged. */
export function normaliseAcronym(word: string): string {
  const withoutPossessive = word.replace(/['’]s$/, '');
  return withoutPossessive.length > 2 && /[\p{Lu}\p{N}]s$/u.test(withoutPossessive) ? withoutPossessive.slice(0, -1) : withoutPossessive;
}

export function isAcronym(word: string): boolean {
  const capitals = (word.match(/\p{Lu}/gu) ?? []).length;
  const small = (word.match(/\p{Ll}/gu) ?? []).length;
  return capitals >= MIN_CAPITALS && capitals <= MAX_CAPITALS && capitals > small && !ROMAN_NUMERAL.test(word);
}

/** Every acronym in a piece of markdown, in order, with its offset. */
export function findAcronyms(text: string): AcronymOccurrence[] {
  const prose = blankOut(text);
  const tokens = [...prose.matchAll(TOKEN)].map((match) => ({ text: match[0], offset: match.index }));
  const shouted = shoutedTokens(prose, tokens);
  return tokens
    .filter((token) => !shouted.has(token.offset))
    .map((token) => ({ ...token, acronym: normaliseAcronym(token.text) }))
    .filter((token) => isAcronym(token.acronym))
    .map(({ acronym, text: written, offset }) => ({ acronym, text: written, offset }));
}

/** Offsets of words in a run of SHOUTED_RUN or more all-capital words separated only by spaces. */
function shoutedTokens(prose: string, tokens: { text: string; offset: number }[]): Set<number> {
  const shouted = new Set<number>();
  let run: number[] = [];
  const close = () => {
    if (run.length >= SHOUTED_RUN) run.forEach((offset) => shouted.add(offset));
    run = [];
  };
  tokens.forEach((token, index) => {
    if (!ALL_CAPITALS.test(token.text)) return close();
    const previous = tokens[index - 1];
    const joined = previous && run.length > 0 && run[run.length - 1] === previous.offset && /^[ \t]+$/.test(prose.slice(previous.offset + previous.text.length, token.offset));
    if (!joined) close();
    run.push(token.offset);
  });
  close();
  return shouted;
}

/** The distinct acronyms in a text, in order of first use. */
export function acronymsIn(text: string): string[] {
  return [...new Set(findAcronyms(text).map((occurrence) => occurrence.acronym))];
}

function asDerived(glossary: GlossaryData | DerivedGlossary): DerivedGlossary {
  return 'lookup' in glossary ? glossary : deriveGlossary(glossary);
}

/** Acronyms the prose uses that the glossary neither defines nor lists as a variant or an ignored word. */
export function undefinedAcronyms(text: string, glossary: GlossaryData | DerivedGlossary): string[] {
  const derived = asDerived(glossary);
  return acronymsIn(text).filter((acronym) => !Object.hasOwn(derived.lookup, acronym) && !derived.ignore.includes(acronym));
}

/** Variant spellings the prose uses, with the term the glossary prefers: `OOCd` → `OOCD`. */
export function variantUses(text: string, glossary: GlossaryData | DerivedGlossary): { variant: string; term: string }[] {
  const derived = asDerived(glossary);
  return acronymsIn(text)
    .filter((acronym) => Object.hasOwn(derived.lookup, acronym) && derived.lookup[acronym] !== acronym && normaliseAcronym(derived.lookup[acronym]!) !== acronym)
    .map((variant) => ({ variant, term: derived.lookup[variant]! }));
}
