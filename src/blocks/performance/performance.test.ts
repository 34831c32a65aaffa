import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parseYaml } from '../../load/yaml-file.ts';
import { validateAgainstSchema } from '../../validate/schema.ts';
import { createNunjucks, packageRoot } from '../../render/nunjucks.ts';
import { formatFigure } from '../../render/format.ts';
import { planContext } from '../plan/derive.ts';
import type { PlanData } from '../plan/types.ts';
import { performanceBlock } from './index.ts';
import { achievable, auditPerformance } from './audit.ts';
import { derivePerformance } from './derive.ts';
import { datesInLabel, decimalsOf, labelDateConflicts } from './periods.ts';
import { indicatorFigures, indicatorTable, kpiTable } from './tables.ts';
import schema from './schema.json' with { type: 'json' };
import type { IndicatorData, PerformanceData, PeriodData, StatedChange } from './types.ts';

const kelbridge: PlanData = {
  authority: 'Kelbridge Borough Council',
  service: 'Kelbridge Youth Justice Service',
  period: { label: '2025-26', start: '2025-04-01', end: '2026-03-31' },
  edition: 'yjb-2023',
  asOf: '2025-06-13',
  status: { current: 'draft' },
  population: { age10to17: 21480, source: 'ONS mid-2024 estimates', year: 2024 },
  comparators: { national: 'England and Wales', region: 'South West', pcc: 'Avon and Somerset', family: 'YJS family' },
};
const plan = planContext('2025-26', kelbridge);

function one(indicator: IndicatorData): PerformanceData {
  return { indicators: [indicator] };
}

function audit(data: PerformanceData) {
  return auditPerformance(data, plan);
}

/** Wolverhampton 2019-20: the April–June 2016 and 2017 cohorts of 65 children. */
const wolverhamptonBinary = (latest: Partial<PeriodData> = {}, earlier: Partial<PeriodData> = {}): IndicatorData => ({
  id: 'reoffending-binary',
  source: 'YJB data',
  periods: [
    { label: 'Apr to Jun 2016', type: 'cohort-quarter', start: '2016-04-01', end: '2016-06-30', cohort: 65, reoffenders: 35, ...earlier },
    { label: 'Apr to Jun 2017', type: 'cohort-quarter', start: '2017-04-01', end: '2017-06-30', cohort: 65, reoffenders: 22, value: 33.8, ...latest },
  ],
});

