import type { Cell, Figure, FigureKind, TableColumn, TableModel } from '../types.ts';
import type { PlanContext } from '../plan/types.ts';
import { KPI_INDICATORS } from './definitions.ts';
import { absoluteChangeFigure, valueFigure } from './derive.ts';
import { COMPARATOR_KEYS, type DerivedIndicator, type DerivedPerformance } from './types.ts';

const SUPPRESSED = 'suppressed';

/** "First time entrants to the youth justice system (rate per 100,000 children aged 10 to 17)". */
export function indicatorCaption(indicator: DerivedIndicator): string {
  const unit = unitWords(indicator);
  return `${indicator.definition.label}${unit ? ` (${unit})` : ''}`;
}

function unitWords(indicator: DerivedIndicator): string {
  const { definition } = indicator;
  if (definition.unit === 'percent') return 'per cent';
  if (definition.unit === 'rate') return `rate per ${(definition.per ?? 1).toLocaleString('en-GB')}${definition.populationBased ? ' children aged 10 to 17' : ''}`;
  return '';
}

function valueColumn(indicator: DerivedIndicator, key: string, label: string): TableColumn {
  const figure = valueFigure(indicator.definition, null);
  return { key, label, kind: figure.kind, precision: figure.precision, ...(figure.per ? { per: figure.per } : {}) };
}

/** One indicator over time: periods × local value, counts and comparators. Also the chart's data table. */
export function indicatorTable(indicator: DerivedIndicator, localLabel: string, plan: PlanContext): TableModel {
  const { definition, periods } = indicator;
  const hasNumerator = periods.some((p) => p.numerator !== null || p.suppressed);
  const hasDenominator = periods.some((p) => p.denominator !== null);
  const comparators = COMPARATOR_KEYS.filter((key) => periods.some((p) => p.comparators[key] !== undefined));
  const cohorts = periods.every((p) => p.type === 'cohort-year' || p.type === 'cohort-quarter');
  const columns: TableColumn[] = [{ key: 'period', label: cohorts ? 'Cohort' : 'Period', kind: 'text' }, valueColumn(indicator, 'local', localLabel)];
  if (hasNumerator) columns.push({ key: 'numerator', label: definition.numeratorLabel, kind: 'count' });
  if (hasDenominator) columns.push({ key: 'denominator', label: definition.denominatorLabel, kind: 'count' });
  for (const key of comparators) columns.push(valueColumn(indicator, key, plan.comparatorNames[key]));

  const footnotes: NonNullable<TableModel['footnotes']> = [];
  const rowNotes: Record<number, string[]> = {};
  const noteFor = (text: string): string => {
    const existing = footnotes.find((f) => f.text === text);
    if (existing) return existing.marker;
    const marker = String(footnotes.length + 1);
    footnotes.push({ marker, text });
    return marker;
  };
  const rows = periods.map((period, index) => {
    const row: Record<string, Cell> = {
      period: period.label,
      local: period.suppressed ? SUPPRESSED : period.value,
    };
    if (hasNumerator) row.numerator = period.suppressed ? SUPPRESSED : period.numerator;
    if (hasDenominator) row.denominator = period.denominator;
    for (const key of comparators) row[key] = period.comparators[key] ?? null;
    const markers: string[] = [];
    if (period.suppressed) markers.push(noteFor('Not published: the numbers are small enough to identify children.'));
    if (period.source && period.source !== indicator.source) markers.push(noteFor(`Source: ${period.source}.`));
    if (period.fromPlan) markers.push(noteFor(`From the ${period.fromPlan} plan.`));
    for (const key of comparators) {
      const own = period.comparatorPeriods[key];
      if (own) markers.push(noteFor(`The ${plan.comparatorNames[key]} figure is for ${own}.`));
    }
    if (markers.length > 0) rowNotes[index] = markers;
    return row;
  });
  if (indicator.source) footnotes.unshift({ marker: 'Source', text: `${indicator.source}.` });
  if (indicator.comparatorsNote) footnotes.push({ marker: 'Comparators', text: indicator.comparatorsNote });
  return {
    id: `indicator-${indicator.id}`,
    caption: `${indicatorCaption(indicator)}: ${localLabel}${comparators.length ? ' and comparators' : ''}`,
    columns,
    rows,
    rowHeader: 'period',
    ...(footnotes.length ? { footnotes } : {}),
    ...(Object.keys(rowNotes).length ? { rowNotes } : {}),
  };
}

const KPI_NUMBERS: Record<string, string> = Object.fromEntries(Object.keys(KPI_INDICATORS).map((id, index) => [id, String(index + 1)]));

/** "KPI 4 describes", "KPIs 4, 5 and 9 describe". */
function unratedNames(numbers: string[]): string {
  if (numbers.length === 1) return `KPI ${numbers[0]} describes`;
  return `KPIs ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]} describe`;
}

