import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../../load/yaml-file.ts';
import { validateAgainstSchema } from '../../validate/schema.ts';
import { formatFigure } from '../../render/format.ts';
import { createNunjucks } from '../../render/nunjucks.ts';
import { planContext } from '../plan/derive.ts';
import type { PlanContext } from '../plan/types.ts';
import schema from './schema.json' with { type: 'json' };
import { deriveStaffing } from './derive.ts';
import { auditStaffing } from './audit.ts';
import { breakdownTable, rolesTable, staffingTables } from './tables.ts';
import { staffingBlock, staffingContext, staffingFigures, staffingSummary } from './index.ts';
import { CONTRACT_TYPES, DISABILITY_KEYS, ETHNICITY_KEYS, SEX_KEYS, type StaffingData } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

const plan: PlanContext = planContext('2025-26', {
  authority: 'Kelbridge Borough Council',
  service: 'Kelbridge Youth Justice Service',
  period: { label: '2025-26', start: '2025-04-01', end: '2026-03-31' },
  edition: 'yjb-2023',
  asOf: '2025-06-13',
  status: { current: 'draft' },
});

function load(path: string): { data: StaffingData; schemaErrors: string[] } {
  const loaded = parseYaml(path, readFileSync(path));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const schemaErrors = validateAgainstSchema(loaded.source, loaded.data, schema).map((d) => `${d.line}:${d.col} ${d.message}`);
  return { data: loaded.data as StaffingData, schemaErrors };
}

function valid(path: string): StaffingData {
  const { data, schemaErrors } = load(path);
  expect(schemaErrors).toEqual([]);
  return data;
}

function run(data: StaffingData) {
  const derived = deriveStaffing(data, plan);
  return { derived, findings: auditStaffing(data, derived) };
}

const copy = <T>(value: T): T => structuredClone(value);

/** A small service: 3 people in post, one vacancy, one volunteer. */
function small(): StaffingData {
  return {
    roles: [
      { role: 'Case manager', group: 'Practitioners', contract: 'permanent', headcount: 2, fte: 1.8 },
      { role: 'Case manager', group: 'Practitioners', contract: 'vacant', headcount: 1, fte: 1 },
      { role: 'Panel member', group: 'Volunteers', contract: 'volunteer', headcount: 1 },
    ],
  };
}

describe('Coventry 2016-17, Appendix 4', () => {
  const data = valid(join(here, 'fixtures', 'coventry-2016-17.yaml'));

  it('adds up to 62 staff, 46 women, 50 White, and raises no finding', () => {
    const { derived, findings } = run(data);
    expect(findings).toEqual([]);
    expect(derived.headcount).toBe(62);
    expect(derived.fte).toBeNull();
    expect(derived.volunteers).toBe(17);
    expect(derived.byContract.seconded.headcount).toBe(5);
    expect(derived.sex!.counts).toEqual({ female: 46, male: 16, notKnown: 0 });
    expect(derived.ethnicity!.counts).toMatchObject({ white: 50, asian: 6, black: 4, mixed: 1, other: 0, notKnown: 1 });
    expect(derived.sex!.shares.female).toBeCloseTo((46 / 62) * 100, 10);
  });

  it('shows the contract-type table as Coventry printed it: 36 permanent, 5 seconded, 17 volunteers', () => {
    const table = rolesTable(deriveStaffing(data));
    expect(table.columns.map((c) => c.key)).toEqual(['role', 'group', 'employer', 'permanent', 'fixed-term', 'seconded', 'sessional', 'volunteer', 'headcount', 'fte']);
    expect(table.totals).toMatchObject({ permanent: 36, 'fixed-term': 1, seconded: 5, sessional: 3, volunteer: 17, headcount: 62, fte: null });
    const adminFullTime = table.rows.find((row) => row.role === 'Administration (full-time)')!;
    expect(adminFullTime).toMatchObject({ permanent: 4, 'fixed-term': 1, seconded: null, headcount: 5 });
  });

  it('catches a changed cell: 27 permanent women instead of 26', () => {
    const changed = copy(data);
    (changed.sex as { female?: number }[])[0]!.female = 27;
    const { findings } = run(changed);
    expect(findings.map((f) => f.pointer)).toEqual(['/sex/0', '/stated/sex/female']);
    expect(findings[0]!.message).toContain('add up to 37 but the headcount of those roles is 36');
    expect(findings[1]!.message).toContain('stated as 46 but the sex breakdown adds up to 47');
  });
});

