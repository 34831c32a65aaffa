import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { carryPriorities, createPlan, periodDates, planNewPlan, promptFile } from '../src/cli/new.ts';
import { loadEdition } from '../src/load/edition.ts';
import { preparePlan } from '../src/pipeline.ts';
import { PROMPT_MARKER } from '../src/render/section.ts';
import { UserFacingError } from '../src/diagnostics.ts';
import { assessCompleteness } from '../src/audit/completeness.ts';
import type { PlanData } from '../src/blocks/plan/types.ts';
import type { PrioritiesData } from '../src/blocks/priorities/types.ts';

const root = join(import.meta.dirname, '..');
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function project(withExample = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'yjplan-new-'));
  copies.push(dir);
  if (withExample) {
    cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
    cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  }
  return dir;
}

const edition = loadEdition('yjb-2023')!;
const example = (name: string) => readFileSync(join(root, 'data/2025-26', `${name}.yaml`), 'utf8');

describe('periods', () => {
  it('reads the financial year from the label', () => {
    expect(periodDates('2026-27')).toEqual({ start: '2026-04-01', end: '2027-03-31' });
    expect(periodDates('2099-00')).toEqual({ start: '2099-04-01', end: '2100-03-31' });
    expect(periodDates('2024-27')).toEqual({ start: '2024-04-01', end: '2027-03-31' });
  });

  it('refuses what is not a period', () => {
    expect(() => periodDates('next-year')).toThrow(UserFacingError);
    expect(() => periodDates('2026-2027')).toThrow(/write the financial year as 2026-27/);
    expect(() => periodDates('2026-99')).toThrow(/73 years/);
  });
});

describe('planning a new plan (pure)', () => {
  it('without --from: plan.yaml with placeholders, and every section of the edition holding its prompt', () => {
    const planned = planNewPlan({ period: '2026-27', edition, today: '2026-03-02' });
    const paths = planned.files.map((f) => f.path);
    expect(paths[0]).toBe('data/2026-27/plan.yaml');
    expect(paths.filter((p) => p.startsWith('content/2026-27/'))).toHaveLength(edition.sections.length);
    const intro = planned.files.find((f) => f.path === 'content/2026-27/introduction.md')!;
    expect(intro.content).toBe(promptFile(edition.sections[0]!.prompt));
    expect(intro.content.startsWith(`${PROMPT_MARKER}\n`)).toBe(true);
    const plan = load(planned.files[0]!.content) as PlanData;
    expect(plan).toMatchObject({ period: { label: '2026-27', start: '2026-04-01', end: '2027-03-31' }, edition: 'yjb-2023', asOf: '2026-03-02', status: { current: 'draft' }, submissionDeadline: '2026-06-30' });
    expect(plan.previous).toBeUndefined();
  });

  it('with --from: carries priorities and open actions with their statuses and a note, and points back', () => {
    const from = { id: '2025-26', yaml: { plan: example('plan'), priorities: example('priorities'), board: example('board'), staffing: example('staffing'), glossary: example('glossary'), performance: example('performance'), signatories: example('signatories'), budget: example('budget') }, plan: load(example('plan')) as PlanData };
    const planned = planNewPlan({ period: '2026-27', edition, today: '2026-03-02', from });
    const file = (name: string) => planned.files.find((f) => f.path === `data/2026-27/${name}`)?.content;
    const plan = load(file('plan.yaml')!) as PlanData;
    expect(plan).toMatchObject({ authority: 'Kelbridge Borough Council', period: { label: '2026-27', start: '2026-04-01', end: '2027-03-31' }, previous: '2025-26', asOf: '2026-03-02', version: '0.1', submissionDeadline: '2026-06-30', population: { age10to17: 21480 } });
    expect(plan.status).toEqual({ current: 'draft', history: [{ status: 'draft', date: '2026-03-02', note: 'Started from the 2025-26 plan with yjplan new' }] });
    expect(file('plan.yaml')!.split('\n')[0]).toBe('# Kelbridge Youth Justice Plan 2026-27: identity, period, status and settings.');

    const before = load(example('priorities')) as PrioritiesData;
    const after = load(file('priorities.yaml')!) as PrioritiesData;
    expect(after.priorities).toEqual(before.priorities);
    const open = before.actions!.filter((a) => a.status !== 'complete');
    expect(after.actions!.map((a) => [a.id, a.status])).toEqual(open.map((a) => [a.id, a.status]));
    expect(after.actions!.some((a) => a.id === 'P1.3')).toBe(false);
    expect(after.actions![0]!.progress).toBe('Carried forward from 2025-26 (at risk at the end of that plan). Then: Nine schools have signed; two academy trusts are taking legal advice.');

    for (const name of ['board', 'staffing', 'glossary', 'performance']) expect(load(file(`${name}.yaml`)!)).toEqual(load(example(name)));
    const signatories = load(file('signatories.yaml')!) as { signatories: { name: string; signed?: string | null }[] };
    expect(signatories.signatories.map((s) => [s.name, s.signed])).toEqual([['Ruth Penhallow', null], ['Gareth Oduya', null]]);
    // Last year's budget and risks are not this year's.
    expect(file('budget.yaml')).toBeUndefined();
    expect(planned.copies).toEqual([{ from: 'data/2025-26/kelbridge-logo.svg', to: 'data/2026-27/kelbridge-logo.svg' }]);
  });

  it('keeps an action\'s comments and leaves no stray whitespace where complete actions were', () => {
    const text = '# Priorities 2025-26\npriorities:\n  - { id: P1, title: Keep children in school }\nactions:\n\n  - id: A1\n    priority: P1\n    text: Done already\n    status: complete\n\n  - id: A2 # the big one\n    priority: P1\n    text: Still going\n    status: on-track\n';
    const { yaml, carried, left } = carryPriorities(text, '2025-26', '2026-27', '2025-26');
    expect([carried, left]).toEqual([1, 1]);
    expect(yaml).toContain('# Priorities 2026-27');
    expect(yaml).toContain('- id: A2 # the big one');
    expect(yaml).not.toMatch(/^[ \t]+$/m);
    expect(yaml).not.toContain('A1');
    expect(yaml).toContain('progress: Carried forward from 2025-26 (on track at the end of that plan).');
  });
});

