import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preparePlan } from '../src/pipeline.ts';
import {
  feedbackSmallCounts,
  findNames,
  findPersonalData,
  isAnonymisationNote,
  isSmallCount,
  markdownExtracts,
  performanceSmallCounts,
  staffingSmallCounts,
  tableSmallCounts,
  type PersonalDataKind,
} from '../src/audit/disclosure.ts';
import type { TablesData } from '../src/blocks/tables/types.ts';
import type { PerformanceData } from '../src/blocks/performance/types.ts';
import type { StaffingData } from '../src/blocks/staffing/types.ts';
import type { FeedbackData } from '../src/blocks/feedback/types.ts';

const root = join(import.meta.dirname, '..');
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function exampleWith(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'yjplan-disclosure-'));
  copies.push(dir);
  cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

const kinds = (text: string, known: Set<string> = new Set()): PersonalDataKind[] => findPersonalData(text, known).map((m) => m.kind);

describe('the example plan', () => {
  it('passes every disclosure check', () => {
    expect(preparePlan(root, '2025-26').diagnostics.filter((d) => d.code.startsWith('disclosure.'))).toEqual([]);
  });
});

describe('personal data in text: each pattern is caught', () => {
  it('finds a personal name, but not roles, places, sentence openings or the plan\'s own names', () => {
    expect(findNames('Jordan Whitfield was referred after an assault.').map((m) => m.match)).toEqual(['Jordan Whitfield']);
    expect(findNames('His mother, Karen Doyle, came to every session.').map((m) => m.match)).toEqual(['Karen Doyle']);
    expect(findNames('The Youth Court magistrate and the Referral Order Panel member agreed.')).toEqual([]);
    expect(findNames('When Sam arrived, the case manager met him. After Christmas Day he returned.')).toEqual([]);
    expect(findNames('He joined the Kelbridge Youth Forum.', new Set(['kelbridge']))).toEqual([]);
    expect(findNames('"Sam" completed his order.')).toEqual([]);
    expect(findNames('Her teacher, Mrs Okafor, noticed first; Dr. Patel agreed.').map((m) => m.match)).toEqual(['Mrs Okafor', 'Dr. Patel']);
  });

  it('finds initials with a date', () => {
    expect(kinds('J.S., 14/03/2009, was cautioned.')).toContain('initials-with-date');
    expect(kinds('Work with JS (14 March 2009) began in May.')).toContain('initials-with-date');
    expect(kinds('The YJS met in May.')).not.toContain('initials-with-date');
  });

  it('finds a date of birth written several ways', () => {
    expect(kinds('Leah was born on 3 March 2011 in the town.')).toContain('date-of-birth');
    expect(kinds('DOB: 03/03/2011')).toContain('date-of-birth');
    expect(kinds('Her date of birth is 3.3.11.')).toContain('date-of-birth');
    expect(kinds('He is 15 and has lived here since 2019.')).not.toContain('date-of-birth');
  });

  it('finds email addresses', () => {
    expect(findPersonalData('Write to sam.jones@example.com for help.').map((m) => [m.kind, m.match])).toEqual([['email', 'sam.jones@example.com']]);
  });

  it('finds UK phone numbers, not other numbers', () => {
    expect(kinds('Call 07700 900123 after school.')).toEqual(['phone']);
    expect(kinds('Ring his mum on 01632 960418.')).toEqual(['phone']);
    expect(kinds('or +44 7700 900 123')).toEqual(['phone']);
    expect(kinds('In 2024-25 the budget was £121,691 for 142 children and 21,480 residents.')).toEqual([]);
  });

  it('finds postcodes', () => {
    expect(findPersonalData('She lives near KB4 7QT.').map((m) => [m.kind, m.match])).toEqual([['postcode', 'KB4 7QT']]);
    expect(kinds('SW1A 1AA')).toEqual(['postcode']);
    expect(kinds('KPI 10 and the YJB data summary')).toEqual([]);
  });

  it('accepts an anonymisation note, not a placeholder', () => {
    expect(isAnonymisationNote('Name changed; age given in years only.')).toBe(true);
    expect(isAnonymisationNote('n/a')).toBe(false);
    expect(isAnonymisationNote('TBC')).toBe(false);
    expect(isAnonymisationNote('-')).toBe(false);
  });

  it('finds case studies (under a heading) and quotes (block quotes) in markdown', () => {
    const text = '# Voice\n\nIntro.\n\n## Case study: back to college\n\nSam did well.\n\n## Next\n\n> I felt listened to.\n> It helped.\n\nEnd.';
    const extracts = markdownExtracts(text);
    expect(extracts.map((e) => [e.kind, text.slice(e.start, e.end).trim()])).toEqual([
      ['case study', '## Case study: back to college\n\nSam did well.'],
      ['quote', '> I felt listened to.\n> It helped.'],
    ]);
  });
});