describe('Bath and North East Somerset 2021-22, Appendix 2', () => {
  const data = valid(join(here, 'fixtures', 'bathnes-2021-22.yaml'));

  it('gives the plan\'s 79% female and 2 of 34 from ethnic minorities, with no finding', () => {
    const { derived, findings } = run(data);
    expect(findings).toEqual([]);
    expect(derived.headcount).toBe(34);
    expect(derived.vacancies).toBe(1);
    const figures = staffingFigures(derived);
    expect(formatFigure(figures['staffing.sex.female.share']!)).toBe('79.4%');
    expect(formatFigure(figures['staffing.ethnicity.white.share']!)).toBe('94.1%');
  });

  it('shows FTEs to the two decimals they were given (0.16 of a post)', () => {
    const table = rolesTable(deriveStaffing(data));
    expect(table.columns.find((c) => c.key === 'fte')!.precision).toBe(2);
  });
});

describe('Kelbridge example plan', () => {
  const data = valid(join(root, 'data', '2025-26', 'staffing.yaml'));

  it('has 35 people in post (21.4 FTE), 9 volunteers, 1 vacancy, and raises no finding', () => {
    const { derived, findings } = run(data);
    expect(findings).toEqual([]);
    expect(derived.headcount).toBe(35);
    expect(derived.fte).toBe(21.4);
    expect(derived.volunteers).toBe(9);
    expect(derived.vacancies).toBe(1);
    expect(derived.vacantFte).toBe(1);
    expect(staffingSummary(derived)).toBe('At 31 March 2025 the service had 35 people in post (21.4 full-time equivalent), including 9 volunteers, and 1 vacant post.');
  });

  it('offers the four tables and the figures the brief names', () => {
    const derived = deriveStaffing(data);
    expect(staffingTables(derived).map((t) => t.id)).toEqual(['staffing-roles', 'staffing-sex', 'staffing-ethnicity', 'staffing-disability']);
    const figures = staffingFigures(derived);
    expect(Object.keys(figures)).toEqual(
      expect.arrayContaining(['staffing.headcount', 'staffing.fte', 'staffing.vacancies', 'staffing.sex.female.share', 'staffing.ethnicity.white.share', 'staffing.ethnicity.notKnown.share', 'staffing.disability.share']),
    );
    expect(formatFigure(figures['staffing.fte']!)).toBe('21.4');
    expect(figures['staffing.headcount.excludingVolunteers']!.value).toBe(26);
    expect(formatFigure(figures['staffing.disability.share']!)).toBe('8.6%');
  });

  it('compares staff with the caseload (counts made shares) and the population (shares as given)', () => {
    const derived = deriveStaffing(data);
    expect(derived.ethnicity!.comparison.caseload!.white).toBeCloseTo((112 / 142) * 100, 10);
    expect(derived.ethnicity!.comparison.caseload!.asian).toBeNull();
    expect(derived.ethnicity!.comparison.population!.white).toBeCloseTo((18690 / 21480) * 100, 10);
    expect(derived.sex!.comparison.caseload!.female).toBeCloseTo((27 / 142) * 100, 10);
    const table = breakdownTable(derived, 'ethnicity')!;
    expect(table.columns.map((c) => c.label)).toEqual([
      'Ethnic group', 'Management', 'Practitioners', 'Seconded specialists', 'Business support', 'Volunteers', 'All staff', 'Staff (%)', 'Children worked with, 2024-25 (%)', 'Children aged 10 to 17 (%)',
    ]);
    // "Not known" appears because one volunteer is in it; "prefer not to say" does not, as nobody is.
    expect(table.rows.map((row) => row.category)).toEqual([
      'Asian or Asian British', 'Black, Black British, Caribbean or African', 'Mixed or multiple ethnic groups', 'White', 'Other ethnic group', 'Not known',
    ]);
    expect(table.totals).toMatchObject({ staff: 35, staffShare: 100 });
    expect(table.rows[0]).toMatchObject({ category: 'Asian or Asian British', staff: 2, caseload: '[c]' });
    expect(table.footnotes!.map((n) => n.marker)).toEqual(['[c]', '*', '†', '‡']);
    expect(table.footnotes![1]).toEqual({ marker: '*', text: 'Staff include 9 volunteers.' });
    expect(table.footnotes![2]!.text).toContain('are not shown, because');
    expect(table.wide).toBe(true);
  });

  it('puts one role on one line, with its contract types side by side, and vacancies outside the headcount', () => {
    const table = rolesTable(deriveStaffing(data));
    const caseManager = table.rows.find((row) => row.role === 'Case manager')!;
    expect(caseManager).toMatchObject({ permanent: 4, 'fixed-term': 1, vacant: 1, headcount: 5, fte: 4.6 });
    const volunteers = table.rows.find((row) => row.role === 'Referral order panel member')!;
    expect(volunteers.fte).toBeNull();
    expect(table.footnotes!.map((n) => n.marker)).toEqual(['1', '2', '3', '*']);
    expect(table.rowNotes).toEqual({ 4: ['1'], 14: ['2'], 15: ['3'] });
  });

  it('renders the summary, four headed tables and their downloads', () => {
    const env = createNunjucks();
    const derived = deriveStaffing(data);
    const html = env.render(staffingBlock.shortcodes!.staffing!.template, { ...staffingContext(derived, []), plan: { id: '2025-26' }, page: { url: '/2025-26/staffing/' } });
    expect(html).toContain('35 people in post');
    expect(html.match(/<h3 /g)).toHaveLength(4);
    expect(html).toMatch(/<caption class="govuk-table__caption govuk-table__caption--s"[^>]*>/);
    expect(html).toContain('Staff by ethnic group, at 31 March 2025</caption>');
    expect(html).toContain('staffing-disability.csv');
    const one = env.render('staffing/staffing.njk', { ...staffingContext(derived, ['sex']), plan: { id: '2025-26' }, page: { url: '/2025-26/staffing/' } });
    expect(one).not.toContain('<h3');
    expect(one.match(/<table /g)).toHaveLength(1);
  });
});

