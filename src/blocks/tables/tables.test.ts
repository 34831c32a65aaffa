import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import schema from './schema.json' with { type: 'json' };
import glossarySchema from '../glossary/schema.json' with { type: 'json' };
import feedbackSchema from '../feedback/schema.json' with { type: 'json' };
import { createNunjucks, packageRoot } from '../../render/nunjucks.ts';
import { deriveTable, deriveTables, effectiveColumns, rowHeaderOf } from './derive.ts';
import { auditTables, splitTolerance } from './audit.ts';
import { achievableCounts, agreesAtPrecision, decimalsOf } from './stated.ts';
import { tableContext, tablesBlock, tablesFigures, tablesTables } from './index.ts';
import { COLUMN_TYPES, type FreeColumn, type FreeFootnote, type FreeTable, type TablesData } from './types.ts';
import { examplePlan, schemaValidator } from '../../../tests/helpers/plan.ts';

const plan = examplePlan;

const validate = schemaValidator(schema, 'tables.yaml');
const audit = (...tables: FreeTable[]) => auditTables({ tables });

// Coventry 2016-17, Appendix 4: staff by ethnic origin, with the row totals and the totals row as printed.
const ethnicGroups = ['white-british', 'white-other', 'indian', 'african', 'dual-heritage', 'black-other', 'asian', 'unknown'];
const coventryStaff = (strategicManager: Record<string, string | number | null> = { 'white-british': 1 }): FreeTable => ({
  id: 'staff-ethnicity',
  caption: 'YOS staff by ethnic origin, including sessional workers and volunteers',
  columns: [
    { key: 'role', label: 'Role', type: 'text' },
    ...ethnicGroups.map((key): FreeColumn => ({ key, label: key.replace('-', ' '), type: 'number' })),
    { key: 'total', label: 'Total', type: 'number', sumOf: ethnicGroups },
  ],
  rows: [
    { role: 'Strategic Manager', ...strategicManager, total: 1 },
    { role: 'Operational Managers', 'white-british': 5, total: 5 },
    { role: 'Practitioners', 'white-british': 22, indian: 3, 'black-other': 3, total: 28 },
    { role: 'Administration', 'white-british': 5, indian: 2, african: 1, total: 8 },
    { role: 'Sessional Workers', 'white-british': 3, total: 3 },
    { role: 'Volunteers', 'white-british': 4, 'white-other': 10, 'dual-heritage': 1, asian: 1, unknown: 1, total: 17 },
  ],
  statedTotals: { role: 'Total', 'white-british': 40, 'white-other': 10, indian: 5, african: 1, 'dual-heritage': 1, 'black-other': 3, asian: 1, unknown: 1, total: 62 },
});

// Coventry 2016-17, §4: social care status of the 135 children open at the year end, as counts and % of 135.
const coventrySocialCare = (): FreeTable => ({
  id: 'social-care-status',
  caption: 'Social care status of children open to the YOS, 31 March 2016',
  columns: [
    { key: 'status', label: 'Status', type: 'text' },
    { key: 'children', label: 'Children', type: 'number' },
    { key: 'percent', label: 'Percentage of the 135 open cases', type: 'percentage', precision: 0, of: 'children', base: 135 },
  ],
  rows: [
    { status: 'Looked after', children: 19, percent: 14 },
    { status: 'Previously looked after', children: 25, percent: 19 },
    { status: 'Child protection plan', children: 5, percent: 4 },
    { status: 'Previous child protection plan', children: 18, percent: 13 },
  ],
  statedTotals: { status: 'Known to social care', children: 67, percent: 50 },
});

// Wolverhampton 2019-20: the 11 custodial sentences by offence, with the shares the plan printed.
const wolverhamptonCustody = (robberyPercent: number): FreeTable => ({
  id: 'custody-offences',
  caption: 'Custodial sentences by offence, 2018-19',
  columns: [
    { key: 'offence', label: 'Offence', type: 'text' },
    { key: 'sentences', label: 'Sentences', type: 'number' },
    { key: 'percent', label: 'Percentage of sentences', type: 'percentage', of: 'sentences' },
  ],
  rows: [
    { offence: 'Violence', sentences: 6, percent: 55 },
    { offence: 'Robbery', sentences: 2, percent: robberyPercent },
    { offence: 'Other', sentences: 3 },
  ],
});

