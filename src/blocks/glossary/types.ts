/** glossary.yaml, kept in step with schema.json (a test compares the two). */
export interface GlossaryEntry {
  /** The term as the plan writes it: `OOCD`, `Child First`. */
  term: string;
  /** What the letters stand for; absent for terms that are not abbreviations. */
  expansion?: string;
  /** Plain-English meaning (markdown). */
  definition: string;
  /** Other spellings authors use (`OOCd`, `OOC`); they count as defined. */
  variants?: string[];
}

export interface GlossaryData {
  intro?: string;
  terms: GlossaryEntry[];
  /** Capitalised words the acronym check skips (`OK`). */
  ignore?: string[];
}

export interface DerivedGlossaryEntry extends GlossaryEntry {
  /** `term-<slug>`: the id links and `<abbr>` elements can target. */
  anchor: string;
  /** Position in glossary.yaml, so findings and tools can point back at the source. */
  index: number;
}

export interface DerivedGlossary {
  intro?: string;
  /** Sorted alphabetically, case ignored. */
  entries: DerivedGlossaryEntry[];
  /** Every term and variant (exact spelling) → the entry's term; the first definition wins. */
  lookup: Record<string, string>;
  /** Words the acronym check skips. */
  ignore: string[];
  count: number;
}

/** One acronym found in prose, with its character offset so a caller can turn it into line:col. */
export interface AcronymOccurrence {
  /** Normalised: plural `s` and possessive `'s` removed (`OOCDs` → `OOCD`). */
  acronym: string;
  /** The text as written. */
  text: string;
  offset: number;
}