describe('small counts in the data', () => {
  it('counts 1 to threshold − 1 only', () => {
    expect([0, 1, 4, 5, 2.5, null].map((v) => isSmallCount(v, 5))).toEqual([false, true, true, false, false, false]);
    expect(isSmallCount(9, 10)).toBe(true);
  });

  const table = (rows: Record<string, number | string | null>[], statedTotals?: Record<string, number>): TablesData => ({
    tables: [{ id: 'offences', caption: 'Offences', columns: [{ key: 'type', label: 'Type', type: 'text' }, { key: 'offences', label: 'Offences', type: 'number' }, { key: 'cost', label: 'Cost', type: 'money' }], rows, ...(statedTotals ? { statedTotals } : {}) }],
  });

  it('flags small counts in number columns of tables, not withheld cells, zeros or money', () => {
    const { small, recoverable } = tableSmallCounts(table([{ type: 'Arson', offences: 3, cost: 2 }, { type: 'Robbery', offences: 'suppressed' }, { type: 'Theft', offences: 0 }, { type: 'Other', offences: 12 }]), 5);
    expect(small.map((s) => [s.pointer, s.value])).toEqual([['/tables/0/rows/0/offences', 3]]);
    expect(small[0]!.what).toBe('"Arson", "Offences" in table "offences"');
    expect(recoverable).toEqual([]);
  });

  it('says when the one withheld cell can be worked out from a stated total', () => {
    const { recoverable } = tableSmallCounts(table([{ type: 'Arson', offences: 'suppressed' }, { type: 'Other', offences: 12 }], { offences: 15 }), 5);
    expect(recoverable).toEqual([{ pointer: '/tables/0/statedTotals/offences', what: '"Offences" in table "offences"' }]);
  });

  it('flags KPI and local-measure counts, not national indicators (already published) or suppressed periods', () => {
    const data: PerformanceData = {
      indicators: [
        { id: 'custody', periods: [{ label: '2024-25', numerator: 2 }] },
        { id: 'kpi-serious-violence', periods: [{ label: '2024-25', numerator: 3, denominator: 40 }, { label: '2025-26', numerator: 2, denominator: 38, suppressed: true }] },
        { id: 'bed-nights', label: 'Remand bed nights', unit: 'count', periods: [{ label: '2024-25', numerator: 4 }] },
      ],
    };
    expect(performanceSmallCounts(data, 5).map((s) => [s.pointer, s.value])).toEqual([
      ['/indicators/1/periods/0/numerator', 3],
      ['/indicators/2/periods/0/numerator', 4],
    ]);
  });

  it('flags small counts of children on the caseload, not staff, and not categories left null', () => {
    const data = { roles: [], ethnicity: { white: 1 }, comparison: { caseload: { label: 'Caseload', unit: 'count', sex: { female: 27, male: 115 }, ethnicity: { white: 112, black: 3, asian: null } } } } as unknown as StaffingData;
    expect(staffingSmallCounts(data, 5).map((s) => [s.pointer, s.value])).toEqual([['/comparison/caseload/ethnicity/black', 3]]);
  });

  it('flags a survey answered by fewer people than the threshold', () => {
    const data: FeedbackData = {
      survey: { title: 'Exit survey', period: { start: '2025-01', end: '2025-03' }, respondents: 4, options: [{ id: 'yes', label: 'Yes' }], questions: [{ id: 'q', text: 'Did it help?', respondents: 3, counts: { yes: 3 } }] },
    };
    expect(feedbackSmallCounts(data, 5).map((s) => s.pointer)).toEqual(['/survey/respondents', '/survey/questions/0/respondents']);
  });
});