// Wolverhampton 2019-20, Table 1: the YJB partner contributions table, which adds up.
const wolverhamptonBudget = (statedTotal = 2198794): FreeTable => ({
  id: 'budget-2019-20',
  caption: 'Partner contributions to the youth offending partnership pooled budget 2019-2020',
  columns: [
    { key: 'agency', label: 'Agency', type: 'text' },
    { key: 'staffing', label: 'Staffing costs (£)', type: 'money' },
    { key: 'inKind', label: 'Payments in kind – revenue (£)', type: 'money' },
    { key: 'other', label: 'Other delegated funds (£)', type: 'money' },
    { key: 'total', label: 'Total (£)', type: 'money', sumOf: ['staffing', 'inKind', 'other'] },
  ],
  rows: [
    { agency: 'Local authority', staffing: 1117694, inKind: 12574, other: 298868, total: 1429136 },
    { agency: 'Police Service', staffing: 27360, inKind: 66100, total: 93460 },
    { agency: 'National Probation Service', inKind: 53603, total: 53603 },
    { agency: 'Health Service', inKind: 124223, total: 124223 },
    { agency: 'Police and crime commissioner', staffing: 66000, total: 66000 },
    { agency: 'YJB Practice Grant', staffing: 432372, total: 432372 },
    { agency: 'Welsh Government' },
    { agency: 'Other' },
  ],
  statedTotals: { staffing: 1643426, inKind: 256500, other: 298868, total: statedTotal },
});

const split = (values: (number | null)[], extra: Partial<FreeColumn> = {}, table: Partial<FreeTable> = {}): FreeTable => ({
  id: 'split',
  caption: 'A split',
  columns: [
    { key: 'name', label: 'Name', type: 'text' },
    { key: 'percent', label: 'Percentage', type: 'percentage', split: true, ...extra },
  ],
  rows: values.map((percent, index) => ({ name: `Row ${index + 1}`, percent })),
  ...table,
});

/** Paths of schema objects that break the house rules: a property without a description, an object open to any key. */
function ruleBreaks(node: unknown, path = '#'): string[] {
  if (node === null || typeof node !== 'object') return [];
  const schemaNode = node as Record<string, unknown>;
  const breaks: string[] = [];
  if (schemaNode.properties) {
    if (schemaNode.additionalProperties !== false) breaks.push(`${path}: additionalProperties is not false`);
    for (const [key, property] of Object.entries(schemaNode.properties as Record<string, Record<string, unknown>>)) {
      if (typeof property.description !== 'string' || property.description.length < 5) breaks.push(`${path}/properties/${key}: no description`);
    }
  }
  for (const [key, child] of Object.entries(schemaNode)) breaks.push(...ruleBreaks(child, `${path}/${key}`));
  return breaks;
}

describe('tables, glossary and feedback: schema house rules', () => {
  it('describes every property and closes every object to unknown keys', () => {
    expect(ruleBreaks(schema)).toEqual([]);
    expect(ruleBreaks(glossarySchema)).toEqual([]);
    expect(ruleBreaks(feedbackSchema)).toEqual([]);
    expect(ruleBreaks({ type: 'object', properties: { a: { type: 'string' } } })).toEqual(['#: additionalProperties is not false', '#/properties/a: no description']);
  });
});

