import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preparePlan } from '../src/pipeline.ts';
import { loadEdition } from '../src/load/edition.ts';
import { planContext } from '../src/blocks/plan/derive.ts';
import type { PlanData } from '../src/blocks/plan/types.ts';
import { PROMPT_MARKER } from '../src/render/section.ts';
import {
  approvalItems,
  assessCompleteness,
  blockItems,
  completenessDiagnostics,
  formatChecklist,
  isAnnualUpdate,
  isMultiYear,
  sectionState,
  submissionDeadline,
} from '../src/audit/completeness.ts';

const root = join(import.meta.dirname, '..');
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function exampleCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'yjplan-complete-'));
  copies.push(dir);
  cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
}

const kelbridge: PlanData = {
  authority: 'Kelbridge Borough Council',
  service: 'Kelbridge Youth Justice Service',
  period: { label: '2025-26', start: '2025-04-01', end: '2026-03-31' },
  edition: 'yjb-2023',
  asOf: '2025-06-13',
  status: { current: 'draft' },
};

describe('sections: missing, empty, still the prompt', () => {
  const prompt = 'Say who the plan is for.';
  it('tells each state apart', () => {
    expect(sectionState(undefined, prompt)).toBe('missing');
    expect(sectionState('  \n\n', prompt)).toBe('empty');
    expect(sectionState('## Our vision\n\n', prompt)).toBe('empty');
    expect(sectionState(`${PROMPT_MARKER}\n${prompt}\n`, prompt)).toBe('prompt');
    expect(sectionState(`${PROMPT_MARKER}\n${prompt}\n\nWe are the partnership for Kelbridge.`, prompt)).toBe('marked');
    expect(sectionState('We are the partnership for Kelbridge.', prompt)).toBe('complete');
    expect(sectionState('{% budgetTable %}', prompt)).toBe('complete');
  });

  it('counts the example plan complete: 31 of 31 sections, every required block, no warning', () => {
    const prepared = preparePlan(root, '2025-26');
    const result = assessCompleteness(prepared.loaded, prepared.derived!, '2025-06-20');
    expect(result.summary).toBe('31 of 31 sections complete');
    expect(result.items.filter((item) => item.state === 'incomplete')).toEqual([]);
    expect(result.items.filter((item) => item.group === 'blocks').map((item) => item.id)).toEqual(['block:budget', 'block:national-indicators', 'block:action-plan', 'block:board', 'block:sign-off']);
    expect(completenessDiagnostics(result)).toEqual([]);
  });

  it('lists a missing section, an empty one and one still holding its prompt, with the count', () => {
    const dir = exampleCopy();
    unlinkSync(join(dir, 'content/2025-26/education.md'));
    writeFileSync(join(dir, 'content/2025-26/evaluation.md'), '\n');
    const prompt = loadEdition('yjb-2023')!.sections.find((s) => s.id === 'prevention')!.prompt;
    writeFileSync(join(dir, 'content/2025-26/prevention.md'), `${PROMPT_MARKER}\n${prompt}\n`);
    const prepared = preparePlan(dir, '2025-26');
    const result = assessCompleteness(prepared.loaded, prepared.derived!, '2025-06-20');
    expect(result.summary).toBe('28 of 31 sections complete');
    const incomplete = result.items.filter((item) => item.state === 'incomplete');
    expect(incomplete.map((item) => [item.id, item.detail])).toEqual([
      ['section:prevention', 'still the prompt'],
      ['section:education', 'no file'],
      ['section:evaluation', 'the file is empty'],
    ]);
    const warnings = prepared.diagnostics.filter((d) => d.code.startsWith('completeness.'));
    expect(warnings.map((d) => d.code).sort()).toEqual(['completeness.section-empty', 'completeness.section-missing', 'completeness.section-prompt']);
    expect(warnings.find((d) => d.code === 'completeness.section-missing')).toMatchObject({ severity: 'warning', file: 'content/2025-26/education.md', message: 'Education: no file' });
    const printed = formatChecklist(result).join('\n');
    expect(printed).toContain('2025-26 against YJB guidance on youth justice plans, 2023 onwards: 28 of 31 sections complete');
    expect(printed).toContain('✗ Education — no file  (content/2025-26/education.md)');
  });
});