describe('performance derive', () => {
  it('works out the binary reoffending rate from the cohort (22 of 65 is 33.8%)', () => {
    const derived = derivePerformance(one(wolverhamptonBinary()), plan);
    const latest = derived.indicators[0]!.latest!;
    expect(latest.value).toBeCloseTo(33.846, 3);
    expect(latest.valueSource).toBe('computed');
    expect(formatFigure(indicatorFigures(derived.indicators[0]!)['reoffending-binary.latest.value']!)).toBe('33.8%');
  });

  it('works out the FTE rate per 100,000 from the count and the plan population', () => {
    const derived = derivePerformance(one({ id: 'fte', periods: [{ label: 'Jan to Dec 2024', numerator: 30 }] }), plan);
    const latest = derived.indicators[0]!.latest!;
    expect(latest.denominator).toBe(21480);
    expect(latest.value).toBeCloseTo((30 / 21480) * 100000, 9);
    const figures = indicatorFigures(derived.indicators[0]!);
    expect(formatFigure(figures['fte.latest.rate']!)).toBe('140 per 100,000');
    expect(figures['fte.latest.denominator']!.value).toBe(21480);
  });

  it('uses a period population over the plan population, and works out custody per 1,000', () => {
    const derived = derivePerformance(one({ id: 'custody', periods: [{ label: '2021-22', numerator: 4, population: 20870 }] }), plan);
    expect(derived.indicators[0]!.latest!.value).toBeCloseTo(0.19166, 4);
  });

  it('works out frequency and reoffences per reoffender from the cohort counts (Wolverhampton 2017: 105 reoffences)', () => {
    const derived = derivePerformance(
      {
        indicators: [
          { id: 'reoffending-frequency', periods: [{ label: 'Apr to Jun 2017', cohort: 65, reoffences: 105 }] },
          { id: 'reoffences-per-reoffender', periods: [{ label: 'Apr to Jun 2017', reoffenders: 22, reoffences: 105 }] },
        ],
      },
      plan,
    );
    expect(derived.indicators[0]!.latest!.value).toBeCloseTo(1.615, 3);
    expect(derived.indicators[1]!.latest!.value).toBeCloseTo(4.773, 3);
  });

  it('gives the change both relative and in percentage points for a percentage', () => {
    const derived = derivePerformance(one(wolverhamptonBinary()), plan);
    const change = derived.indicators[0]!.change!;
    expect(change.pp).toBeCloseTo(-20, 9);
    expect(change.relative).toBeCloseTo((-13 / 35) * 100, 9);
    expect(change.assessment).toBe('better');
    const figures = indicatorFigures(derived.indicators[0]!);
    expect(formatFigure(figures['reoffending-binary.change.pp']!)).toBe('−20.0 percentage points');
    expect(formatFigure(figures['reoffending-binary.change.relative']!)).toBe('−37.1%');
  });

  it('says lower is better for FTE and higher is better for KPI 2, in words and with a symbol', () => {
    const derived = derivePerformance(
      {
        indicators: [
          { id: 'fte', periods: [{ label: 'Jan to Dec 2024', numerator: 30, comparators: { national: 142, region: 135 } }] },
          { id: 'kpi-ete', periods: [{ label: '2024-25', numerator: 41, denominator: 62, comparators: { national: 68.4, region: 60 } }] },
          { id: 'kpi-mental-health', periods: [{ label: '2024-25', numerator: 27, denominator: 62, comparators: { national: 47.1 } }] },
        ],
      },
      plan,
    );
    const [fte, ete, mental] = derived.indicators;
    expect(fte!.comparisons.map((c) => [c.text, c.symbol])).toEqual([
      ['better than England and Wales', '▼'],
      ['worse than South West', '▲'],
    ]);
    expect(ete!.comparisons.map((c) => [c.text, c.symbol])).toEqual([
      ['worse than England and Wales', '▼'],
      ['better than South West', '▲'],
    ]);
    expect(mental!.comparisons[0]!.text).toBe('lower than England and Wales');
    expect(mental!.comparisons[0]!.assessment).toBe('not-rated');
    expect(indicatorFigures(fte!)['fte.comparator.national.comparison']!.value).toBe('better than England and Wales');
  });

  it('calls values that are equal at display precision the same', () => {
    const derived = derivePerformance(one({ id: 'custody', periods: [{ label: '2024-25', numerator: 2, comparators: { family: 0.09 } }] }), plan);
    expect(derived.indicators[0]!.comparisons[0]!.text).toBe('the same as YJS family');
    expect(derived.indicators[0]!.comparisons[0]!.symbol).toBe('=');
  });

  it('writes a one-sentence summary with the latest value, change and comparison', () => {
    const derived = derivePerformance(
      one({ id: 'fte', periods: [{ label: 'Jan to Dec 2023', numerator: 33, population: 21260 }, { label: 'Jan to Dec 2024', numerator: 30, comparators: { national: 142 } }] }),
      plan,
    );
    expect(derived.indicators[0]!.summary).toBe(
      'In Jan to Dec 2024, the first time entrant rate in Kelbridge was 140 per 100,000 children aged 10 to 17, down from 155 in Jan to Dec 2023 (−10.0%); this is better than England and Wales (142).',
    );
    expect(derived.indicators[0]!.chart.type).toBe('line');
  });

  it('withholds a suppressed period from figures, tables and charts', () => {
    const derived = derivePerformance(one({ id: 'kpi-victims', periods: [{ label: '2024-25', numerator: 2, denominator: 3, suppressed: true, comparators: { national: 70.2 } }] }), plan);
    const indicator = derived.indicators[0]!;
    expect(indicator.latest!.value).toBeNull();
    expect(indicator.chart.series[0]!.data).toEqual([null]);
    expect(indicatorFigures(indicator)['kpi-victims.latest.numerator']!.value).toBe('suppressed');
    expect(indicatorTable(indicator, 'Kelbridge', plan).rows[0]!.local).toBe('suppressed');
    expect(indicator.summary).toMatch(/not published/);
  });

  it('draws a bar chart for a single period', () => {
    const derived = derivePerformance(one({ id: 'kpi-send', periods: [{ label: '2024-25', numerator: 19, denominator: 23, comparators: { national: 77 } }] }), plan);
    const chart = derived.indicators[0]!.chart;
    expect(chart.type).toBe('bar');
    expect(chart.series.map((s) => s.label)).toEqual(['Kelbridge', 'England and Wales']);
    expect(chart.series[0]!.data).toEqual([82.6]);
  });
});

