import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import schema from './schema.json' with { type: 'json' };
import { createNunjucks, packageRoot } from '../../render/nunjucks.ts';
import { acronymsIn, deriveGlossary, findAcronyms, isAcronym, lookupTerm, normaliseAcronym, undefinedAcronyms, variantUses } from './derive.ts';
import { auditGlossary } from './audit.ts';
import { glossaryBlock, glossaryFigures, glossaryTables } from './index.ts';
import type { GlossaryData, GlossaryEntry } from './types.ts';
import { examplePlan, schemaValidator } from '../../../tests/helpers/plan.ts';

const plan = examplePlan;

const validate = schemaValidator(schema, 'glossary.yaml');

const sample: GlossaryData = {
  terms: [
    { term: 'YOT', expansion: 'youth offending team', definition: 'The older name for a youth justice service.' },
    { term: 'OOCD', expansion: 'out-of-court disposal', definition: 'Dealing with an offence without going to court.', variants: ['OOCd', 'OOC'] },
    { term: 'Child First', definition: 'Seeing children as children.' },
    { term: 'ETE', expansion: 'education, training and employment', definition: 'School, college, training or work.' },
    { term: 'DfE', expansion: 'Department for Education', definition: 'The education department.' },
    { term: "CBO's", expansion: 'Criminal Behaviour Orders', definition: 'As Coventry wrote it, with an apostrophe.' },
  ],
  ignore: ['OK'],
};

describe('glossary: schema', () => {
  it('keeps types.ts in step with schema.json', () => {
    const entry: Required<GlossaryEntry> = { term: '', expansion: '', definition: '', variants: [] };
    const data: Required<GlossaryData> = { intro: '', terms: [], ignore: [] };
    expect(Object.keys(schema.properties.terms.items.properties).sort()).toEqual(Object.keys(entry).sort());
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(data).sort());
  });

  it('refuses an entry without a definition, at its line, and names a misspelt key', () => {
    const missing = validate(['terms:', '  - term: YJB', '    expansion: Youth Justice Board', ''].join('\n'));
    expect(missing.map((d) => [d.line, d.code])).toEqual([[2, 'schema.required']]);
    const misspelt = validate(['terms:', '  - term: ISS', '    definiton: Intensive supervision', ''].join('\n'));
    expect(misspelt.map((d) => [d.line, d.code])).toEqual([[3, 'schema.additionalProperties']]);
    expect(misspelt[0]!.hint).toContain('definition');
  });

  it('accepts the example plan glossary with no finding, and it holds every term the example prose uses', () => {
    const text = readFileSync(join(packageRoot, 'data/2025-26/glossary.yaml'), 'utf8');
    expect(validate(text)).toEqual([]);
    const data = load(text) as GlossaryData;
    expect(auditGlossary(data)).toEqual([]);
    const required = 'YJS YJB YOT FTE ETE OOCD CAMHS SEND EHCP RJ ISS YDA PNC PCC HMIP NEET ASB CSE CCE NRM MASH SALT AIM DCS KPI HMPPS ONS ACE YRD JAC LAC SVD VRU DfE NHS ICB';
    expect(undefinedAcronyms(required, data)).toEqual([]);
    expect(data.terms.length).toBeGreaterThanOrEqual(36);
  });
});

