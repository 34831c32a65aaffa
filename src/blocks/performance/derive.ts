import type { Figure, FigureKind } from '../types.ts';
import type { ComparatorKey, PlanContext } from '../plan/types.ts';
import { formatFigure } from '../../render/format.ts';
import { groupOf, KPI_INDICATORS, REOFFENDING_COUNTS, standardDefinition } from './definitions.ts';
import {
  COMPARATOR_KEYS,
  type Assessment,
  type Change,
  type ChartSpec,
  type Comparison,
  type ComparatorValue,
  type DerivedIndicator,
  type DerivedPerformance,
  type DerivedPeriod,
  type IndicatorData,
  type IndicatorDefinition,
  type PerformanceData,
  type PeriodData,
  type Unit,
} from './types.ts';

const DEFAULT_PRECISION: Record<Unit, number> = { percent: 1, rate: 2, ratio: 2, count: 0, number: 0 };

/** The built-in meaning of a standard id (with the plan's relabelling), or what a local measure declares. */
export function resolveDefinition(indicator: IndicatorData): IndicatorDefinition {
  const standard = standardDefinition(indicator.id);
  if (standard) {
    return {
      ...standard,
      label: indicator.label ?? standard.label,
      precision: indicator.precision ?? standard.precision,
      numeratorLabel: indicator.numeratorLabel ?? standard.numeratorLabel,
      denominatorLabel: indicator.denominatorLabel ?? standard.denominatorLabel,
    };
  }
  const unit = indicator.unit ?? 'number';
  const label = indicator.label ?? indicator.id;
  return {
    label,
    phrase: indicator.phrase ?? `“${label}”`,
    formula: indicator.formula ?? '',
    unit,
    per: unit === 'percent' ? 100 : indicator.per,
    precision: indicator.precision ?? DEFAULT_PRECISION[unit],
    betterWhen: indicator.betterWhen ?? 'neither',
    numeratorLabel: indicator.numeratorLabel ?? 'Numerator',
    denominatorLabel: indicator.denominatorLabel ?? 'Denominator',
  };
}

export interface PeriodValues {
  numerator: number | null;
  denominator: number | null;
  computed: number | null;
  stated: number | null;
  /** The computed value when the counts allow it, else the stated one. */
  value: number | null;
}

/** The counts a period gives, in numerator/denominator form whatever fields the author used. */
export function periodCounts(id: string, period: PeriodData, definition: IndicatorDefinition, planPopulation: number | undefined): { numerator: number | null; denominator: number | null } {
  const reoffending = REOFFENDING_COUNTS[id];
  const numerator = (reoffending ? period[reoffending.numerator] : undefined) ?? period.numerator ?? null;
  if (definition.unit === 'rate') {
    // Rates are per head of the 10–17 population unless a local measure gives its own base.
    const own = definition.populationBased ? period.population ?? period.denominator : period.denominator ?? period.population;
    return { numerator, denominator: own ?? planPopulation ?? null };
  }
  const denominator = (reoffending ? period[reoffending.denominator] : undefined) ?? period.denominator ?? null;
  return { numerator, denominator };
}

/** Pure arithmetic at full precision; no suppression applied (the audit needs the real numbers). */
export function computePeriodValues(id: string, period: PeriodData, definition: IndicatorDefinition, planPopulation: number | undefined): PeriodValues {
  const { numerator, denominator } = periodCounts(id, period, definition, planPopulation);
  let computed: number | null = null;
  if (numerator !== null) {
    if (definition.unit === 'count' || definition.unit === 'number') computed = numerator;
    else if (denominator !== null && denominator > 0) {
      const ratio = numerator / denominator;
      computed = definition.unit === 'percent' ? ratio * 100 : definition.unit === 'rate' ? ratio * (definition.per ?? 1) : ratio;
    }
  }
  const stated = period.value ?? null;
  return { numerator, denominator, computed, stated, value: computed ?? stated };
}

export function comparatorNumber(value: ComparatorValue | undefined): number | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' ? value : value.value;
}

function roundTo(value: number, precision: number): number {
  const factor = 10 ** precision;
  return Math.round(value * factor) / factor;
}

/** Comparisons use the values as displayed, so the words never contradict the printed numbers. */
function position(a: number, b: number, precision: number): 'higher' | 'lower' | 'same' {
  const difference = roundTo(a, precision) - roundTo(b, precision);
  if (Math.abs(difference) < 0.5 * 10 ** -precision) return 'same';
  return difference > 0 ? 'higher' : 'lower';
}