describe('performance audit', () => {
  it('finds nothing wrong with 22 of 65 stated as 33.8%', () => {
    expect(audit(one(wolverhamptonBinary()))).toEqual([]);
  });

  it('flags a stated value the counts do not produce, with both numbers', () => {
    const findings = audit(one(wolverhamptonBinary({ value: 33.9 })));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.pointer).toBe('/indicators/0/periods/1/value');
    expect(findings[0]!.message).toContain('33.9%');
    expect(findings[0]!.message).toContain('33.8%');
  });

  it('catches "20% reduction" for 53.8% → 33.8%: that is 20.0 pp, a −37.2% relative change', () => {
    const data = one({
      id: 'reoffending-binary',
      periods: [
        { label: 'Apr to Jun 2016', start: '2016-04-01', end: '2016-06-30', value: 53.8, cohort: 65 },
        { label: 'Apr to Jun 2017', start: '2017-04-01', end: '2017-06-30', value: 33.8, cohort: 65, change: { value: 20, kind: 'relative', direction: 'decrease', wording: 'a 20% reduction' } },
      ],
    });
    const findings = audit(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.code).toBe('audit.change-kind');
    expect(findings[0]!.pointer).toBe('/indicators/0/periods/1/change/value');
    expect(findings[0]!.message).toContain('−20.0 pp');
    expect(findings[0]!.message).toContain('−37.2%');
  });

  it('from the counts themselves, the relative fall is 13 of 35 children: −37.1%', () => {
    const findings = audit(one(wolverhamptonBinary({ change: { value: 20, kind: 'relative', direction: 'decrease' } })));
    expect(findings.map((f) => f.code)).toEqual(['audit.change-kind']);
    expect(findings[0]!.message).toContain('−37.1%');
  });

  it('accepts the same fall stated correctly, either way', () => {
    expect(audit(one(wolverhamptonBinary({ change: { value: 20.0, precision: 1, kind: 'pp', direction: 'decrease' } })))).toEqual([]);
    expect(audit(one(wolverhamptonBinary({ change: { value: -37.1, kind: 'relative' } })))).toEqual([]);
  });

  it('flags a change stated in percentage points that is really the relative change', () => {
    const findings = audit(one(wolverhamptonBinary({ change: { value: 37.1, kind: 'pp', direction: 'decrease' } })));
    expect(findings.map((f) => f.code)).toEqual(['audit.change-kind']);
  });

  it('flags a change in the wrong direction', () => {
    const findings = audit(one(wolverhamptonBinary({ change: { value: 20, kind: 'pp', direction: 'increase' } })));
    expect(findings.map((f) => f.code)).toEqual(['audit.change-direction']);
  });

  it('flags 84% of 11 custodial sentences: no whole number of 11 gives 84%', () => {
    const data = one({ id: 'custody-18-months', label: 'Custodial sentences of 18 months or more', unit: 'percent', betterWhen: 'neither', periods: [{ label: '2018-19', start: '2018-04-01', end: '2019-03-31', value: 84, denominator: 11 }] });
    const findings = audit(data);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.code).toBe('audit.impossible-percentage');
    expect(findings[0]!.pointer).toBe('/indicators/0/periods/0/value');
    expect(findings[0]!.message).toContain('84%');
    expect(findings[0]!.message).toContain('9 of 11 is 81.8%');
    expect(findings[0]!.message).toContain('10 of 11 is 90.9%');
  });

  it('knows which percentages a base can produce (45% of 18 cannot; 53.8% of 65 can)', () => {
    expect(achievable(45, 18, 0)).toBe(false);
    expect(achievable(53.8, 65, 1)).toBe(true);
    // Bath and North East Somerset: 79% female is 27 of 34 (79.4%).
    expect(achievable(79, 34, 0)).toBe(true);
  });

  it('warns when a percentage is stated without its denominator', () => {
    const findings = audit(one({ id: 'kpi-ete', periods: [{ label: '2018-19', start: '2018-04-01', end: '2019-03-31', value: 76 }] }));
    expect(findings.map((f) => f.code)).toEqual(['audit.missing-denominator']);
  });

  it('flags a period label that disagrees with its dates', () => {
    const findings = audit(one({ id: 'fte', periods: [{ label: 'Jan to Dec 2018', start: '2018-04-01', end: '2019-03-31', numerator: 40 }] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.code).toBe('audit.period-label');
    expect(findings[0]!.pointer).toBe('/indicators/0/periods/0/label');
    expect(findings[0]!.message).toContain('January 2018');
    expect(findings[0]!.message).toContain('2018-04-01');
  });

  it('flags comparator values that have no period (Wolverhampton live tracker: 35.3%, 37.9%)', () => {
    const findings = audit(one({ id: 'tracker', label: 'Live tracker reoffending', unit: 'percent', betterWhen: 'lower', periods: [{ label: 'latest', numerator: 5, denominator: 30, comparators: { region: 35.3, national: 37.9 } }] }));
    expect(findings.map((f) => [f.code, f.pointer])).toEqual([['audit.comparator-period', '/indicators/0/periods/0/comparators']]);
  });

  it('accepts comparators that carry their own period', () => {
    const findings = audit(one({ id: 'tracker', label: 'Live tracker reoffending', unit: 'percent', betterWhen: 'lower', periods: [{ label: 'latest', numerator: 5, denominator: 30, comparators: { national: { value: 37.9, period: 'Apr 2017 to Mar 2018' } } }] }));
    expect(findings).toEqual([]);
  });

  it('gives a correct series no finding', () => {
    const data = one({
      id: 'fte',
      periods: [
        { label: 'Jan to Dec 2023', type: 'calendar-year', start: '2023-01-01', end: '2023-12-31', numerator: 33, population: 21260, value: 155, comparators: { national: 147 } },
        { label: 'Jan to Dec 2024', type: 'calendar-year', start: '2024-01-01', end: '2024-12-31', numerator: 30, value: 140, change: { value: 10, kind: 'relative', direction: 'decrease' }, comparators: { national: 142 } },
      ],
    });
    expect(audit(data)).toEqual([]);
  });

  it('needs a label and unit for an id that is not standard, and suggests the standard one', () => {
    const findings = audit(one({ id: 'reoffending-binery', periods: [{ label: '2024-25', numerator: 1, denominator: 2 }] }));
    expect(findings.every((f) => f.severity === 'error')).toBe(true);
    expect(findings[0]!.hint).toContain('reoffending-binary');
  });

  it('rejects a repeated indicator id', () => {
    const findings = audit({ indicators: [{ id: 'fte', periods: [{ label: '2024', numerator: 1 }] }, { id: 'fte', periods: [{ label: '2023', numerator: 1 }] }] });
    expect(findings.map((f) => [f.code, f.pointer])).toEqual([['audit.duplicate-indicator', '/indicators/1/id']]);
  });
});