describe('glossary: derive', () => {
  const glossary = deriveGlossary(sample);

  it('sorts the terms alphabetically, case ignored', () => {
    expect(glossary.entries.map((e) => e.term)).toEqual(["CBO's", 'Child First', 'DfE', 'ETE', 'OOCD', 'YOT']);
    expect(glossary.count).toBe(6);
  });

  it('gives every entry an anchor term-<slug>, unique even when two slugs meet', () => {
    expect(glossary.entries.find((e) => e.term === 'Child First')!.anchor).toBe('term-child-first');
    const clash = deriveGlossary({ terms: [{ term: 'C&YP', definition: 'x' }, { term: 'C YP', definition: 'y' }] });
    expect(clash.entries.map((e) => e.anchor).sort()).toEqual(['term-c-yp', 'term-c-yp-2']);
  });

  it('looks a word up by term, variant, plural or possessive', () => {
    expect(glossary.lookup.OOCd).toBe('OOCD');
    expect(lookupTerm(glossary, 'OOC')!.term).toBe('OOCD');
    expect(lookupTerm(glossary, 'OOCDs')!.term).toBe('OOCD');
    expect(lookupTerm(glossary, "YOT's")!.term).toBe('YOT');
    expect(lookupTerm(glossary, 'CBO')!.term).toBe("CBO's");
    expect(lookupTerm(glossary, 'OCCD')).toBeUndefined();
  });

  it('keeps the first definition when a term is repeated', () => {
    const repeated = deriveGlossary({ terms: [{ term: 'PCC', expansion: 'Police and Crime Commissioner', definition: 'first' }, { term: 'PCC', expansion: 'Police Crime Commissioner', definition: 'second' }] });
    expect(lookupTerm(repeated, 'PCC')!.definition).toBe('first');
  });
});

describe('glossary: acronyms in prose', () => {
  it('finds capitals-only and mixed-case abbreviations, dropping plurals and possessives', () => {
    expect(acronymsIn('The YOT works with the DfE, MoJ and CAMHS on OOCDs and the YJB’s KPIs.')).toEqual(['YOT', 'DfE', 'MoJ', 'CAMHS', 'OOCD', 'YJB', 'KPI']);
    expect(acronymsIn('Tools such as AIM3, T2A, B&NES and COVID-19 recovery.')).toEqual(['AIM3', 'T2A', 'B&NES', 'COVID-19']);
  });

  it('ignores ordinary capitalised words, single letters, Roman numerals and shouted headings', () => {
    expect(acronymsIn('Kelbridge uses AssetPlus. I met McKenzie in Part II and Appendix IV.')).toEqual([]);
    expect(acronymsIn('OUR VALUES AND AIMS are set out by the YJB.')).toEqual(['YJB']);
    expect(isAcronym('HoNOSCA')).toBe(true);
    expect(isAcronym('IMPORTANTLY')).toBe(false);
  });

  it('skips shortcodes, code, link targets, URLs and e-mail addresses', () => {
    const text = 'See {% table "offences" %} and {{ FIG }} `CODE`, [the YJB](https://www.gov.uk/YJB/PAGE) or mail YJS@KELBRIDGE.GOV.UK at www.EXAMPLE.org.';
    expect(acronymsIn(text)).toEqual(['YJB']);
  });

  it('reports where each acronym is, so a caller can give line and column', () => {
    const text = 'First line\nthe OOCd panel';
    const [found] = findAcronyms(text);
    expect(found).toEqual({ acronym: 'OOCd', text: 'OOCd', offset: 15 });
    expect(text.slice(found!.offset, found!.offset + 4)).toBe('OOCd');
  });

  it('Wolverhampton: of five spellings of out-of-court disposal, the three not in the glossary are reported', () => {
    const prose = 'practice in OCCD and RJ; the out of court disposals (OOCd) processes; OOCOD panels; a tracker for CR and OOCDD; feedback from JAC, CR, OOC.';
    expect(undefinedAcronyms(prose, sample)).toEqual(['OCCD', 'RJ', 'OOCOD', 'CR', 'OOCDD', 'JAC']);
    expect(variantUses(prose, sample)).toEqual([
      { variant: 'OOCd', term: 'OOCD' },
      { variant: 'OOC', term: 'OOCD' },
    ]);
  });

  it('skips words on the ignore list, and accepts a derived glossary too', () => {
    expect(undefinedAcronyms('That is OK with the YOT.', sample)).toEqual([]);
    expect(undefinedAcronyms('That is OK with the UK.', deriveGlossary(sample))).toEqual(['UK']);
  });

  it('normalises plurals only after a capital or digit', () => {
    expect(normaliseAcronym('LACs')).toBe('LAC');
    expect(normaliseAcronym('DfEs')).toBe('DfE');
    expect(normaliseAcronym('Ms')).toBe('Ms');
    expect(normaliseAcronym('CBO’s')).toBe('CBO');
  });
});

