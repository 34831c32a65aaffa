import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlan } from '../src/cli/new.ts';
import { preparePlan } from '../src/pipeline.ts';
import { createNunjucks } from '../src/render/nunjucks.ts';
import { renderBlockCall } from '../src/render/section.ts';
import { previousActionsView } from '../src/blocks/priorities/previous.ts';
import { joinPeriods } from '../src/blocks/performance/derive.ts';
import type { DerivedPeriod, DerivedPerformance } from '../src/blocks/performance/types.ts';
import type { PrioritiesDerived } from '../src/blocks/priorities/types.ts';

const root = join(import.meta.dirname, '..');
let dir: string;

/** The example project with 2026-27 started from 2025-26. */
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'yjplan-previous-'));
  cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  createPlan({ root: dir, period: '2026-27', from: '2025-26', today: '2026-03-02' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function edit(file: string, change: (text: string) => string): () => void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  writeFileSync(path, change(before));
  return () => writeFileSync(path, before);
}

describe('the previous plan in the derive stage', () => {
  it('derives the plan named by previous: and gives blocks its derived data', () => {
    const derived = preparePlan(dir, '2026-27').derived!;
    expect(derived.context.previous).toMatchObject({ id: '2025-26', title: 'Youth Justice Plan 2025-26', periodLabel: '2025-26', asOf: '2025-06-13' });
    expect(Object.keys(derived.context.previous!.blocks)).toEqual(expect.arrayContaining(['priorities', 'performance', 'budget']));
    // One level only: last year's own previous plan is not read.
    expect((derived.context.previous!.blocks.plan as { previous?: unknown }).previous).toBeUndefined();
    expect(derived.previousProblem).toBeUndefined();
  });

  it('says why a named previous plan cannot be used, without failing the plan', () => {
    const restore = edit('data/2026-27/plan.yaml', (text) => text.replace('previous: 2025-26', 'previous: 2024-25'));
    try {
      const prepared = preparePlan(dir, '2026-27');
      expect(prepared.derived!.previousProblem).toBe('there is no plan 2024-25 in this project (looked for data/2024-25/plan.yaml)');
      expect(prepared.diagnostics.find((d) => d.code === 'completeness.previous')).toMatchObject({ severity: 'warning', file: 'data/2026-27/plan.yaml' });
      expect(prepared.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    } finally {
      restore();
    }
    const broken = edit('data/2025-26/budget.yaml', () => 'partners: [unclosed\n');
    try {
      expect(preparePlan(dir, '2026-27').derived!.previousProblem).toMatch(/^the plan 2025-26 has \d+ error\(s\); run yjplan check 2025-26$/);
    } finally {
      broken();
    }
  });
});

describe('{% previousActions %}', () => {
  it('lists each previous action with its final status and where it is now', () => {
    const derived = preparePlan(dir, '2026-27').derived!;
    const view = previousActionsView(derived.blocks.priorities as PrioritiesDerived, derived.context.previous)!;
    expect(view).toMatchObject({ planId: '2025-26', periodLabel: '2025-26', asOf: '2025-06-13', notComplete: 15, carried: 15 });
    expect(view.counts).toMatchObject({ total: 16, complete: 1, 'on-track': 8 });
    const byId = Object.fromEntries(view.actions.map((a) => [a.id, a]));
    expect(byId['P1.3']).toMatchObject({ finalStatus: 'Complete', complete: true });
    expect(byId['P1.1']).toMatchObject({ finalStatus: 'At risk (overdue)', carriedAs: { id: 'P1.1', status: 'at risk, overdue' } });
    expect(derived.figures['previousActions.complete']).toEqual({ kind: 'count', value: 1 });
    expect(derived.tables.some((t) => t.id === 'previous-actions')).toBe(true);
  });

  it('matches a renumbered action by its words, and says when one was dropped', () => {
    const restore = edit('data/2026-27/priorities.yaml', (text) => text.replace('- id: P1.1\n', '- id: E1\n').replace(/\n  - id: P3\.3\n(?:    .*\n|\n)*?(?=  - id:)/, '\n'));
    try {
      const derived = preparePlan(dir, '2026-27').derived!;
      const view = previousActionsView(derived.blocks.priorities as PrioritiesDerived, derived.context.previous)!;
      const byId = Object.fromEntries(view.actions.map((a) => [a.id, a]));
      expect(byId['P1.1']!.carriedAs?.id).toBe('E1');
      expect(byId['P3.3']!.carriedAs).toBeUndefined();
      expect(view.carried).toBe(14);
    } finally {
      restore();
    }
  });

  it('renders a sentence and a table, and nothing at all without a previous plan', () => {
    const env = createNunjucks();
    const derived = preparePlan(dir, '2026-27').derived!;
    const html = renderBlockCall(env, derived, 'previousActions', []);
    expect(html).toContain('The 2025-26 plan set 16 actions. At 13 June 2025, 1 was complete, 8 on track');
    expect(html).toContain('All 15 actions not complete are carried forward into this plan.');
    expect(html).toContain('Actions in the 2025-26 plan: status at 13 June 2025, and where they are now');
    expect(html).toContain('Carried forward as P1.1, now at risk, overdue');
    const example = preparePlan(root, '2025-26').derived!;
    expect(renderBlockCall(env, example, 'previousActions', []).trim()).toBe('');
  });
});

describe('performance series joined across plans', () => {
  const period = (label: string, value: number, start?: string): DerivedPeriod => ({ index: 0, label, ...(start ? { start } : {}), numerator: null, denominator: null, value, valueSource: 'stated', stated: value, suppressed: false, comparators: {}, comparatorPeriods: {} });

  it('puts last year\'s periods first, takes this year\'s where both have one, and renumbers', () => {
    const joined = joinPeriods([period('2021-22', 1), period('2022-23', 2), period('2023-24', 3)], [period('2023-24', 30), period('2024-25', 4)], '2025-26');
    expect(joined.map((p) => [p.label, p.value, p.index, p.fromPlan])).toEqual([
      ['2021-22', 1, 0, '2025-26'],
      ['2022-23', 2, 1, '2025-26'],
      ['2023-24', 30, 2, undefined],
      ['2024-25', 4, 3, undefined],
    ]);
  });

  it('orders by start date when every period has one', () => {
    const joined = joinPeriods([period('Q2', 2, '2025-07-01'), period('Q4', 4, '2026-01-01')], [period('Q3', 3, '2025-10-01')], '2025-26');
    expect(joined.map((p) => p.label)).toEqual(['Q2', 'Q3', 'Q4']);
  });

  it('joins the previous plan\'s series to a plan that keeps only its latest period: charts and tables run across both', () => {
    // This year's performance.yaml with only calendar 2025 for the first time entrants.
    const restore = edit('data/2026-27/performance.yaml', (text) => {
      const start = text.indexOf('  - id: fte');
      const end = text.indexOf('  - id: reoffending-binary');
      const fte = '  - id: fte\n    source: YJB data summary\n    periods:\n      - label: Jan to Dec 2025\n        type: calendar-year\n        start: 2025-01-01\n        end: 2025-12-31\n        numerator: 28\n\n';
      return text.slice(0, start) + fte + text.slice(end);
    });
    try {
      const derived = preparePlan(dir, '2026-27').derived!;
      const fte = (derived.blocks.performance as DerivedPerformance).indicators.find((i) => i.id === 'fte')!;
      expect(fte.periods.map((p) => p.label)).toEqual(['Jan to Dec 2021', 'Jan to Dec 2022', 'Jan to Dec 2023', 'Jan to Dec 2024', 'Jan to Dec 2025']);
      expect(fte.periods.map((p) => p.fromPlan)).toEqual(['2025-26', '2025-26', '2025-26', '2025-26', undefined]);
      expect(fte.chart.labels).toHaveLength(5);
      expect(fte.change?.from).toBe('Jan to Dec 2024');
      const table = derived.tables.find((t) => t.id === 'indicator-fte')!;
      expect(table.rows).toHaveLength(5);
      expect(table.footnotes?.map((f) => f.text)).toContain('From the 2025-26 plan.');
    } finally {
      restore();
    }
  });
});