describe('period labels', () => {
  it('reads the usual forms', () => {
    expect(datesInLabel('Apr 2022 to Mar 2023')).toEqual({ start: { year: 2022, month: 4 }, end: { year: 2023, month: 3 } });
    expect(datesInLabel('April – June 2017')).toEqual({ start: { year: 2017, month: 4 }, end: { year: 2017, month: 6 } });
    expect(datesInLabel('Oct to Mar 2024')).toEqual({ start: { year: 2023, month: 10 }, end: { year: 2024, month: 3 } });
    expect(datesInLabel('2024-25', 'financial-year')).toEqual({ start: { year: 2024, month: 4 }, end: { year: 2025, month: 3 } });
    expect(datesInLabel('Quarter 4 2018-2019')).toEqual({ start: { year: 2019, month: 1 }, end: { year: 2019, month: 3 } });
    expect(datesInLabel('year ending March 2024')).toEqual({ end: { year: 2024, month: 3 } });
    expect(datesInLabel('latest')).toBeNull();
  });

  it('catches the Wolverhampton FTE period given as both calendar and financial year', () => {
    expect(labelDateConflicts('January 2018 to December 2018', 'calendar-year', '2018-04-01', '2019-03-31')).toHaveLength(2);
    expect(labelDateConflicts('2018-19', 'financial-year', '2018-04-01', '2019-03-31')).toEqual([]);
  });

  it('counts decimals as written', () => {
    expect(decimalsOf(33.8)).toBe(1);
    expect(decimalsOf(84)).toBe(0);
    expect(decimalsOf(0.09)).toBe(2);
  });
});