/** The key performance indicators, latest period each. */
export function kpiTable(derived: DerivedPerformance, plan: PlanContext): TableModel {
  const kpis = derived.kpis;
  const comparators = COMPARATOR_KEYS.filter((key) => kpis.some((k) => k.latest?.comparators[key] !== undefined));
  // When every KPI covers the same period (the usual case) it goes in the caption, which keeps the table narrow.
  const periods = [...new Set(kpis.map((k) => k.latest?.label ?? ''))];
  const onePeriod = periods.length === 1 && periods[0] ? periods[0] : null;
  const columns: TableColumn[] = [
    { key: 'kpi', label: 'Key performance indicator', kind: 'text' },
    ...(onePeriod ? [] : [{ key: 'period', label: 'Period', kind: 'text' } satisfies TableColumn]),
    { key: 'numerator', label: 'Number', kind: 'count' },
    { key: 'denominator', label: 'Out of', kind: 'count' },
    { key: 'local', label: derived.localLabel, kind: 'percent', precision: 1 },
    ...comparators.map((key): TableColumn => ({ key, label: plan.comparatorNames[key], kind: 'percent', precision: 1 })),
  ];
  if (comparators.includes('national')) columns.push({ key: 'comparison', label: `Compared with ${plan.comparatorNames.national}`, kind: 'text' });
  const rows = kpis.map((kpi) => {
    const latest = kpi.latest;
    const row: Record<string, Cell> = {
      kpi: kpi.definition.label,
      ...(onePeriod ? {} : { period: latest?.label ?? null }),
      numerator: latest?.suppressed ? SUPPRESSED : latest?.numerator ?? null,
      denominator: latest?.denominator ?? null,
      local: latest?.suppressed ? SUPPRESSED : latest?.value ?? null,
    };
    for (const key of comparators) row[key] = latest?.comparators[key] ?? null;
    if (comparators.includes('national')) {
      const comparison = kpi.comparisons.find((c) => c.comparator === 'national');
      row.comparison = comparison ? comparison.assessment === 'not-rated' || comparison.assessment === 'same' ? comparison.position : comparison.assessment : null;
    }
    return row;
  });
  const unrated = kpis.filter((k) => k.definition.betterWhen === 'neither');
  const footnotes: NonNullable<TableModel['footnotes']> = unrated.length
    ? [{ marker: 'Note', text: `${unratedNames(unrated.map((k) => KPI_NUMBERS[k.id] ?? k.id))} the needs of the children the service works with, so a higher or lower figure is neither better nor worse.` }]
    : [];
  return { id: 'kpis', caption: `Key performance indicators (per cent): ${derived.localLabel}, ${onePeriod ?? 'latest period'}`, columns, rows, rowHeader: 'kpi', ...(footnotes.length ? { footnotes } : {}) };
}

/** Every figure prose can cite for one indicator; keys are `<id>.latest.value` and so on. */
export function indicatorFigures(indicator: DerivedIndicator): Record<string, Figure> {
  const { id, definition, latest, previous, change } = indicator;
  const valueOf = (period: typeof latest): number | string | null => (period?.suppressed ? SUPPRESSED : period?.value ?? null);
  const countKind: FigureKind = 'count';
  const figures: Record<string, Figure> = {
    [`${id}.latest.value`]: valueFigure(definition, valueOf(latest)),
    [`${id}.latest.numerator`]: { kind: countKind, value: latest?.suppressed ? SUPPRESSED : latest?.numerator ?? null },
    [`${id}.latest.denominator`]: { kind: countKind, value: latest?.denominator ?? null },
    [`${id}.latest.period`]: { kind: 'text', value: latest?.label ?? null },
    [`${id}.previous.value`]: valueFigure(definition, valueOf(previous)),
    [`${id}.previous.period`]: { kind: 'text', value: previous?.label ?? null },
    [`${id}.change.relative`]: { kind: 'percent', value: change?.relative ?? null, precision: 1, signed: true },
    [`${id}.change.absolute`]: absoluteChangeFigure(definition, change?.absolute ?? null),
  };
  if (definition.unit === 'rate') figures[`${id}.latest.rate`] = valueFigure(definition, valueOf(latest));
  if (definition.unit === 'percent') figures[`${id}.change.pp`] = { kind: 'pp', value: change?.pp ?? null, precision: definition.precision, signed: true };
  for (const key of COMPARATOR_KEYS) {
    const comparison = indicator.comparisons.find((c) => c.comparator === key);
    figures[`${id}.comparator.${key}.value`] = valueFigure(definition, latest?.comparators[key] ?? null);
    figures[`${id}.comparator.${key}.comparison`] = { kind: 'text', value: comparison?.text ?? null };
  }
  return figures;
}