describe('check warns at the line, and passes what is safe', () => {
  it('warns on a small count in a table, at its cell, and renders a withheld one as "fewer than 5"', () => {
    const dir = exampleWith('data/2025-26/tables.yaml', (text) => text.replace('{ type: Robbery, offences: 12 }', '{ type: Robbery, offences: 3 }').replace('{ type: Other offences, offences: 14 }', '{ type: Other offences, offences: suppressed }').replace('statedTotals: { offences: 230 }', 'statedTotals: { offences: 221 }'));
    const prepared = preparePlan(dir, '2025-26');
    const small = prepared.diagnostics.filter((d) => d.code === 'disclosure.small-count');
    expect(small).toHaveLength(1);
    expect(small[0]).toMatchObject({ severity: 'warning', file: 'data/2025-26/tables.yaml', message: expect.stringContaining('3 ("Robbery", "Offences" in table "offences") is below the disclosure threshold of 5') });
    expect(small[0]!.excerpt).toContain('Robbery');
    expect(prepared.diagnostics.find((d) => d.code === 'disclosure.recoverable')).toMatchObject({ file: 'data/2025-26/tables.yaml' });
    // `suppressed` is not a type error in a number column.
    expect(prepared.diagnostics.filter((d) => d.code === 'audit.table-cell-type')).toEqual([]);
  });

  it('honours the threshold set in plan.yaml', () => {
    const dir = exampleWith('data/2025-26/plan.yaml', (text) => text.replace('disclosureThreshold: 5', 'disclosureThreshold: 10'));
    const small = preparePlan(dir, '2025-26').diagnostics.filter((d) => d.code === 'disclosure.small-count');
    // Black and Asian children (8 each) and 9 breaches now count as small.
    expect(small.map((d) => d.message.split(' ')[0])).toEqual(expect.arrayContaining(['8', '9']));
  });

  it('warns on an email address, a phone number and a name in a case study, on the lines that hold them', () => {
    const dir = exampleWith('data/2025-26/feedback.yaml', (text) => text.replace('"Sam" was referred after an assault outside a takeaway.', 'Sam Hollis was referred after an assault outside a takeaway; his mother can be reached on 07700 900123 or at hollis.family@example.com.'));
    const diagnostics = preparePlan(dir, '2025-26').diagnostics.filter((d) => d.code.startsWith('disclosure.'));
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['disclosure.email', 'disclosure.name', 'disclosure.phone']);
    const lines = readFileSync(join(dir, 'data/2025-26/feedback.yaml'), 'utf8').split('\n');
    for (const d of diagnostics) expect(lines[d.line - 1]).toContain('Sam Hollis');
  });

  it('warns on initials with a date and a postcode in a quote', () => {
    const dir = exampleWith('data/2025-26/feedback.yaml', (text) => text.replace('Boxing on a Tuesday kept me busy', 'J.S., 14/03/2009, from KB4 7QT said boxing on a Tuesday kept me busy'));
    const codes = preparePlan(dir, '2025-26').diagnostics.filter((d) => d.code.startsWith('disclosure.')).map((d) => d.code);
    expect(codes.sort()).toEqual(['disclosure.initials-with-date', 'disclosure.postcode']);
  });

  it('warns on a case study with no anonymisation note, in the data and in the prose', () => {
    const inData = exampleWith('data/2025-26/feedback.yaml', (text) => text.replace(/anonymisation: Names changed;[^\n]*/, 'anonymisation: n/a'));
    expect(preparePlan(inData, '2025-26').diagnostics.find((d) => d.code === 'disclosure.no-anonymisation')).toMatchObject({ file: 'data/2025-26/feedback.yaml', message: 'case study "Working with the whole family" has no anonymisation note' });

    const story = '\n\n## Case study: a fresh start\n\nA boy of 15 was helped back into school after a year out. He was born on 2 May 2010.\n';
    const inProse = exampleWith('content/2025-26/education.md', (text) => text + story);
    const found = preparePlan(inProse, '2025-26').diagnostics.filter((d) => d.code.startsWith('disclosure.'));
    expect(found.map((d) => d.code).sort()).toEqual(['disclosure.date-of-birth', 'disclosure.no-anonymisation']);
    const lines = readFileSync(join(inProse, 'content/2025-26/education.md'), 'utf8').split('\n');
    expect(lines[found.find((d) => d.code === 'disclosure.no-anonymisation')!.line - 1]).toBe('## Case study: a fresh start');
    expect(lines[found.find((d) => d.code === 'disclosure.date-of-birth')!.line - 1]).toContain('born on 2 May 2010');

    const noted = exampleWith('content/2025-26/education.md', (text) => text + story.replace(' He was born on 2 May 2010.', ' Names and some details have been changed.'));
    expect(preparePlan(noted, '2025-26').diagnostics.filter((d) => d.code.startsWith('disclosure.'))).toEqual([]);
  });
});
