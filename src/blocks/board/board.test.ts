import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../../load/yaml-file.ts';
import { validateAgainstSchema } from '../../validate/schema.ts';
import { formatFigure } from '../../render/format.ts';
import { createNunjucks } from '../../render/nunjucks.ts';
import schema from './schema.json' with { type: 'json' };
import { deriveBoard, findChair } from './derive.ts';
import { auditBoard } from './audit.ts';
import { boardTable } from './tables.ts';
import { boardBlock, boardFigures, boardSummary } from './index.ts';
import { compareNames, findNameCollisions, normaliseName, parseName } from './names.ts';
import { STATUTORY_PARTNERS, type BoardData } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

function valid(path: string): BoardData {
  const loaded = parseYaml(path, readFileSync(path));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  expect(validateAgainstSchema(loaded.source, loaded.data, schema).map((d) => `${d.line}:${d.col} ${d.message}`)).toEqual([]);
  return loaded.data as BoardData;
}

function run(data: BoardData) {
  const derived = deriveBoard(data);
  return { derived, findings: auditBoard(data, derived) };
}

const copy = <T>(value: T): T => structuredClone(value);

/** Five statutory members, full attendance at 4 meetings. */
function small(): BoardData {
  const partners = ['local-authority', 'police', 'probation', 'health', 'education'] as const;
  const names = ['Ruth Penhallow', 'Claire Dunstan', 'Mark Ellery', 'Priya Natarajan', 'Fiona Treloar'];
  return {
    name: 'Test Board',
    meetings: 4,
    chair: 'Ruth Penhallow',
    members: partners.map((partner, index) => ({ name: names[index]!, role: 'Role', organisation: 'Org', statutory: true, partner, attended: 4 })),
  };
}

describe('names', () => {
  it('sets aside titles, ranks, punctuation, accents and post-nominals', () => {
    expect(normaliseName('Cllr Kamran Caan')).toBe('kamran caan');
    expect(normaliseName('Chief Superintendent Danny Long')).toBe('danny long');
    expect(normaliseName("Dr. Siobhán O'Neill OBE")).toBe('siobhan oneill');
    expect(normaliseName('Di Hart')).toBe('di hart');
    expect(normaliseName('DI Jo Hart')).toBe('jo hart');
    expect(normaliseName('Sarah Ma')).toBe('sarah ma');
    expect(parseName('Kamran A. Caan')).toEqual({ tokens: ['kamran', 'a', 'caan'], forename: 'kamran', surname: 'caan' });
  });

  it('knows one person under two spellings (every variant in Coventry 2016-17)', () => {
    expect(compareNames('Cllr Kamran Caan', 'Kamran Caan')).toBe('same');
    expect(compareNames('Kamran A Caan', 'Kamran Caan')).toBe('same');
    expect(compareNames('Chief Superintendent Danny Long', 'Daniel Long')).toBe('similar');
    expect(compareNames('Andy Wade', 'Andrew Wade')).toBe('similar');
    expect(compareNames('Anne Brennan', 'Ann Brennan')).toBe('similar');
    expect(compareNames('Mat Clayton', 'Matthew Clayton')).toBe('similar');
    expect(compareNames('Dave Woodhouse', 'David Woodhouse')).toBe('similar');
    expect(compareNames('K Caan', 'Kamran Caan')).toBe('similar');
    expect(compareNames('Mandy Whateley', 'Mandy Whatley')).toBe('similar');
    expect(compareNames('Katherine Hall', 'Catherine Hall')).toBe('similar');
  });

  it('keeps different people apart', () => {
    expect(compareNames('John Smith', 'Jane Smith')).toBeNull();
    expect(compareNames('Jan Hall', 'Jon Hall')).toBeNull();
    expect(compareNames('Mandy Whateley', 'Andy Whatley')).toBeNull();
    expect(compareNames('Tom Brierley', 'Tom Bradley')).toBeNull();
    expect(compareNames('Sam Lee', 'Sam Lea')).toBeNull();
  });

  it('lists every colliding pair in order', () => {
    expect(findNameCollisions(['Andy Wade', 'Nancy Meehan', 'Andrew Wade', 'A. Wade'])).toEqual([
      { first: 0, second: 2, match: 'similar' },
      { first: 0, second: 3, match: 'similar' },
      { first: 2, second: 3, match: 'similar' },
    ]);
  });
});