describe('tables: schema', () => {
  it('keeps types.ts in step with schema.json', () => {
    const column: Required<FreeColumn> = { key: '', label: '', type: 'number', precision: 0, split: false, of: '', base: 1, sumOf: [] };
    const footnote: Required<FreeFootnote> = { marker: '', text: '', rows: [] };
    const table: Required<FreeTable> = { id: '', caption: '', columns: [], rows: [], rowHeader: '', totals: false, totalsLabel: '', statedTotals: {}, shareOf: '', shareLabel: '', sharePrecision: 1, footnotes: [], source: '', wide: false };
    const props = schema.properties.tables.items.properties;
    expect(Object.keys(props).sort()).toEqual(Object.keys(table).sort());
    expect(Object.keys(props.columns.items.properties).sort()).toEqual(Object.keys(column).sort());
    expect(Object.keys(props.footnotes.items.properties).sort()).toEqual(Object.keys(footnote).sort());
    expect(props.columns.items.properties.type.enum).toEqual([...COLUMN_TYPES]);
  });

  it('refuses an unknown column type and a boolean cell, at their lines', () => {
    const text = ['tables:', '  - id: t', '    caption: T', '    columns:', '      - { key: a, label: A, type: count }', '    rows:', '      - { a: yes }', '      - { a: true }', ''].join('\n');
    const lines = validate(text).map((d) => [d.line, d.code]);
    expect(lines).toEqual([
      [5, 'schema.enum'],
      [8, 'schema.type'],
    ]);
  });

  it('accepts the example plan tables, which give no finding', () => {
    const text = readFileSync(join(packageRoot, 'data/2025-26/tables.yaml'), 'utf8');
    expect(validate(text)).toEqual([]);
    const data = load(text) as TablesData;
    expect(auditTables(data)).toEqual([]);
    expect(data.tables.map((t) => t.id)).toEqual(['offences', 'caseload-ethnicity']);
  });
});

describe('tables: stated figures', () => {
  it('judges a stated value at the decimals it shows', () => {
    expect(decimalsOf(85)).toBe(0);
    expect(decimalsOf(85.4)).toBe(1);
    expect(decimalsOf(1e-7)).toBe(7);
    expect(agreesAtPrecision(85, 85.37)).toBe(true);
    expect(agreesAtPrecision(85.3, 85.37)).toBe(false);
    expect(agreesAtPrecision(50, 49.63)).toBe(true);
  });

  it('lists the whole counts that can give a percentage (none for 84% of 11 or 45% of 18)', () => {
    expect(achievableCounts(84, 11)).toEqual([]);
    expect(achievableCounts(45, 18)).toEqual([]);
    expect(achievableCounts(64, 135)).toEqual([86, 87]);
  });
});

describe('tables: derive', () => {
  it('adds the share column shareOf asks for, after its column, and totals the table', () => {
    const derived = deriveTable({
      id: 'offences',
      caption: 'Offences',
      columns: [
        { key: 'type', label: 'Type', type: 'text' },
        { key: 'offences', label: 'Offences', type: 'number' },
        { key: 'note', label: 'Note', type: 'text' },
      ],
      rows: [
        { type: 'Violence', offences: 30, note: 2024 },
        { type: 'Theft', offences: 10 },
        { type: 'Other', offences: 'N/A' },
      ],
      shareOf: 'offences',
      totals: true,
    });
    expect(derived.model.columns.map((c) => [c.key, c.kind, c.precision])).toEqual([
      ['type', 'text', 0],
      ['offences', 'number', 0],
      ['offences-share', 'percent', 1],
      ['note', 'text', 0],
    ]);
    expect(derived.model.rows.map((r) => r['offences-share'])).toEqual([75, 25, 'N/A']);
    expect(derived.model.rows[0]!.note).toBe('2024');
    expect(derived.model.rows[1]!.note).toBeNull();
    expect(derived.model.totals).toEqual({ type: 'Total', offences: 40, 'offences-share': 100, note: null });
    expect(derived.totals).toEqual({ offences: 40, 'offences-share': 100 });
    expect(derived.rowCount).toBe(3);
    expect(derived.rowSlugs).toEqual(['violence', 'theft', 'other']);
  });

  it('works out row totals and shares of a base, and shows the computed values rather than the stated ones', () => {
    const derived = deriveTable(coventrySocialCare());
    expect(derived.model.rows[0]!.percent).toBeCloseTo((19 / 135) * 100, 10);
    expect(derived.totals.children).toBe(67);
    expect(derived.totals.percent).toBeCloseTo((67 / 135) * 100, 10);
    expect(derived.model.totals!.status).toBe('Known to social care');
    const budget = deriveTable({ ...wolverhamptonBudget(), rows: [{ agency: 'Police', staffing: 10, inKind: 5, total: 99 }] });
    expect(budget.model.rows[0]!.total).toBe(15);
  });

  it('adds up a split, but not a column of rates', () => {
    expect(deriveTable(split([60, 40])).totals.percent).toBe(100);
    const rates = deriveTable({ ...split([37.5, 41.2], { split: undefined }), statedTotals: { percent: 39.1 } });
    expect(rates.totals.percent).toBeNull();
    expect(rates.model.totals!.percent).toBe(39.1);
  });

  it('keeps blanks and N/A apart, shows decimals the numbers have, and turns footnote rows and the source into notes', () => {
    const derived = deriveTable({
      id: 'beds',
      caption: 'Bed nights by establishment',
      columns: [
        { key: 'place', label: 'Establishment', type: 'text' },
        { key: 'nights', label: 'Bed nights', type: 'number' },
        { key: 'fte', label: 'Staff (FTE)', type: 'number' },
      ],
      rows: [
        { place: 'Secure children\'s home', nights: 120, fte: 'N/A' },
        { place: 'Young offender institution', nights: null, fte: 2.5 },
      ],
      footnotes: [{ marker: '1', text: 'Includes a secure school.', rows: ['Secure children\'s home'] }],
      source: 'Youth Custody Service',
    });
    expect(derived.model.rows.map((r) => [r.nights, r.fte])).toEqual([
      [120, 'N/A'],
      [null, 2.5],
    ]);
    expect(derived.columns.find((c) => c.key === 'fte')!.precision).toBe(1);
    expect(derived.model.rowNotes).toEqual({ 0: ['1'] });
    expect(derived.model.footnotes).toEqual([
      { marker: '1', text: 'Includes a secure school.' },
      { marker: 'Source', text: 'Youth Custody Service' },
    ]);
    expect(derived.model.totals).toBeUndefined();
  });

  it('picks the row header: as set, else the first text column', () => {
    expect(rowHeaderOf(coventryStaff())).toBe('role');
    expect(rowHeaderOf({ ...coventryStaff(), rowHeader: 'total' })).toBe('total');
    expect(effectiveColumns({ ...coventrySocialCare(), shareOf: 'children' }).map((c) => c.key)).toEqual(['status', 'children', 'children-share', 'percent']);
  });
});