describe('required blocks', () => {
  const edition = loadEdition('yjb-2023')!;
  it('says which of the budget table, national indicators, action plan, board and sign-off are absent', () => {
    const items = blockItems('2026-27', edition, { priorities: { actions: [] }, board: { members: [{ name: 'A' }] } });
    const byId = Object.fromEntries(items.map((item) => [item.id, item]));
    expect(byId['block:budget']).toMatchObject({ state: 'incomplete', detail: 'there is no data/2026-27/budget.yaml' });
    expect(byId['block:national-indicators']).toMatchObject({ state: 'incomplete', detail: 'there is no data/2026-27/performance.yaml' });
    expect(byId['block:action-plan']).toMatchObject({ state: 'incomplete', detail: 'priorities.yaml has no actions' });
    expect(byId['block:board']).toMatchObject({ state: 'complete' });
    expect(byId['block:sign-off']).toMatchObject({ state: 'incomplete', detail: 'there is no data/2026-27/signatories.yaml' });
  });

  it('names the national indicators without figures', () => {
    const performance = { indicators: [{ id: 'fte', latest: { value: 135, suppressed: false } }, { id: 'custody', latest: { value: null, suppressed: true } }] };
    const item = blockItems('2026-27', edition, { performance }).find((i) => i.id === 'block:national-indicators');
    expect(item).toMatchObject({ state: 'incomplete', detail: 'no figures for reoffending-binary' });
  });

  it('asks only for the blocks the edition places: the 2016 practice note has no board appendix', () => {
    const ids = blockItems('2016-17', loadEdition('yjb-2016')!, {}).map((item) => item.id);
    expect(ids).toContain('block:budget');
    expect(ids).not.toContain('block:board');
  });
});

describe('approval and the submission deadline', () => {
  it('defaults the deadline to 30 June in the plan\'s first year, or takes the one set', () => {
    expect(submissionDeadline(kelbridge)).toBe('2025-06-30');
    expect(submissionDeadline({ ...kelbridge, submissionDeadline: '2025-08-05' })).toBe('2025-08-05');
  });

  it('warns once the deadline has passed and the plan is not submitted; not before; not once submitted', () => {
    const context = planContext('2025-26', kelbridge);
    expect(approvalItems('2025-26', context, {}, '2025-06-20')[0]).toMatchObject({ id: 'deadline', state: 'upcoming', detail: 'due in 10 day(s)' });
    expect(approvalItems('2025-26', context, {}, '2025-07-01')[0]).toMatchObject({ state: 'incomplete', code: 'completeness.deadline', detail: 'the deadline passed on 30 June 2025 and the status is still draft' });
    const late = planContext('2025-26', { ...kelbridge, submissionDeadline: '2025-08-05' });
    expect(approvalItems('2025-26', late, {}, '2025-07-01')[0]!.state).toBe('upcoming');
    const submitted = planContext('2025-26', { ...kelbridge, status: { current: 'submitted', history: [{ status: 'submitted', date: '2025-06-28' }] } });
    expect(approvalItems('2025-26', submitted, {}, '2025-07-01')[0]!.state).toBe('complete');
    // A past year's plan is history, not a missed deadline to nag about.
    expect(approvalItems('2025-26', context, {}, '2026-11-22')[0]!.state).toBe('upcoming');
  });

  it('warns when the status says approved but a signatory has no date', () => {
    const approved = planContext('2025-26', { ...kelbridge, status: { current: 'board-approved', history: [{ status: 'board-approved', date: '2025-06-20' }] } });
    const signatories = { count: 2, signatories: [{ name: 'Ruth Penhallow', signedOn: '2025-06-20' }, { name: 'Gareth Oduya', signedOn: null }] };
    const item = approvalItems('2025-26', approved, { signatories }, '2025-06-21').find((i) => i.id === 'signatures');
    expect(item).toMatchObject({ state: 'incomplete', code: 'completeness.unsigned', detail: 'the status is board-approved, but Gareth Oduya has no signature date' });
    // A draft is not expected to be signed.
    expect(approvalItems('2025-26', planContext('2025-26', kelbridge), { signatories }, '2025-06-21').find((i) => i.id === 'signatures')).toBeUndefined();
  });

  it('reports an approved example plan with unsigned signatories through check', () => {
    const dir = exampleCopy();
    edit(dir, 'data/2025-26/plan.yaml', (text) => text.replace('  current: draft', '  current: board-approved').replace('      note: First draft shared with the management board', '      note: First draft shared with the management board\n    - status: board-approved\n      date: 2025-06-12'));
    const unsigned = preparePlan(dir, '2025-26').diagnostics.find((d) => d.code === 'completeness.unsigned');
    expect(unsigned).toMatchObject({ severity: 'warning', file: 'data/2025-26/signatories.yaml', message: expect.stringContaining('Ruth Penhallow and Gareth Oduya have no signature date') });
  });
});