describe('yjplan new on disk', () => {
  it('starts 2026-27 from the example: it checks with no error, and check lists what is missing', () => {
    const dir = project();
    createPlan({ root: dir, period: '2026-27', from: '2025-26', today: '2026-03-02' });
    expect(readdirSync(join(dir, 'content/2026-27'))).toHaveLength(31);
    expect(existsSync(join(dir, 'data/2026-27/kelbridge-logo.svg'))).toBe(true);
    const prepared = preparePlan(dir, '2026-27');
    expect(prepared.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(prepared.derived!.context.previous?.id).toBe('2025-26');
    const completeness = assessCompleteness(prepared.loaded, prepared.derived!, '2026-03-02');
    expect(completeness.summary).toBe('0 of 31 sections complete');
    expect(completeness.items.filter((i) => i.group === 'blocks' && i.state === 'incomplete').map((i) => i.id)).toEqual(['block:budget']);
    expect(prepared.diagnostics.filter((d) => d.code === 'completeness.section-prompt')).toHaveLength(31);
  });

  it('starts a plan in an empty project, which checks with no error and asks for the names', () => {
    const dir = project(false);
    createPlan({ root: dir, period: '2026-27', today: '2026-03-02' });
    const prepared = preparePlan(dir, '2026-27');
    expect(prepared.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(prepared.diagnostics.find((d) => d.code === 'completeness.placeholder')).toMatchObject({ file: 'data/2026-27/plan.yaml' });
  });

  it('takes another edition when asked, with its own sections', () => {
    const dir = project(false);
    createPlan({ root: dir, period: '2021-22', edition: 'yjb-2021', today: '2021-03-02' });
    expect(readdirSync(join(dir, 'content/2021-22')).sort()).toEqual(loadEdition('yjb-2021')!.sections.map((s) => `${s.id}.md`).sort());
    expect(() => createPlan({ root: project(false), period: '2021-22', edition: 'yjb-2099' })).toThrow(/no guidance edition "yjb-2099"; the editions are yjb-2016, yjb-2021, yjb-2023/);
  });

  it('refuses to overwrite a plan, and writes nothing', () => {
    const dir = project();
    const before = readFileSync(join(dir, 'content/2025-26/introduction.md'), 'utf8');
    expect(() => createPlan({ root: dir, period: '2025-26' })).toThrow(/data\/2025-26\/ already exists: yjplan new never overwrites a plan/);
    expect(readFileSync(join(dir, 'content/2025-26/introduction.md'), 'utf8')).toBe(before);
    // content/ alone is enough to refuse.
    cpSync(join(dir, 'content/2025-26'), join(dir, 'content/2027-28'), { recursive: true });
    expect(() => createPlan({ root: dir, period: '2027-28', from: '2025-26' })).toThrow(/content\/2027-28\/ already exists/);
    expect(existsSync(join(dir, 'data/2027-28'))).toBe(false);
  });

  it('refuses to start from a plan that does not exist, or has errors', () => {
    const dir = project();
    expect(() => createPlan({ root: dir, period: '2026-27', from: '2024-25' })).toThrow(/there is no plan 2024-25 to start from .*; the plans are 2025-26/);
    writeFileSync(join(dir, 'data/2025-26/board.yaml'), 'members: [unclosed\n');
    expect(() => createPlan({ root: dir, period: '2026-27', from: '2025-26' })).toThrow(/the 2025-26 plan has \d+ error\(s\)/);
    expect(existsSync(join(dir, 'data/2026-27'))).toBe(false);
  });
});