function assess(direction: 'higher' | 'lower' | 'same', betterWhen: IndicatorDefinition['betterWhen']): Assessment {
  if (direction === 'same') return 'same';
  if (betterWhen === 'neither') return 'not-rated';
  return (direction === 'lower') === (betterWhen === 'lower') ? 'better' : 'worse';
}

function symbolFor(where: 'higher' | 'lower' | 'same'): '▲' | '▼' | '=' {
  return where === 'higher' ? '▲' : where === 'lower' ? '▼' : '=';
}

export function computeChange(previous: { label: string; value: number }, latest: { label: string; value: number }, definition: IndicatorDefinition): Change {
  const absolute = latest.value - previous.value;
  const moved = position(latest.value, previous.value, definition.precision);
  return {
    from: previous.label,
    to: latest.label,
    absolute,
    relative: previous.value !== 0 ? (absolute / previous.value) * 100 : null,
    pp: definition.unit === 'percent' ? absolute : null,
    direction: moved === 'higher' ? 'up' : moved === 'lower' ? 'down' : 'same',
    assessment: assess(moved, definition.betterWhen),
    symbol: symbolFor(moved),
    text: '',
  };
}

export function compareWith(local: number, comparator: ComparatorKey, value: number, name: string, definition: IndicatorDefinition): Comparison {
  const where = position(local, value, definition.precision);
  const assessment = assess(where, definition.betterWhen);
  const text =
    assessment === 'better' || assessment === 'worse' ? `${assessment} than ${name}` : where === 'same' ? `the same as ${name}` : `${where} than ${name}`;
  return { comparator, name, value, valueText: shortValueText(definition, value), local, difference: local - value, position: where, assessment, text, symbol: symbolFor(where) };
}

/** How a value of this indicator is shown: the figure kind, precision and `per` the formatter needs. */
export function valueFigure(definition: IndicatorDefinition, value: number | string | null): Figure {
  const kind: FigureKind = definition.unit === 'percent' ? 'percent' : definition.unit === 'rate' ? 'rate' : definition.unit === 'ratio' ? 'ratio' : definition.unit === 'count' ? 'count' : 'number';
  return { kind, value, precision: definition.precision, ...(definition.unit === 'rate' && definition.per ? { per: definition.per } : {}) };
}

/** The change in the indicator's own unit: percentage points for percentages. */
export function absoluteChangeFigure(definition: IndicatorDefinition, value: number | null): Figure {
  if (definition.unit === 'percent') return { kind: 'pp', value, precision: definition.precision, signed: true };
  return { ...valueFigure(definition, value), signed: true };
}

/** A value in a sentence, with its unit: "135 per 100,000 children aged 10 to 17", "33.8%", "1.24". */
export function valueText(definition: IndicatorDefinition, value: number): string {
  const text = formatFigure(valueFigure(definition, value));
  return definition.unit === 'rate' && definition.populationBased ? `${text} children aged 10 to 17` : text;
}

/** A value without its unit words, for brackets after a name: "138", "32.5%". */
function shortValueText(definition: IndicatorDefinition, value: number): string {
  return formatFigure(valueFigure(definition, value), { unit: false });
}