describe('tables and figures', () => {
  it('builds one table per indicator and a KPI table with the comparators named', () => {
    const derived = derivePerformance(
      { indicators: [{ id: 'kpi-accommodation', periods: [{ label: '2024-25', numerator: 58, denominator: 62, comparators: { national: 91.2 } }] }, { id: 'kpi-ete', periods: [{ label: '2024-25', numerator: 41, denominator: 62, comparators: { national: 68.4 } }] }] },
      plan,
    );
    const table = kpiTable(derived, plan);
    expect(table.columns.map((c) => c.label)).toEqual(['Key performance indicator', 'Number', 'Out of', 'Kelbridge', 'England and Wales', 'Compared with England and Wales']);
    expect(table.rows.map((r) => r.comparison)).toEqual(['better', 'worse']);
    expect(table.caption).toBe('Key performance indicators (per cent): Kelbridge, 2024-25');
    const ids = performanceBlock.tables!(derived, plan).map((t) => t.id);
    expect(ids).toEqual(['indicator-kpi-accommodation', 'indicator-kpi-ete', 'kpis']);
  });

  it('offers every figure key of the scheme', () => {
    const derived = derivePerformance(one(wolverhamptonBinary({}, {})), plan);
    const keys = Object.keys(performanceBlock.figures!(derived, plan));
    for (const key of ['latest.value', 'latest.numerator', 'latest.denominator', 'latest.period', 'previous.value', 'previous.period', 'change.relative', 'change.pp', 'change.absolute', 'comparator.national.value', 'comparator.family.comparison']) {
      expect(keys).toContain(`reoffending-binary.${key}`);
    }
    expect(keys).not.toContain('reoffending-binary.latest.rate');
  });
});

describe('the Kelbridge example', () => {
  const file = join(packageRoot, 'data', '2025-26', 'performance.yaml');
  const loaded = parseYaml('data/2025-26/performance.yaml', readFileSync(file));
  if (!loaded.ok) throw new Error('the example does not parse');
  const data = loaded.data as PerformanceData;

  it('validates against the schema', () => {
    expect(validateAgainstSchema(loaded.source, loaded.data, schema)).toEqual([]);
  });

  it('gives no audit finding', () => {
    expect(auditPerformance(data, plan)).toEqual([]);
  });

  it('covers the national indicators, all ten KPIs and a local measure', () => {
    const derived = derivePerformance(data, plan);
    expect(derived.national.map((i) => i.id)).toEqual(['fte', 'reoffending-binary', 'reoffending-frequency', 'reoffences-per-reoffender', 'custody', 'remands']);
    expect(derived.kpis).toHaveLength(10);
    expect(derived.local).toHaveLength(1);
    expect(derived.national.every((i) => i.periods.length >= 3 && i.comparisons.length === 4)).toBe(true);
  });
});