describe('glossary: audit', () => {
  it('warns on a term defined twice, at the second', () => {
    const data: GlossaryData = { terms: [{ term: 'RJ', definition: 'Restorative justice' }, { term: 'ETE', definition: 'x' }, { term: 'rj', definition: 'Restorative Justice again' }] };
    expect(auditGlossary(data)).toEqual([expect.objectContaining({ severity: 'warning', pointer: '/terms/2/term', code: 'audit.glossary-duplicate' })]);
    expect(auditGlossary(data)[0]!.message).toContain('entries 1 and 3');
  });

  it('warns on a variant that is another term, or another term\'s variant, or the term itself', () => {
    const data: GlossaryData = {
      terms: [
        { term: 'YJS', definition: 'youth justice service', variants: ['YOT', 'YOS'] },
        { term: 'YOT', definition: 'youth offending team' },
        { term: 'YOS', definition: 'x', variants: ['YOS', 'Yos'] },
        { term: 'CR', definition: 'community resolution', variants: ['CRs', 'OOC'] },
        { term: 'OOCD', definition: 'out-of-court disposal', variants: ['OOC'] },
      ],
    };
    const findings = auditGlossary(data);
    expect(findings.map((f) => f.pointer)).toEqual(['/terms/0/variants/0', '/terms/0/variants/1', '/terms/2/variants/0', '/terms/4/variants/0']);
    expect(findings.every((f) => f.severity === 'warning' && f.code === 'audit.glossary-variant')).toBe(true);
    expect(findings[0]!.message).toContain('also a term of its own');
    expect(findings[3]!.message).toContain('listed under both "CR" and "OOCD"');
  });

  it('gives no finding for a clean glossary', () => {
    expect(auditGlossary(sample)).toEqual([]);
  });
});

describe('glossary: figures, table and shortcode', () => {
  const glossary = glossaryBlock.derive(sample, plan);

  it('offers the count and a table in sorted order', () => {
    expect(glossaryFigures(glossary)['glossary.count']).toEqual({ kind: 'count', value: 6 });
    const [table] = glossaryTables(glossary);
    expect(table!.id).toBe('glossary');
    expect(table!.rows[0]).toEqual({ term: "CBO's", expansion: 'Criminal Behaviour Orders', definition: 'As Coventry wrote it, with an apostrophe.', variants: null });
    expect(table!.rows.find((row) => row.term === 'OOCD')!.variants).toBe('OOCd, OOC');
  });

  it('renders a definition list with anchors, expansions and variants, escaping author text', () => {
    const env = createNunjucks();
    const data: GlossaryData = { intro: 'Terms *used* here.', terms: [...sample.terms, { term: 'XSS', definition: '<script>alert(1)</script>' }] };
    const shortcode = glossaryBlock.shortcodes!.glossary!;
    const html = env.render(shortcode.template, { ...shortcode.context(glossaryBlock.derive(data, plan), [], plan), plan: { id: '2025-26' }, page: { url: '/2025-26/glossary/' } });
    expect(html).toContain('<dl class="govuk-summary-list">');
    expect(html).toContain('id="term-oocd"');
    expect(html).toContain('<abbr title="out-of-court disposal">OOCD</abbr>');
    expect(html).toContain('Also written OOCd, OOC.');
    expect(html).toContain('<em>used</em>');
    expect(html).not.toContain('<script>');
    expect(html.indexOf('id="term-cbo-s"')).toBeLessThan(html.indexOf('id="term-yot"'));
  });
});
