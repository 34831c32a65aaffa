/**
 * performance.yaml: the national indicators, the ten KPIs and local measures, each a series of periods.
 * Kept in step with schema.json (a test compares the two lists of fields).
 */
import type { ComparatorKey } from '../plan/types.ts';

export const COMPARATOR_KEYS = ['national', 'region', 'pcc', 'family'] as const satisfies readonly ComparatorKey[];

export const UNITS = ['percent', 'rate', 'ratio', 'count', 'number'] as const;
/** percent: numerator ÷ denominator × 100; rate: × `per` (1,000, 100,000); ratio: numerator ÷ denominator; count/number: the numerator itself. */
export type Unit = (typeof UNITS)[number];

export const BETTER_WHEN = ['lower', 'higher', 'neither'] as const;
export type BetterWhen = (typeof BETTER_WHEN)[number];

export const PERIOD_TYPES = [
  'financial-year',
  'calendar-year',
  'rolling-12-months',
  'cohort-quarter',
  'cohort-year',
  'quarter',
  'half-year',
  'year-to-date',
  'snapshot',
  'unspecified',
] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

export const CHANGE_KINDS = ['relative', 'pp'] as const;
/** relative: per cent of the earlier value (−37.2%); pp: the difference between two percentages (−20.0 percentage points). */
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_DIRECTIONS = ['increase', 'decrease'] as const;
export type ChangeDirection = (typeof CHANGE_DIRECTIONS)[number];

/** A comparator figure: a plain number, or with its own period and source when they differ from the local one. */
export type ComparatorValue = number | null | { value: number | null; period?: string; source?: string };

/** A change the plan states in words, kept so it can be checked ("a 20% reduction"). */
export interface StatedChange {
  value: number;
  kind: ChangeKind;
  direction?: ChangeDirection;
  /** The words as written, e.g. "a 20% reduction". */
  wording?: string;
  /** Label of the period it is measured from; the period listed before by default. */
  since?: string;
  /** Decimal places as printed; by default those of `value`. */
  precision?: number;
}

export interface PeriodData {
  label: string;
  type?: PeriodType;
  start?: string;
  end?: string;
  source?: string;
  numerator?: number;
  denominator?: number;
  /** Reoffending: children in the cohort. */
  cohort?: number;
  /** Reoffending: children in the cohort who reoffended. */
  reoffenders?: number;
  /** Reoffending: proven reoffences by the cohort. */
  reoffences?: number;
  /** Children aged 10 to 17 for this period's rate, when not the plan's population. */
  population?: number;
  /** The value as stated in the source (a published figure, or one printed in an earlier plan). */
  value?: number;
  /** Decimal places the value was stated to; by default those of `value`. */
  precision?: number;
  comparators?: Partial<Record<ComparatorKey, ComparatorValue>>;
  change?: StatedChange;
  /** Small numbers: the local value and counts are not published. */
  suppressed?: boolean;
  note?: string;
}

export interface IndicatorData {
  id: string;
  /** Required for a local measure; overrides the printed name of a standard indicator. */
  label?: string;
  /** Local measures: how the measure reads in a sentence ("the share of school-age children receiving 25 hours"). */
  phrase?: string;
  unit?: Unit;
  per?: number;
  precision?: number;
  betterWhen?: BetterWhen;
  formula?: string;
  numeratorLabel?: string;
  denominatorLabel?: string;
  /** Default source for every period. */
  source?: string;
  note?: string;
  /** Why comparators are missing, e.g. "no national comparison has been published". */
  comparatorsNote?: string;
  periods: PeriodData[];
}

export interface PerformanceData {
  /** Name of the local series in charts and tables, e.g. "Kelbridge"; by default the authority's place name. */
  localLabel?: string;
  indicators: IndicatorData[];
}