describe('templates', () => {
  const env = createNunjucks();
  const derived = derivePerformance(
    one({ id: 'fte', periods: [{ label: 'Jan to Dec 2023', numerator: 33, population: 21260, comparators: { national: 147 } }, { label: 'Jan to Dec 2024', numerator: 30, comparators: { national: 142, region: 135 } }] }),
    plan,
  );
  const derivedPlan = { id: '2025-26', context: plan, blocks: { performance: derived }, figures: {}, tables: [] };
  const page = { url: '/2025-26/performance/' };

  it('renders an indicator as a figure with caption, summary, chart and data table', () => {
    const shortcode = performanceBlock.shortcodes!.indicator!;
    const html = env.render(shortcode.template, { ...shortcode.context(derived, ['fte'], plan), plan: derivedPlan, page });
    expect(html).toContain('<figure class="yj-figure yj-indicator" id="indicator-fte">');
    expect(html).toContain('<canvas id="chart-fte" role="img" aria-labelledby="chart-fte-caption chart-fte-summary" data-chart="chart-fte-config">');
    expect(html).toContain('<script type="application/json" id="chart-fte-config">');
    expect(html).toContain('Show the data for this chart');
    expect(html).toContain('id="chart-fte-summary">In Jan to Dec 2024, the first time entrant rate');
    const json = /<script type="application\/json" id="chart-fte-config">(.*?)<\/script>/s.exec(html)![1]!;
    expect(JSON.parse(json).series[0].data).toEqual([155, 140]);
    expect(html).toMatch(/<caption class="govuk-table__caption govuk-table__caption--s"[^>]*>/);
    expect(html).toContain('First time entrants');
  });

  it('says so when the indicator is not in the data', () => {
    const shortcode = performanceBlock.shortcodes!.indicator!;
    const html = env.render(shortcode.template, { ...shortcode.context(derived, ['custody'], plan), plan: derivedPlan, page });
    expect(html).toContain('No indicator “custody”');
  });

  it('renders the home-page summary with words and symbols', () => {
    const html = env.render('performance/summary.njk', { plan: derivedPlan, page: { url: '/2025-26/' } });
    expect(html).toContain('First time entrants to the youth justice system');
    expect(html).toContain('140 per 100,000 children aged 10 to 17');
    expect(html).toContain('<span class="yj-symbol" aria-hidden="true">▼</span> Better than England and Wales (142)');
    expect(html).toContain('<span class="yj-symbol" aria-hidden="true">▲</span> Worse than South West (135)');
    expect(html).toContain('Down from 155 in Jan to Dec 2023 (−10.0%): an improvement');
  });

  it('renders nothing on the home page without performance data', () => {
    const html = env.render('performance/summary.njk', { plan: { ...derivedPlan, blocks: {} }, page: { url: '/2025-26/' } });
    expect(html.trim()).toBe('');
  });
});