/** "Kelbridge" from "Kelbridge Borough Council". */
export function placeName(authority: string): string {
  const place = authority
    .replace(/\b(royal borough|borough|city|county|district|metropolitan|council|of|the)\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return place || authority;
}

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** When a value applies: "in 2023-24", "for the Apr 2021 to Mar 2022 cohort", "at 31 March 2024". */
export function when(period: Pick<DerivedPeriod, 'label' | 'type'>): string {
  if (period.type === 'cohort-year' || period.type === 'cohort-quarter') return /cohort/i.test(period.label) ? `for the ${period.label}` : `for the ${period.label} cohort`;
  if (period.type === 'snapshot') return `at ${period.label}`;
  return `in ${period.label}`;
}

/** "down from 149 in Jan to Dec 2023 (−9.4%)"; percentages also say the change in percentage points. */
export function changeClause(definition: IndicatorDefinition, change: Change, previous: DerivedPeriod & { value: number }): string {
  const from = `${shortValueText(definition, previous.value)} ${when(previous)}`;
  if (change.direction === 'same') return `the same as ${when(previous)}`;
  const word = change.direction === 'up' ? 'up' : 'down';
  const relative = change.relative !== null ? formatFigure({ kind: 'percent', value: change.relative, precision: 1, signed: true }) : null;
  if (definition.unit === 'percent') {
    const points = formatFigure({ kind: 'pp', value: Math.abs(change.absolute), precision: definition.precision });
    return `${word} ${points} from ${from}${relative ? ` (a relative change of ${relative})` : ''}`;
  }
  return `${word} from ${from}${relative ? ` (${relative})` : ''}`;
}

const CHANGE_VERDICT: Record<Assessment, string> = { better: ': an improvement', worse: ': a deterioration', same: '', 'not-rated': '' };

/** "better than England and Wales (142) and YJS family (148), and worse than South West (135)". */
function comparisonClause(definition: IndicatorDefinition, comparisons: Comparison[]): string {
  const groups = new Map<string, string[]>();
  for (const c of comparisons) {
    const verb = c.text.slice(0, c.text.length - c.name.length);
    groups.set(verb, [...(groups.get(verb) ?? []), `${c.name} (${shortValueText(definition, c.value)})`]);
  }
  const parts = [...groups].map(([verb, names]) => `${verb}${joinWords(names)}`);
  return parts.length > 2 ? `${parts.slice(0, -1).join('; ')}; and ${parts[parts.length - 1]}` : parts.join(', and ');
}

/** One plain sentence a screen-reader user can take instead of the chart. */
export function summarySentence(localLabel: string, definition: IndicatorDefinition, latest: DerivedPeriod | null, previous: DerivedPeriod | null, change: Change | null, comparisons: Comparison[]): string {
  if (!latest) return `No figures are given yet for ${definition.label}.`;
  if (latest.suppressed) return `The ${localLabel} figure ${when(latest)} is not published because the numbers are small enough to identify children.`;
  if (latest.value === null) return `No ${localLabel} figure is given ${when(latest)}.`;
  const opening = when(latest);
  let sentence = `${opening.charAt(0).toUpperCase()}${opening.slice(1)}, ${definition.phrase} in ${localLabel} was ${valueText(definition, latest.value)}`;
  if (change && previous && previous.value !== null) sentence += `, ${changeClause(definition, change, { ...previous, value: previous.value })}`;
  if (comparisons.length > 0) sentence += `; this is ${comparisonClause(definition, comparisons)}`;
  return sentence + '.';
}

function chartSpec(definition: IndicatorDefinition, localLabel: string, periods: DerivedPeriod[], names: Record<ComparatorKey, string>): ChartSpec {
  const round = (value: number | null) => (value === null ? null : roundTo(value, definition.precision));
  const series: ChartSpec['series'] = [{ key: 'local', label: localLabel, data: periods.map((p) => round(p.value)) }];
  for (const key of COMPARATOR_KEYS) {
    if (periods.some((p) => p.comparators[key] !== undefined && p.comparators[key] !== null)) {
      series.push({ key, label: names[key], data: periods.map((p) => round(p.comparators[key] ?? null)) });
    }
  }
  const yTitle =
    definition.unit === 'percent'
      ? 'Per cent'
      : definition.unit === 'rate'
        ? `Rate per ${(definition.per ?? 1).toLocaleString('en-GB')}${definition.populationBased ? ' children aged 10 to 17' : ''}`
        : definition.label;
  return { type: periods.length === 1 ? 'bar' : 'line', labels: periods.map((p) => p.label), series, yTitle, precision: definition.precision, suffix: definition.unit === 'percent' ? '%' : '' };
}

function derivePeriod(indicator: IndicatorData, period: PeriodData, index: number, definition: IndicatorDefinition, plan: PlanContext): DerivedPeriod {
  const values = computePeriodValues(indicator.id, period, definition, plan.plan.population?.age10to17);
  const suppressed = period.suppressed ?? false;
  const comparators: DerivedPeriod['comparators'] = {};
  const comparatorPeriods: DerivedPeriod['comparatorPeriods'] = {};
  for (const key of COMPARATOR_KEYS) {
    const raw = period.comparators?.[key];
    if (raw === undefined) continue;
    comparators[key] = comparatorNumber(raw);
    if (raw !== null && typeof raw === 'object' && raw.period) comparatorPeriods[key] = raw.period;
  }
  const source = period.source ?? indicator.source;
  return {
    index,
    label: period.label,
    ...(period.type ? { type: period.type } : {}),
    ...(period.start ? { start: period.start } : {}),
    ...(period.end ? { end: period.end } : {}),
    ...(source ? { source } : {}),
    // Small numbers: neither the value nor the count on top may be published; the base alone is safe.
    numerator: suppressed ? null : values.numerator,
    denominator: values.denominator,
    value: suppressed ? null : values.value,
    valueSource: suppressed || values.value === null ? 'none' : values.computed !== null ? 'computed' : 'stated',
    stated: suppressed ? null : values.stated,
    suppressed,
    comparators,
    comparatorPeriods,
    ...(period.note ? { note: period.note } : {}),
  };
}

/**
 * Last year's plan's periods joined to this year's series, so the charts and tables run across both plans.
 * A period in both (same label) is this year's; the previous plan's own periods come first, or in date order
 * when every period has a start date.
 */
export function joinPeriods(earlier: readonly DerivedPeriod[], current: readonly DerivedPeriod[], fromPlan: string): DerivedPeriod[] {
  const labels = new Set(current.map((period) => period.label));
  const joined = [...earlier.filter((period) => !labels.has(period.label)).map((period) => ({ ...period, fromPlan: period.fromPlan ?? fromPlan })), ...current];
  if (joined.every((period) => period.start)) joined.sort((a, b) => a.start!.localeCompare(b.start!));
  return joined.map((period, index) => ({ ...period, index }));
}

export function deriveIndicator(indicator: IndicatorData, localLabel: string, plan: PlanContext, earlier?: { periods: readonly DerivedPeriod[]; fromPlan: string }): DerivedIndicator {
  const definition = resolveDefinition(indicator);
  const own = indicator.periods.map((period, index) => derivePeriod(indicator, period, index, definition, plan));
  const periods = earlier ? joinPeriods(earlier.periods, own, earlier.fromPlan) : own;
  const latest = periods[periods.length - 1] ?? null;
  const previous = periods[periods.length - 2] ?? null;
  const change =
    latest?.value !== null && latest?.value !== undefined && previous?.value !== null && previous?.value !== undefined
      ? computeChange({ label: previous.label, value: previous.value }, { label: latest.label, value: latest.value }, definition)
      : null;
  const comparisons: Comparison[] = [];
  if (latest && latest.value !== null) {
    for (const key of COMPARATOR_KEYS) {
      const value = latest.comparators[key];
      if (value !== undefined && value !== null) comparisons.push(compareWith(latest.value, key, value, plan.comparatorNames[key], definition));
    }
  }
  if (change && previous && previous.value !== null) change.text = changeClause(definition, change, { ...previous, value: previous.value }) + CHANGE_VERDICT[change.assessment];
  const latestText = !latest ? 'no figures yet' : latest.suppressed ? 'not published (small numbers)' : latest.value === null ? 'no figure given' : valueText(definition, latest.value);
  return {
    id: indicator.id,
    group: groupOf(indicator.id),
    latestText,
    definition,
    ...(indicator.source ? { source: indicator.source } : {}),
    ...(indicator.note ? { note: indicator.note } : {}),
    ...(indicator.comparatorsNote ? { comparatorsNote: indicator.comparatorsNote } : {}),
    periods,
    latest,
    previous,
    change,
    comparisons,
    summary: summarySentence(localLabel, definition, latest, previous, change, comparisons),
    chart: chartSpec(definition, localLabel, periods, plan.comparatorNames),
  };
}

const KPI_ORDER = Object.keys(KPI_INDICATORS);

export function derivePerformance(data: PerformanceData, plan: PlanContext): DerivedPerformance {
  const localLabel = data.localLabel ?? placeName(plan.plan.authority);
  const seen = new Set<string>();
  // A repeated id is reported by the audit; the first entry wins so figure keys stay unambiguous.
  const previous = plan.previous?.blocks.performance as DerivedPerformance | undefined;
  const earlier = (id: string) => {
    const match = previous?.indicators.find((i) => i.id === id);
    return match && plan.previous ? { periods: match.periods, fromPlan: plan.previous.periodLabel } : undefined;
  };
  const indicators = data.indicators.filter((i) => !seen.has(i.id) && seen.add(i.id)).map((i) => deriveIndicator(i, localLabel, plan, earlier(i.id)));
  return {
    localLabel,
    indicators,
    national: indicators.filter((i) => i.group === 'national'),
    kpis: indicators.filter((i) => i.group === 'kpi').sort((a, b) => KPI_ORDER.indexOf(a.id) - KPI_ORDER.indexOf(b.id)),
    local: indicators.filter((i) => i.group === 'local'),
  };
}

export function findIndicator(derived: DerivedPerformance, id: string): DerivedIndicator | undefined {
  return derived.indicators.find((i) => i.id === id);
}