describe('tables: audit', () => {
  it('Coventry: the staff ethnicity table and the social care status table add up, and give no finding', () => {
    expect(audit(coventryStaff(), coventrySocialCare())).toEqual([]);
  });

  it('Coventry: the OCR debris in the staff table ("_" and the Cyrillic "ш") is caught at its cells', () => {
    const findings = audit(coventryStaff({ 'white-british': 1, indian: '_', 'black-other': 'ш' }));
    expect(findings.map((f) => [f.severity, f.pointer, f.code])).toEqual([
      ['warning', '/tables/0/rows/0/indian', 'audit.table-cell-type'],
      ['warning', '/tables/0/rows/0/black-other', 'audit.table-cell-type'],
    ]);
    expect(findings[1]!.message).toBe('"ш" in the number column "black other" of table "staff-ethnicity" is text, not a number');
  });

  it('Wolverhampton: the robbery share "21%" of 11 sentences is caught; 55% for violence is right', () => {
    const findings = audit(wolverhamptonCustody(21));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', pointer: '/tables/0/rows/1/percent', code: 'audit.table-share' });
    expect(findings[0]!.message).toBe('21% is stated for "Robbery" but 2 of 11 is 18.2%');
    expect(findings[0]!.hint).toContain('no whole number out of 11 gives 21% (2 of 11 is 18.2% and 3 of 11 is 27.3%)');
    expect(audit(wolverhamptonCustody(18))).toEqual([]);
  });

  it('Wolverhampton: Table 1 adds up; a mistyped total is caught with both numbers', () => {
    expect(audit(wolverhamptonBudget())).toEqual([]);
    const [finding] = audit(wolverhamptonBudget(2198790));
    expect(finding).toMatchObject({ severity: 'warning', pointer: '/tables/0/statedTotals/total', code: 'audit.table-total' });
    expect(finding!.message).toBe('the total of "Total (£)" is stated as 2,198,790 but the rows add up to 2,198,794');
  });

  it('catches a row total that is not the sum of its row', () => {
    const table = coventryStaff();
    table.rows[2] = { ...table.rows[2], total: 27 };
    const findings = audit(table);
    // The totals row adds up the worked-out row totals, so only the wrong cell is reported.
    expect(findings.map((f) => f.pointer)).toEqual(['/tables/0/rows/2/total']);
    expect(findings[0]!.message).toBe('the "Total" of "Practitioners" is stated as 27 but white-british + white-other + indian + african + dual-heritage + black-other + asian + unknown add up to 28');
  });

  it('catches a stated share of the total that the counts do not give', () => {
    const table = coventrySocialCare();
    table.statedTotals = { ...table.statedTotals, percent: 52 };
    expect(audit(table).map((f) => [f.pointer, f.message])).toEqual([['/tables/0/statedTotals/percent', 'the total of "Percentage of the 135 open cases" is stated as 52% but the rows make up 49.6%']]);
  });

  it('Coventry: the ethnic profile chart\'s surviving labels (1.0, 3.0, 5.2 and 9.0% of six groups) do not make a whole', () => {
    const findings = audit(split([1.0, 3.0, 5.2, 9.0, null, null]));
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', pointer: '/tables/0/columns/1/split', code: 'audit.table-split' })]);
    expect(findings[0]!.message).toBe('the percentages in "Percentage" of table "split" add up to 18.2, not 100');
  });

  it('allows a split to miss 100 by what rounding explains (±0.5), and no more', () => {
    expect(audit(split([61, 12, 27]))).toEqual([]);
    expect(audit(split([33.3, 33.3, 33.3]))).toEqual([]);
    expect(audit(split([45.2, 30.1, 25.3]))).toHaveLength(1);
    expect(splitTolerance(10, 1)).toBeCloseTo(0.5, 6);
    expect(splitTolerance(6, 0)).toBeCloseTo(3, 6);
    expect(audit(split([17, 17, 17, 17, 16, 17]))).toEqual([]);
  });

  it('reads a stated total of 100 as a split, and spots fractions written for percentages', () => {
    const findings = audit(split([0.5, 0.3, 0.2], { split: undefined }, { statedTotals: { percent: 100 } }));
    expect(findings).toEqual([expect.objectContaining({ pointer: '/tables/0/statedTotals/percent', code: 'audit.table-split' })]);
    expect(findings[0]!.hint).toContain('not as fractions');
  });

  it('explains how to write a cell that is text in a number column', () => {
    const table: FreeTable = {
      id: 'money',
      caption: 'Money',
      columns: [
        { key: 'item', label: 'Item', type: 'text' },
        { key: 'amount', label: 'Amount', type: 'money' },
        { key: 'share', label: 'Share', type: 'percentage' },
      ],
      rows: [
        { item: 'Remand', amount: '£121.691', share: '12%' },
        { item: 'Grant', amount: 'n/a', share: 'about half' },
        { item: 'Other', amount: 'N/A', share: null },
      ],
    };
    const hints = audit(table).map((f) => [f.pointer, f.hint]);
    expect(hints).toEqual([
      ['/tables/0/rows/0/amount', 'write the number alone: 121.691 (the column adds the £ sign and commas)'],
      ['/tables/0/rows/0/share', 'write the number alone: 12 (the column adds the % sign)'],
      ['/tables/0/rows/1/amount', 'write N/A (exactly) for not applicable, or leave it blank (~) for nothing'],
      ['/tables/0/rows/1/share', 'a percentage column holds numbers, N/A or a blank (~); put words in a footnote'],
    ]);
  });

  it('gives an error for a repeated table id, at the second', () => {
    const findings = audit(coventrySocialCare(), { ...wolverhamptonCustody(18), id: 'social-care-status' });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', pointer: '/tables/1/id', code: 'audit.table-duplicate-id' })]);
  });

  it('gives errors for keys that point at no column, with the nearest one, and stops before the arithmetic', () => {
    const table: FreeTable = {
      ...coventrySocialCare(),
      rowHeader: 'name',
      shareOf: 'childen',
      columns: [...coventrySocialCare().columns, { key: 'extra', label: 'Extra', type: 'percentage', of: 'status' }],
      rows: [{ status: 'Looked after', children: 19, percent: 99, childrn: 3 }],
      footnotes: [{ marker: 'a', text: 'x', rows: ['Looked after'] }],
    };
    const findings = audit(table);
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings.map((f) => f.pointer)).toEqual(['/tables/0/columns/3/of', '/tables/0/rowHeader', '/tables/0/shareOf', '/tables/0/rows/0/childrn']);
    expect(findings[2]!.hint).toBe('did you mean `children`?');
    expect(findings[3]!.atKey).toBe(true);
  });

  it('gives errors for options on the wrong kind of column and for duplicate column keys', () => {
    const table: FreeTable = {
      id: 't',
      caption: 'T',
      columns: [
        { key: 'a', label: 'A', type: 'text', sumOf: ['b'] },
        { key: 'b', label: 'B', type: 'number', of: 'a', split: true },
        { key: 'b', label: 'B again', type: 'percentage', base: 10 },
      ],
      rows: [],
    };
    expect(audit(table).map((f) => f.pointer)).toEqual(['/tables/0/columns/2/key', '/tables/0/columns/0/sumOf', '/tables/0/columns/1/of', '/tables/0/columns/1/split', '/tables/0/columns/2/base']);
  });

  it('checks footnotes: a marker used twice, and a note for a row that does not exist', () => {
    const table: FreeTable = { ...wolverhamptonCustody(18), footnotes: [{ marker: '*', text: 'one' }, { marker: '*', text: 'two', rows: ['Robery'] }] };
    const findings = audit(table);
    expect(findings.map((f) => [f.severity, f.pointer])).toEqual([
      ['warning', '/tables/0/footnotes/1/marker'],
      ['error', '/tables/0/footnotes/1/rows/0'],
    ]);
    expect(findings[1]!.hint).toBe('did you mean "Robbery"?');
  });
});