describe('Coventry 2016-17, Appendix 7', () => {
  const data = valid(join(here, 'fixtures', 'coventry-2016-17.yaml'));

  it('has 11 members, a chair found by name with his rank, all five partners, and no finding', () => {
    const { derived, findings } = run(data);
    expect(findings).toEqual([]);
    expect(derived.members).toHaveLength(11);
    expect(derived.chair?.name).toBe('Chief Superintendent Danny Long');
    expect(derived.statutoryPartners.every((partner) => partner.represented)).toBe(true);
    expect(derived.statutoryPartners.find((p) => p.partner === 'health')!.members).toEqual(['Alan Butler', 'Mandy Whateley']);
    expect(derived.attendance.rate).toBeNull();
  });

  it('catches a member added again under another spelling (Ann Brennan, from action 31)', () => {
    const changed = copy(data);
    changed.members.push({ name: 'Ann Brennan', role: 'Secondary lead', organisation: 'Coventry City Council' });
    const { findings } = run(changed);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', pointer: '/members/11/name', code: 'audit.board-duplicate' });
    expect(findings[0]!.message).toBe('"Anne Brennan" (member 2) and "Ann Brennan" (member 12) look like one person spelled two ways');
  });

  it('catches a misspelt surname and a councillor listed with and without the title', () => {
    const changed = copy(data);
    changed.members.push({ name: 'Mandy Whatley', role: 'Head of Specialist Health Services', organisation: 'CWPT' });
    changed.members.push({ name: 'Cllr Kamran Caan', role: 'Cabinet Member', organisation: 'Coventry City Council' });
    changed.members.push({ name: 'Kamran Caan', role: 'Cabinet Member', organisation: 'Coventry City Council' });
    const messages = run(changed).findings.map((f) => f.message);
    expect(messages).toEqual([
      '"Mandy Whateley" (member 10) and "Mandy Whatley" (member 12) look like one person spelled two ways',
      'one person is listed twice: as "Cllr Kamran Caan" (member 13) and "Kamran Caan" (member 14)',
    ]);
  });

  it('warns when the chair is given as the sign-off page spells him (Daniel Long)', () => {
    const { derived, findings } = run({ ...data, chair: 'Daniel Long' });
    expect(derived.chair).toBeNull();
    expect(derived.chairName).toBe('Daniel Long');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/chair', code: 'audit.board-chair' });
    expect(findings[0]!.message).toBe('the chair "Daniel Long" is not listed under that name; the nearest member is "Chief Superintendent Danny Long"');
  });
});

describe('Kelbridge example plan', () => {
  const data = valid(join(root, 'data', '2025-26', 'board.yaml'));

  it('has 12 members chaired by the Director of Children\'s Services, 83.6% attendance (KPI 8\'s 46 of 55), and no finding', () => {
    const { derived, findings } = run(data);
    expect(findings).toEqual([]);
    expect(derived.members).toHaveLength(12);
    expect(derived.chair?.role).toBe("Director of Children's Services");
    expect(derived.attendance).toEqual({ attended: 46, held: 55, rate: (46 / 55) * 100 });
    expect(derived.statutoryAttendance).toEqual({ attended: 23, held: 25, rate: 92 });
    const figures = boardFigures(derived);
    expect(formatFigure(figures['board.attendance.rate']!)).toBe('83.6%');
    expect(formatFigure(figures['board.members']!)).toBe('12');
    expect(formatFigure(figures['board.meetings']!)).toBe('5');
  });

  it('builds the table with "5 of 6" attendance, the chair marked, and a note for a mid-year joiner', () => {
    const table = boardTable(deriveBoard(data));
    expect(table.id).toBe('board');
    expect(table.columns.map((c) => c.label)).toEqual(['Name', 'Role', 'Organisation', 'Statutory partner', 'Deputy', 'Meetings attended', 'Attendance (%)']);
    expect(table.rows[0]).toMatchObject({ name: 'Ruth Penhallow (chair)', statutory: 'Local authority', attendance: '5 of 5', rate: 100 });
    expect(table.rows[5]).toMatchObject({ name: 'Owen Pascoe', statutory: 'No', attendance: '2 of 3' });
    expect(table.rows[5]!.rate).toBeCloseTo(66.667, 3);
    expect(table.rowNotes).toEqual({ 5: ['1'], 10: ['2'], 11: ['3'] });
    expect(table.totals).toMatchObject({ name: 'All members', attendance: '46 of 55' });
    expect(table.footnotes!.map((n) => n.marker)).toEqual(['1', '2', '3', '*']);
  });

  it('renders the summary and the table', () => {
    const derived = deriveBoard(data);
    expect(boardSummary(derived)).toEqual([
      "The board met 5 times in 2024-25 and is chaired by Ruth Penhallow, Director of Children's Services.",
      'Members attended 83.6% of the meetings held while they were members (statutory partners: 92.0%).',
      'All five statutory partners sit on the board: the local authority, police, probation, health and education.',
    ]);
    const shortcode = boardBlock.shortcodes!.board!;
    const html = createNunjucks().render(shortcode.template, { ...shortcode.context(derived, [], undefined as never), plan: { id: '2025-26' }, page: { url: '/2025-26/board/' } });
    expect(html).toContain('Director of Children&#39;s Services');
    expect(html).toContain('<th scope="row" class="govuk-table__header">Ruth Penhallow (chair)');
    expect(html).toContain('2 of 3');
    expect(() => shortcode.context(derived, ['x'], undefined as never)).toThrow('takes no arguments');
  });
});