describe('annual update of a multi-year plan', () => {
  const threeYears: PlanData = { ...kelbridge, period: { label: '2024-27', start: '2024-04-01', end: '2027-03-31' }, asOf: undefined };
  it('recognises a multi-year plan and its annual updates', () => {
    expect(isMultiYear(threeYears.period)).toBe(true);
    expect(isMultiYear(kelbridge.period)).toBe(false);
    // A one-year plan within the three-year plan it updates.
    expect(isAnnualUpdate(kelbridge, threeYears, '2025-06-01')).toBe(true);
    // The three-year plan itself, once its first year is over.
    expect(isAnnualUpdate(threeYears, undefined, '2024-09-01')).toBe(false);
    expect(isAnnualUpdate(threeYears, undefined, '2025-05-01')).toBe(true);
    // One annual plan after another is not an update.
    expect(isAnnualUpdate(kelbridge, { ...kelbridge, period: { label: '2024-25', start: '2024-04-01', end: '2025-03-31' } }, '2025-06-01')).toBe(false);
  });

  it('asks an annual update for progress, a performance update, demographics and legislation', () => {
    const dir = exampleCopy();
    // The example as a three-year plan in its second year, with no previous plan to report on.
    edit(dir, 'data/2025-26/plan.yaml', (text) => text.replace('  end: 2026-03-31', '  end: 2028-03-31').replace('  label: 2025-26', '  label: 2025-28').replace('asOf: 2025-06-13', 'asOf: 2026-06-13'));
    const prepared = preparePlan(dir, '2025-26');
    const result = assessCompleteness(prepared.loaded, prepared.derived!, '2026-06-20');
    const annual = Object.fromEntries(result.items.filter((item) => item.group === 'annual-update').map((item) => [item.id, item]));
    expect(Object.keys(annual)).toEqual(['annual:progress', 'annual:performance', 'annual:demographics', 'annual:legislation']);
    expect(annual['annual:progress']).toMatchObject({ state: 'incomplete', detail: 'no previous plan to report on' });
    expect(annual['annual:performance']!.state).toBe('complete');
    expect(annual['annual:demographics']!.state).toBe('complete');
    // The introduction names the Crime and Disorder Act 1998.
    expect(annual['annual:legislation']!.state).toBe('complete');

    edit(dir, 'content/2025-26/introduction.md', (text) => text.replace('The Crime and Disorder Act 1998 requires', 'The law requires'));
    const silent = preparePlan(dir, '2025-26');
    const legislation = assessCompleteness(silent.loaded, silent.derived!, '2026-06-20').items.find((item) => item.id === 'annual:legislation');
    expect(legislation).toMatchObject({ state: 'incomplete', detail: 'no section mentions legislation' });
    expect(silent.diagnostics.filter((d) => d.code === 'completeness.annual-update').map((d) => d.message)).toContain('Changes in legislation: no section mentions legislation');
  });
});