describe('staffing audit', () => {
  it('warns when a role has more FTE than people', () => {
    const data = small();
    data.roles[0]!.fte = 2.5;
    const { findings } = run(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', pointer: '/roles/0/fte', code: 'audit.staffing-fte' });
    expect(findings[0]!.message).toBe('Case manager: the FTE (2.5) is more than the headcount (2)');
  });

  it('checks stated totals, and says when a stated headcount has counted the vacancies', () => {
    const data = { ...small(), stated: { headcount: 4, fte: 2.3, vacancies: 2 } };
    const { findings } = run(data);
    expect(findings.map((f) => f.pointer)).toEqual(['/stated/headcount', '/stated/fte', '/stated/vacancies']);
    expect(findings[0]!.message).toBe('the headcount is stated as 4 but the roles add up to 3');
    expect(findings[0]!.hint).toContain('includes the 1 vacant post;');
    expect(findings[1]!.message).toBe('the FTE is stated as 2.3 but the roles add up to 1.8');
    expect(findings[2]!.message).toBe('the number of vacancies is stated as 2 but the vacant posts add up to 1');
  });

  it('accepts a stated FTE that is the total rounded to the places it shows', () => {
    const data = small();
    data.roles[0]!.fte = 1.84;
    expect(run({ ...data, stated: { fte: 1.8 } }).findings).toEqual([]);
    expect(run({ ...data, stated: { fte: 1.85 } }).findings).toHaveLength(1);
  });

  it('warns when a stated FTE is more than the stated headcount', () => {
    const { findings } = run({ ...small(), stated: { headcount: 3, fte: 3.5 } });
    expect(findings.map((f) => f.message)).toContain('the stated FTE (3.5) is more than the stated headcount (3)');
  });

  it('warns when an overall breakdown does not add up to the headcount, naming both numbers', () => {
    const { findings } = run({ ...small(), disability: { disabled: 1, notDisabled: 1 } });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/disability', code: 'audit.staffing-breakdown' });
    expect(findings[0]!.message).toBe('the known disability counts for "All staff" add up to 2 but the headcount of those roles is 3');
  });

  it('warns when a breakdown leaves some staff out', () => {
    const { findings } = run({ ...small(), sex: [{ group: 'Practitioners', female: 2 }] });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe('the sex breakdown covers 2 of the 3 staff; it leaves out Panel member (volunteer): 1');
  });

  it('warns when a breakdown counts a role twice', () => {
    const { findings } = run({ ...small(), sex: [{ group: 'Practitioners', female: 2 }, { contract: 'permanent', female: 2 }, { group: 'Volunteers', male: 1 }] });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('counts some staff more than once: Case manager (permanent) is in more than one part');
  });

  it('reports a part whose selectors match no role as an error, with a suggestion', () => {
    const { findings } = run({ ...small(), sex: [{ group: 'Practitioner', female: 2 }, { group: 'Volunteers', male: 1 }] });
    const selector = findings.find((f) => f.code === 'audit.staffing-selector')!;
    expect(selector).toMatchObject({ severity: 'error', pointer: '/sex/0/group', hint: 'did you mean "Practitioners"?' });
  });

  it('checks counts given on a role row against that row', () => {
    const data = small();
    data.roles[0]!.ethnicity = { white: 1 };
    data.roles[2]!.ethnicity = { black: 1 };
    const { derived, findings } = run(data);
    expect(derived.ethnicity!.total).toBe(2);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/roles/0/ethnicity' });
    expect(findings[0]!.message).toBe('the ethnicity counts for "Case manager (permanent)" add up to 1 but the headcount of that role is 2');
  });

  it('flags counts given for a vacant post', () => {
    const data = small();
    data.roles[1]!.sex = { female: 1 };
    const findings = run({ ...data, sex: undefined }).findings;
    expect(findings.map((f) => f.message)).toContain('the sex counts for "Case manager (vacant)" add up to 1 person, but it has nobody in post');
  });

  it('checks stated breakdown totals against the breakdown, and alone against the headcount', () => {
    const withBreakdown = run({ ...small(), sex: { female: 2, male: 1 }, stated: { sex: { female: 3 } } }).findings;
    expect(withBreakdown.map((f) => f.pointer)).toEqual(['/stated/sex/female']);
    const alone = run({ ...small(), stated: { ethnicity: { white: 2 } } }).findings;
    expect(alone.map((f) => f.message)).toEqual(['the stated ethnicity counts add up to 2 but the headcount is 3']);
  });

  it('checks comparison counts against their total, and asks for a total when a category is withheld', () => {
    const group = (extra: object) => ({ ...small(), comparison: { caseload: { label: 'Caseload', ethnicity: { white: 100, black: 10, asian: null }, ...extra } } }) as StaffingData;
    expect(run(group({ total: 120 })).findings).toEqual([]);
    expect(run(group({ total: 105 })).findings.map((f) => f.message)).toEqual(['the caseload ethnicity counts add up to 110 but the total is given as 105']);
    expect(run(group({})).findings.map((f) => f.pointer)).toEqual(['/comparison/caseload/ethnicity']);
    const complete = { ...small(), comparison: { caseload: { label: 'Caseload', total: 120, sex: { female: 20, male: 90 } } } } as StaffingData;
    expect(run(complete).findings.map((f) => f.message)).toEqual(['the caseload sex counts add up to 110 but the total is given as 120']);
  });

  it('warns when comparison percentages do not add up to 100', () => {
    const data: StaffingData = { ...small(), comparison: { population: { label: 'Children aged 10 to 17', unit: 'percent', ethnicity: { white: 80, black: 10 } } } };
    const { findings } = run(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/comparison/population/ethnicity', code: 'audit.staffing-comparison' });
    expect(findings[0]!.message).toBe('the population ethnicity shares add up to 90.0%, not 100%');
    const rounded: StaffingData = { ...small(), comparison: { population: { label: 'x', unit: 'percent', sex: { female: 48.7, male: 51.2 } } } };
    expect(run(rounded).findings).toEqual([]);
  });
});

describe('staffing schema', () => {
  it('keeps the contract types and category keys in step with types.ts', () => {
    const s = schema as unknown as { properties: { roles: { items: { properties: { contract: { enum: string[] } } } } }; definitions: Record<string, { properties: Record<string, unknown> }> };
    expect(s.properties.roles.items.properties.contract.enum).toEqual([...CONTRACT_TYPES]);
    expect(Object.keys(s.definitions.sexCounts!.properties)).toEqual([...SEX_KEYS]);
    expect(Object.keys(s.definitions.ethnicityCounts!.properties)).toEqual([...ETHNICITY_KEYS]);
    expect(Object.keys(s.definitions.disabilityCounts!.properties)).toEqual([...DISABILITY_KEYS]);
  });

  it('points a misspelt category at its key, in a list or not', () => {
    const text = 'roles:\n  - { role: A, contract: permanent, headcount: 1 }\nsex:\n  - { role: A, females: 1 }\nethnicity: { whte: 1 }\n';
    const loaded = parseYaml('staffing.yaml', new TextEncoder().encode(text));
    if (!loaded.ok) throw new Error('parse');
    const errors = validateAgainstSchema(loaded.source, loaded.data, schema);
    expect(errors.map((e) => `${e.line} ${e.message} ${e.hint}`)).toEqual(['4 unknown field `females` did you mean `female`?', '5 unknown field `whte` did you mean `white`?']);
  });

  it('refuses a part about vacant posts', () => {
    const text = 'roles:\n  - { role: A, contract: vacant, headcount: 1 }\nsex:\n  - { contract: vacant, female: 1 }\n';
    const loaded = parseYaml('staffing.yaml', new TextEncoder().encode(text));
    if (!loaded.ok) throw new Error('parse');
    expect(validateAgainstSchema(loaded.source, loaded.data, schema)).toHaveLength(1);
  });

  it('rejects an unknown shortcode part with a message naming the parts', () => {
    expect(() => staffingContext(deriveStaffing(small()), ['gender'])).toThrow('there is no "gender" part; use one of "roles", "sex", "ethnicity", "disability"');
    expect(() => staffingContext(deriveStaffing(small()), ['sex'])).toThrow('gives no sex breakdown');
  });
});