describe('board audit', () => {
  it('reports attendance above the meetings held as an error', () => {
    const data = small();
    data.members[2]!.attended = 5;
    const { findings } = run(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', pointer: '/members/2/attended', code: 'audit.board-attendance' });
    expect(findings[0]!.message).toBe('Mark Ellery is recorded as attending 5 meetings, but only 4 meetings were held while they were a member');
    expect(findings[0]!.hint).toContain("defaults to the board's 4 meetings");
  });

  it('uses a member\'s own meetings held when they joined mid-year', () => {
    const data = small();
    data.members[1]!.held = 2;
    data.members[1]!.attended = 3;
    const { derived, findings } = run(data);
    expect(derived.members[1]!.held).toBe(2);
    expect(findings.map((f) => f.message)).toEqual(['Claire Dunstan is recorded as attending 3 meetings, but only 2 meetings were held while they were a member']);
  });

  it('warns when a member is said to have had more meetings than the board held', () => {
    const data = small();
    data.members[0]!.held = 5;
    const { findings } = run(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', pointer: '/members/0/held' });
    expect(findings[0]!.message).toBe('Ruth Penhallow has 5 meetings held while a member, but the board met 4 times in the year');
  });

  it('warns when the chair is not a member', () => {
    const { findings } = run({ ...small(), chair: 'Helen Moss' });
    expect(findings.map((f) => f.message)).toEqual(['the chair "Helen Moss" is not among the members']);
  });

  it('finds the chair by id, and by name with a title', () => {
    const data = small();
    data.members[3]!.id = 'icb';
    expect(findChair(data.members, 'icb')).toBe(3);
    expect(findChair(data.members, 'Dr Priya Natarajan')).toBe(3);
    expect(run({ ...data, chair: 'icb' }).derived.chair?.name).toBe('Priya Natarajan');
  });

  it('warns for each statutory partner with no statutory member, and says who is listed for it', () => {
    const data = small();
    data.members[2]!.statutory = false;
    data.members.splice(4, 1);
    const { derived, findings } = run(data);
    expect(derived.statutoryPartners.filter((p) => !p.represented).map((p) => p.partner)).toEqual(['probation', 'education']);
    expect(findings.map((f) => f.message)).toEqual(['no member sits for probation as a statutory partner', 'no member sits for education as a statutory partner']);
    expect(findings[0]!.hint).toBe('Mark Ellery is listed for probation: add `statutory: true` if they sit as the statutory partner');
    expect(findings[1]!.hint).toContain('partner: education');
    expect(boardSummary(derived)[2]).toBe('Statutory partners without a member on the board: probation and education.');
  });

  it('warns when a statutory member does not say which partner they sit for', () => {
    const data = small();
    delete data.members[4]!.partner;
    const codes = run(data).findings.map((f) => f.code);
    expect(codes).toEqual(['audit.board-partner', 'audit.board-statutory']);
  });

  it('reports a repeated id as an error', () => {
    const data = small();
    data.members[0]!.id = 'dcs';
    data.members[1]!.id = 'dcs';
    const { findings } = run({ ...data, chair: 'dcs' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'error', pointer: '/members/1/id', code: 'audit.board-id' });
  });

  it('leaves attendance blank, not 0, when it is not recorded', () => {
    const data = small();
    delete data.members[0]!.attended;
    const derived = deriveBoard(data);
    expect(derived.members[0]!.rate).toBeNull();
    expect(derived.attendance).toEqual({ attended: 16, held: 16, rate: 100 });
    expect(boardTable(derived).rows[0]!.attendance).toBeNull();
  });
});

describe('board schema', () => {
  it('lists the statutory partners that types.ts does', () => {
    const s = schema as unknown as { properties: { members: { items: { properties: { partner: { enum: string[] } } } } } };
    expect(s.properties.members.items.properties.partner.enum).toEqual([...STATUTORY_PARTNERS]);
  });

  it('points a misspelt partner at its line with a suggestion', () => {
    const text = 'name: Board\nmeetings: 4\nchair: x\nmembers:\n  - name: Jo Hart\n    role: Role\n    organisation: Org\n    partner: polce\n';
    const loaded = parseYaml('board.yaml', new TextEncoder().encode(text));
    if (!loaded.ok) throw new Error('parse');
    const errors = validateAgainstSchema(loaded.source, loaded.data, schema);
    expect(errors.map((e) => `${e.line} ${e.hint}`)).toEqual(['8 did you mean `police`?']);
  });
});