describe('tables: figures and shortcode', () => {
  const data = load(readFileSync(join(packageRoot, 'data/2025-26/tables.yaml'), 'utf8')) as TablesData;
  const derived = tablesBlock.derive(data, plan);

  it('offers row counts, totals and every number cell by row', () => {
    const figures = tablesFigures(derived);
    expect(figures['tables.offences.rows']).toEqual({ kind: 'count', value: 10 });
    expect(figures['tables.offences.total.offences']).toEqual({ kind: 'number', precision: 0, value: 230 });
    expect(figures['tables.offences.total.offences-share']).toEqual({ kind: 'percent', precision: 1, value: 100 });
    expect(figures['tables.caseload-ethnicity.total.population']!.value).toBe(21480);
    expect(figures['tables.caseload-ethnicity.row.black-or-black-british.caseload-share']!.value).toBeCloseTo((8 / 142) * 100, 10);
    expect(figures['tables.offences.row.violence-against-the-person.offences']!.value).toBe(78);
  });

  it('hands every table to the downloads', () => {
    expect(tablesTables(derived).map((t) => t.id)).toEqual(['offences', 'caseload-ethnicity']);
    expect(deriveTables(data).tables[1]!.model.rowNotes).toEqual({ 3: ['b'] });
  });

  it('renders {% table "id" %} through the shared table partial, and explains a missing id', () => {
    const env = createNunjucks();
    const shortcode = tablesBlock.shortcodes!.table!;
    const html = env.render(shortcode.template, { ...shortcode.context(derived, ['caseload-ethnicity'], plan), plan: { id: '2025-26' }, page: { url: '/2025-26/over-represented-groups/' } });
    expect(html).toMatch(/<caption class="govuk-table__caption govuk-table__caption--s"[^>]*>/);
    expect(html).toContain('Children on the caseload and children aged 10 to 17 in Kelbridge, by ethnic group, 2024-25</caption>');
    expect(html).toContain('<th scope="row" class="govuk-table__header">All children</th>');
    expect(html).toContain('>78.9%</td>');
    expect(html).toContain('>21,480</td>');
    expect(html).toContain('href="../data/caseload-ethnicity.csv"');
    expect(() => tableContext(derived, ['ofences'])).toThrow('there is no table "ofences" in tables.yaml; the tables are offences, caseload-ethnicity');
    expect(() => tableContext(derived, [])).toThrow(/needs a table id/);
  });
});