/** What an indicator means: built into code for the standard ids, declared in the YAML for a local measure. */
export interface IndicatorDefinition {
  label: string;
  formula: string;
  unit: Unit;
  /** For rates: per 1,000 or per 100,000 (per 100 for percentages). */
  per?: number;
  precision: number;
  betterWhen: BetterWhen;
  numeratorLabel: string;
  denominatorLabel: string;
  /** Rates over the 10–17 population: the denominator comes from plan.yaml unless a period gives one. */
  populationBased?: boolean;
  /** How a value is described in a sentence: "the first time entrant rate". */
  phrase: string;
}

export type IndicatorGroup = 'national' | 'kpi' | 'local';

export interface DerivedPeriod {
  index: number;
  label: string;
  type?: PeriodType;
  start?: string;
  end?: string;
  source?: string;
  numerator: number | null;
  denominator: number | null;
  /** Full precision: computed from the counts when they are given, else as stated. */
  value: number | null;
  valueSource: 'computed' | 'stated' | 'none';
  stated: number | null;
  suppressed: boolean;
  comparators: Partial<Record<ComparatorKey, number | null>>;
  comparatorPeriods: Partial<Record<ComparatorKey, string>>;
  note?: string;
  /** Period label of the previous plan this period was joined from; absent for the plan's own periods. */
  fromPlan?: string;
}

export interface Change {
  from: string;
  to: string;
  /** latest − previous, in the indicator's unit (percentage points for percentages). */
  absolute: number;
  /** (latest − previous) ÷ previous × 100; null when the earlier value is 0. */
  relative: number | null;
  /** Percentage indicators only: the same as `absolute`. */
  pp: number | null;
  direction: 'up' | 'down' | 'same';
  /** better / worse / same, or not-rated when neither direction is better. */
  assessment: Assessment;
  /** ▲ up, ▼ down, = unchanged at display precision. */
  symbol: '▲' | '▼' | '=';
  /** "down from 149 in Jan to Dec 2023 (−9.4%): an improvement". */
  text: string;
}

export type Assessment = 'better' | 'worse' | 'same' | 'not-rated';

export interface Comparison {
  comparator: ComparatorKey;
  name: string;
  value: number;
  /** The comparator's value as displayed: "138", "32.5%". */
  valueText: string;
  local: number;
  /** local − comparator. */
  difference: number;
  position: 'higher' | 'lower' | 'same';
  assessment: Assessment;
  /** "better than England and Wales", "higher than South West". */
  text: string;
  /** ▲ higher, ▼ lower, = the same at display precision; always beside the words, never alone. */
  symbol: '▲' | '▼' | '=';
}

export interface ChartSeries {
  key: 'local' | ComparatorKey;
  label: string;
  data: (number | null)[];
}

/** What the browser script draws; styling (palette, dashes, point styles) is the script's business. */
export interface ChartSpec {
  type: 'line' | 'bar';
  labels: string[];
  series: ChartSeries[];
  /** Axis title: "Rate per 100,000 children aged 10 to 17". */
  yTitle: string;
  precision: number;
  /** Appended to numbers in tooltips and ticks: "%" or "". */
  suffix: string;
}

export interface DerivedIndicator {
  id: string;
  group: IndicatorGroup;
  definition: IndicatorDefinition;
  /** The latest value with its unit, or why there is none: "135 per 100,000 children aged 10 to 17". */
  latestText: string;
  source?: string;
  note?: string;
  comparatorsNote?: string;
  periods: DerivedPeriod[];
  latest: DerivedPeriod | null;
  previous: DerivedPeriod | null;
  change: Change | null;
  /** The latest period's comparisons, in the order national, region, pcc, family. */
  comparisons: Comparison[];
  /** One sentence: latest value, change, comparison. Plain text. */
  summary: string;
  chart: ChartSpec;
}

export interface DerivedPerformance {
  localLabel: string;
  indicators: DerivedIndicator[];
  national: DerivedIndicator[];
  kpis: DerivedIndicator[];
  local: DerivedIndicator[];
}