describe('the browser chart script (client.js)', () => {
  const code = readFileSync(join(packageRoot, 'src', 'blocks', 'performance', 'client.js'), 'utf8');
  const lineSpec = { type: 'line', labels: ['2023-24', '2024-25'], series: [{ key: 'local', label: 'Kelbridge', data: [0.14, 0.09] }, { key: 'national', label: 'England and Wales', data: [0.1, 0.1] }, { key: 'region', label: 'South West', data: [0.08, 0.07] }], yTitle: 'Rate per 1,000', precision: 2, suffix: '' };

  interface FakeChart { canvas: unknown; config: { type: string; data: { labels: string[]; datasets: Record<string, unknown>[] }; options: Record<string, unknown> } }

  function run(options: { specs?: unknown[]; chart?: 'missing' | 'throws'; print?: boolean } = {}) {
    const dataset: Record<string, string> = options.print ? { print: 'true' } : {};
    const specs = options.specs ?? [lineSpec];
    const canvases = specs.map((_, i) => ({ id: `chart-${i}`, getAttribute: () => `chart-${i}-config` }));
    const scripts: Record<string, { textContent: string }> = Object.fromEntries(specs.map((spec, i) => [`chart-${i}-config`, { textContent: JSON.stringify(spec) }]));
    const drawn: FakeChart[] = [];
    function Chart(this: FakeChart, canvas: unknown, config: FakeChart['config']) {
      if (options.chart === 'throws') throw new Error('canvas is not supported');
      drawn.push({ canvas, config });
    }
    Chart.defaults = { font: {} as Record<string, string>, color: '' };
    const document = { documentElement: { dataset }, readyState: 'complete', body: {}, querySelectorAll: () => canvases, querySelector: () => null, getElementById: (id: string) => scripts[id] ?? null, addEventListener: () => undefined };
    const window: Record<string, unknown> = { getComputedStyle: () => ({ fontFamily: 'arial, sans-serif' }), ...(options.chart === 'missing' ? {} : { Chart }) };
    runInNewContext(code, { window, document });
    return { dataset, drawn, status: window.yjplanCharts as { expected: number; drawn: number } };
  }

  it('draws every chart without animation and says when it is done', () => {
    const { dataset, drawn, status } = run({ specs: [lineSpec, lineSpec] });
    expect(dataset.chartsReady).toBe('true');
    expect(dataset.chartsError).toBeUndefined();
    expect(status).toEqual({ expected: 2, drawn: 2 });
    expect(drawn[0]!.config.options).toMatchObject({ animation: false, responsive: true, maintainAspectRatio: false });
    expect(drawn[0]!.config.options.devicePixelRatio).toBeUndefined();
  });

  it('tells series apart by dash and point shape as well as colour; the local line is solid and thicker', () => {
    const datasets = run().drawn[0]!.config.data.datasets;
    expect(datasets.map((d) => d.label)).toEqual(['Kelbridge', 'England and Wales', 'South West']);
    expect(datasets[0]!.borderDash).toEqual([]);
    expect(new Set(datasets.map((d) => JSON.stringify(d.borderDash))).size).toBe(3);
    expect(new Set(datasets.map((d) => d.pointStyle)).size).toBe(3);
    expect(datasets[0]!.borderWidth as number).toBeGreaterThan(datasets[1]!.borderWidth as number);
  });

  it('draws a bar per series for a single period, named on the axis', () => {
    const config = run({ specs: [{ ...lineSpec, type: 'bar', labels: ['2024-25'], series: lineSpec.series.map((s) => ({ ...s, data: [s.data[1]] })) }] }).drawn[0]!.config;
    expect(config.type).toBe('bar');
    expect(config.data.labels).toEqual(['Kelbridge', 'England and Wales', 'South West']);
    expect(config.data.datasets[0]!.data).toEqual([0.09, 0.1, 0.07]);
  });

  it('prints at three times the resolution', () => {
    expect(run({ print: true }).drawn[0]!.config.options.devicePixelRatio).toBe(3);
  });

  it('reports a missing Chart.js, or a chart that fails, instead of saying it is ready', () => {
    const missing = run({ chart: 'missing' });
    expect(missing.dataset.chartsError).toMatch(/Chart\.js is not loaded/);
    expect(missing.dataset.chartsReady).toBeUndefined();
    const failing = run({ chart: 'throws' });
    expect(failing.dataset.chartsError).toContain('canvas is not supported');
    expect(failing.status).toEqual({ expected: 1, drawn: 0 });
  });
});

describe('schema and types', () => {
  // Each record must name every field of its type (the compiler checks), and the schema must list the same.
  const periodFields: Record<keyof PeriodData, true> = { label: true, type: true, start: true, end: true, source: true, numerator: true, denominator: true, cohort: true, reoffenders: true, reoffences: true, population: true, value: true, precision: true, comparators: true, change: true, suppressed: true, note: true };
  const indicatorFields: Record<keyof IndicatorData, true> = { id: true, label: true, phrase: true, unit: true, per: true, precision: true, betterWhen: true, formula: true, numeratorLabel: true, denominatorLabel: true, source: true, note: true, comparatorsNote: true, periods: true };
  const changeFields: Record<keyof StatedChange, true> = { value: true, kind: true, direction: true, wording: true, since: true, precision: true };
  const fileFields: Record<keyof PerformanceData, true> = { localLabel: true, indicators: true };

  it('keeps schema.json and types.ts in step', () => {
    const sorted = (o: object) => Object.keys(o).sort();
    expect(sorted(schema.definitions.period.properties)).toEqual(sorted(periodFields));
    expect(sorted(schema.definitions.indicator.properties)).toEqual(sorted(indicatorFields));
    expect(sorted(schema.definitions.period.properties.change.properties)).toEqual(sorted(changeFields));
    expect(sorted(schema.properties)).toEqual(sorted(fileFields));
  });

  it('describes every property', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, { description?: string }> }).properties;
      for (const [key, value] of Object.entries(properties ?? {})) {
        if (!value.description) missing.push(`${path}.${key}`);
        walk(value, `${path}.${key}`);
      }
      for (const [key, value] of Object.entries(node)) if (key !== 'properties' && typeof value === 'object') walk(value, `${path}/${key}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
});
