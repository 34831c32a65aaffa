import type { Finding } from '../types.ts';
import type { PlanContext } from '../plan/types.ts';
import { formatFigure, formatNumber } from '../../render/format.ts';
import { closest } from '../../validate/suggest.ts';
import { REOFFENDING_COUNTS, STANDARD_IDS, standardDefinition } from './definitions.ts';
import { comparatorNumber, computePeriodValues, resolveDefinition, valueFigure, type PeriodValues } from './derive.ts';
import { decimalsOf, labelDateConflicts, periodIsIdentified } from './periods.ts';
import { COMPARATOR_KEYS, type IndicatorData, type IndicatorDefinition, type PerformanceData, type PeriodData } from './types.ts';

/** Half a unit in the last stated decimal place, plus room for binary floating point. */
function tolerance(precision: number): number {
  return 0.5 * 10 ** -precision + 1e-9;
}

function show(definition: IndicatorDefinition, value: number, precision = definition.precision): string {
  return formatFigure({ ...valueFigure(definition, value), precision });
}

/** Checks of performance.yaml: stated figures against the counts, changes, labels against dates. */
export function auditPerformance(data: PerformanceData, plan: PlanContext): Finding[] {
  const findings: Finding[] = [];
  const firstIndex = new Map<string, number>();
  data.indicators.forEach((indicator, i) => {
    const at = `/indicators/${i}`;
    const earlier = firstIndex.get(indicator.id);
    if (earlier !== undefined) {
      findings.push({ severity: 'error', pointer: `${at}/id`, code: 'audit.duplicate-indicator', message: `the indicator "${indicator.id}" is listed twice (also entry ${earlier + 1})`, hint: 'put all its periods under one entry' });
      return;
    }
    firstIndex.set(indicator.id, i);
    findings.push(...auditDefinition(indicator, at));
    findings.push(...auditIndicator(indicator, at, plan));
  });
  return findings;
}

function auditDefinition(indicator: IndicatorData, at: string): Finding[] {
  const findings: Finding[] = [];
  const standard = standardDefinition(indicator.id);
  if (standard) {
    for (const field of ['unit', 'per', 'betterWhen', 'formula'] as const) {
      if (indicator[field] !== undefined) {
        findings.push({
          severity: 'warning',
          pointer: `${at}/${field}`,
          atKey: true,
          code: 'audit.standard-definition',
          message: `\`${field}\` is fixed for the standard indicator "${indicator.id}" and is ignored here`,
          hint: `remove it; "${indicator.id}" is ${standard.formula}`,
        });
      }
    }
    return findings;
  }
  const suggestion = closest(indicator.id, STANDARD_IDS);
  for (const field of ['label', 'unit'] as const) {
    if (indicator[field] === undefined) {
      findings.push({
        severity: 'error',
        pointer: at,
        code: 'audit.local-definition',
        message: `"${indicator.id}" is not a standard indicator, so as a local measure it needs \`${field}\``,
        hint: suggestion ? `did you mean the standard indicator \`${suggestion}\`?` : `add \`${field}:\`, and \`betterWhen:\` lower, higher or neither`,
      });
    }
  }
  if (indicator.unit === 'rate' && indicator.per === undefined) {
    findings.push({ severity: 'error', pointer: `${at}/unit`, code: 'audit.local-definition', message: `the local rate "${indicator.id}" does not say what it is per`, hint: 'add `per:` 1000 or 100000' });
  }
  return findings;
}

function auditIndicator(indicator: IndicatorData, at: string, plan: PlanContext): Finding[] {
  const findings: Finding[] = [];
  const definition = resolveDefinition(indicator);
  const population = plan.plan.population?.age10to17;
  const values = indicator.periods.map((period) => computePeriodValues(indicator.id, period, definition, population));
  indicator.periods.forEach((period, j) => {
    const where = `${at}/periods/${j}`;
    findings.push(...auditPeriodDates(indicator, period, j, where));
    findings.push(...auditCounts(indicator, period, definition, values[j]!, where, population));
    findings.push(...auditStatedValue(indicator.id, period, definition, values[j]!, where));
    findings.push(...auditComparators(period, where));
    if (period.change) findings.push(...auditStatedChange(indicator, period, j, definition, values, where));
  });
  return findings;
}

function auditPeriodDates(indicator: IndicatorData, period: PeriodData, j: number, where: string): Finding[] {
  const findings: Finding[] = [];
  if (period.start && period.end && period.start > period.end) {
    findings.push({ severity: 'warning', pointer: `${where}/end`, code: 'audit.period-order', message: `the period "${period.label}" ends (${period.end}) before it starts (${period.start})`, hint: 'swap the dates' });
  }
  const conflicts = labelDateConflicts(period.label, period.type, period.start, period.end);
  if (conflicts.length > 0) {
    findings.push({
      severity: 'warning',
      pointer: `${where}/label`,
      code: 'audit.period-label',
      message: `the period label "${period.label}" does not match its dates: ${conflicts.join('; ')}`,
      hint: 'correct the label or the dates so a reader and the chart agree on the period',
    });
  }
  const before = indicator.periods.slice(0, j).reverse().find((p) => p.end);
  if (before?.end && period.end && period.end < before.end) {
    findings.push({ severity: 'warning', pointer: `${where}/end`, code: 'audit.period-sequence', message: `"${period.label}" (ending ${period.end}) is listed after "${before.label}" (ending ${before.end})`, hint: 'list periods oldest first: the last one is reported as the latest' });
  }
  return findings;
}

function auditCounts(indicator: IndicatorData, period: PeriodData, definition: IndicatorDefinition, values: PeriodValues, where: string, population: number | undefined): Finding[] {
  const findings: Finding[] = [];
  const reoffending = REOFFENDING_COUNTS[indicator.id];
  for (const field of ['cohort', 'reoffenders', 'reoffences'] as const) {
    if (period[field] !== undefined && !reoffending) {
      findings.push({ severity: 'warning', pointer: `${where}/${field}`, atKey: true, code: 'audit.counts', message: `\`${field}\` is only used by the reoffending indicators, not "${indicator.id}"`, hint: 'use `numerator` and `denominator`' });
    }
  }
  if (reoffending) {
    const pairs = [
      ['numerator', reoffending.numerator],
      ['denominator', reoffending.denominator],
    ] as const;
    for (const [generic, specific] of pairs) {
      const a = period[generic];
      const b = period[specific];
      if (a !== undefined && b !== undefined && a !== b) {
        findings.push({ severity: 'warning', pointer: `${where}/${generic}`, code: 'audit.counts', message: `\`${generic}\` is ${formatNumber(a)} but \`${specific}\` is ${formatNumber(b)}; for "${indicator.id}" they are the same count`, hint: `keep \`${specific}\` and remove \`${generic}\`` });
      }
    }
    if (period.reoffenders !== undefined && period.cohort !== undefined && period.reoffenders > period.cohort) {
      findings.push({ severity: 'warning', pointer: `${where}/reoffenders`, code: 'audit.counts', message: `${formatNumber(period.reoffenders)} children reoffended but the cohort is only ${formatNumber(period.cohort)}`, hint: 'check the cohort and the number who reoffended' });
    }
  }
  if (definition.unit === 'percent' && values.numerator !== null && values.denominator !== null && values.numerator > values.denominator) {
    findings.push({ severity: 'warning', pointer: `${where}/numerator`, code: 'audit.counts', message: `the numerator ${formatNumber(values.numerator)} is more than the denominator ${formatNumber(values.denominator)}, which makes over 100%`, hint: 'check which count goes on top' });
  }
  if (definition.unit === 'rate' && values.numerator !== null && values.denominator === null && population === undefined) {
    findings.push({ severity: 'warning', pointer: `${where}/numerator`, code: 'audit.population', message: `"${period.label}" gives a count but there is no population to turn it into a rate`, hint: 'set population.age10to17 in plan.yaml, or `population:` on the period' });
  }
  return findings;
}

function auditStatedValue(id: string, period: PeriodData, definition: IndicatorDefinition, values: PeriodValues, where: string): Finding[] {
  const findings: Finding[] = [];
  const stated = period.value;
  if (stated === undefined) return findings;
  const precision = period.precision ?? decimalsOf(stated);
  if (values.computed !== null) {
    if (Math.abs(values.computed - stated) > tolerance(precision)) {
      findings.push({
        severity: 'warning',
        pointer: `${where}/value`,
        code: 'audit.stated-value',
        message: `"${period.label}" is stated as ${show(definition, stated, precision)} but ${describeCounts(definition, values)} gives ${show(definition, values.computed, Math.max(precision, definition.precision))}`,
        hint: 'correct the stated value, or the counts it is worked out from',
      });
    }
    return findings;
  }
  if (definition.unit !== 'percent') return findings;
  const base = values.denominator;
  if (base === null) {
    findings.push({
      severity: 'warning',
      pointer: `${where}/value`,
      code: 'audit.missing-denominator',
      message: `${show(definition, stated, precision)} for "${period.label}" is stated without the number it is a share of`,
      hint: `add ${REOFFENDING_COUNTS[id] ? `\`${REOFFENDING_COUNTS[id].denominator}:\` and \`${REOFFENDING_COUNTS[id].numerator}:\`` : '`denominator:` and `numerator:`'} so readers can judge how many children it means`,
    });
    return findings;
  }
  if (Number.isInteger(base) && !achievable(stated, base, precision)) {
    const below = Math.floor((stated * base) / 100);
    const nearest = [below, below + 1].filter((k) => k >= 0 && k <= base);
    findings.push({
      severity: 'warning',
      pointer: `${where}/value`,
      code: 'audit.impossible-percentage',
      message: `${show(definition, stated, precision)} cannot be a share of ${formatNumber(base)}: ${nearest.map((k) => `${k} of ${formatNumber(base)} is ${formatNumber((k / base) * 100, Math.max(1, precision))}%`).join(' and ')}`,
      hint: 'the percentage or its base is wrong; give the numerator too so it can be checked',
    });
  }
  return findings;
}

/** Whether some whole number out of `base` rounds to the stated percentage. */
export function achievable(percentage: number, base: number, precision: number): boolean {
  const around = Math.round((percentage * base) / 100);
  for (const k of [around - 1, around, around + 1]) {
    if (k >= 0 && k <= base && Math.abs((k / base) * 100 - percentage) <= tolerance(precision)) return true;
  }
  return false;
}

function describeCounts(definition: IndicatorDefinition, values: PeriodValues): string {
  const n = formatNumber(values.numerator ?? 0);
  const d = formatNumber(values.denominator ?? 0);
  if (definition.unit === 'rate') return `${n} ${definition.numeratorLabel.toLowerCase()} in a population of ${d}`;
  if (definition.unit === 'ratio') return `${n} ÷ ${d}`;
  if (definition.unit === 'percent') return `${n} of ${d}`;
  return `the count ${n}`;
}

function auditComparators(period: PeriodData, where: string): Finding[] {
  const given = COMPARATOR_KEYS.filter((key) => comparatorNumber(period.comparators?.[key]) !== null);
  if (given.length === 0 || periodIsIdentified(period.label, period.type, period.start, period.end)) return [];
  const withOwnPeriod = given.filter((key) => {
    const raw = period.comparators?.[key];
    return raw !== null && typeof raw === 'object' && raw.period;
  });
  if (withOwnPeriod.length === given.length) return [];
  return [
    {
      severity: 'warning',
      pointer: `${where}/comparators`,
      code: 'audit.comparator-period',
      message: `the comparator values for "${period.label}" have no period, so readers cannot tell whether they compare like with like`,
      hint: 'give the period `start` and `end` dates (or a label such as "Apr 2023 to Mar 2024"), or give each comparator its own `period`',
    },
  ];
}

function signedPercent(value: number): string {
  return formatFigure({ kind: 'percent', value, precision: 1, signed: true });
}

/** −20.0 pp */
function signedPoints(value: number): string {
  return formatFigure({ kind: 'pp', value, precision: 1, signed: true }, { unit: false });
}

function auditStatedChange(indicator: IndicatorData, period: PeriodData, j: number, definition: IndicatorDefinition, values: PeriodValues[], where: string): Finding[] {
  const change = period.change!;
  const at = `${where}/change`;
  let from = j - 1;
  if (change.since !== undefined) {
    from = indicator.periods.findIndex((p) => p.label === change.since);
    if (from < 0) {
      return [{ severity: 'warning', pointer: `${at}/since`, code: 'audit.change', message: `the change is measured since "${change.since}", which is not a period of "${indicator.id}"`, hint: `use one of: ${indicator.periods.map((p) => `"${p.label}"`).join(', ')}` }];
    }
  }
  const earlier = values[from];
  const later = values[j]!;
  if (!earlier || earlier.value === null || later.value === null) {
    return [{ severity: 'warning', pointer: `${at}/value`, code: 'audit.change', message: `the stated change for "${period.label}" cannot be checked: ${!earlier ? 'there is no earlier period' : 'a value is missing'}`, hint: 'list the earlier period with its value or counts' }];
  }
  const before = indicator.periods[from]!;
  const absolute = later.value - earlier.value;
  const relative = earlier.value !== 0 ? (absolute / earlier.value) * 100 : null;
  const isPercent = definition.unit === 'percent';
  const precision = change.precision ?? decimalsOf(change.value);
  const size = Math.abs(change.value);
  const findings: Finding[] = [];
  const movement = `from ${show(definition, earlier.value)} in ${before.label} to ${show(definition, later.value)} in ${period.label}`;
  const stated = change.wording ? `"${change.wording}"` : `a ${change.kind === 'pp' ? `${formatNumber(change.value, precision)} percentage point` : `${formatNumber(change.value, precision)}%`} change`;

  if (change.kind === 'pp' && !isPercent) {
    findings.push({ severity: 'warning', pointer: `${at}/kind`, code: 'audit.change-kind', message: `${stated} is given in percentage points, but "${indicator.id}" is not a percentage`, hint: `use kind: relative (the relative change is ${relative === null ? 'undefined' : signedPercent(relative)})` });
    return findings;
  }
  const primary = change.kind === 'relative' ? relative : absolute;
  const other = change.kind === 'relative' ? (isPercent ? absolute : null) : relative;
  const fits = (value: number | null) => value !== null && Math.abs(Math.abs(value) - size) <= tolerance(precision);
  if (!fits(primary)) {
    if (fits(other)) {
      findings.push({
        severity: 'warning',
        pointer: `${at}/value`,
        code: 'audit.change-kind',
        message:
          change.kind === 'relative'
            ? `${stated} is stated as a relative change, but ${formatNumber(size, precision)} is the difference in percentage points: ${movement} is ${signedPoints(absolute)}; the relative change is ${relative === null ? 'undefined' : signedPercent(relative)}`
            : `${stated} is stated in percentage points, but ${formatNumber(size, precision)} is the relative change: ${movement} is ${relative === null ? 'undefined' : signedPercent(relative)} relative, a difference of ${signedPoints(absolute)}`,
        hint: change.kind === 'relative' ? `write "${formatNumber(Math.abs(absolute), 1)} percentage points", or "${relative === null ? '' : formatNumber(Math.abs(relative), 1)}%" for the relative change; then set kind to match` : `write "${relative === null ? '' : formatNumber(Math.abs(relative), 1)}%", or "${formatNumber(Math.abs(absolute), 1)} percentage points"; then set kind to match`,
      });
    } else {
      const actual = primary === null ? 'undefined (the earlier value is 0)' : change.kind === 'relative' ? signedPercent(primary) : signedPoints(primary);
      findings.push({
        severity: 'warning',
        pointer: `${at}/value`,
        code: 'audit.change',
        message: `${stated} does not match the figures: ${movement} is ${actual}${isPercent && change.kind === 'relative' ? ` (${signedPoints(absolute)})` : ''}`,
        hint: 'correct the stated change, or the values it compares',
      });
    }
  }
  const direction = change.direction ?? (change.value < 0 ? 'decrease' : undefined);
  const rounded = Math.round(absolute * 10 ** definition.precision) / 10 ** definition.precision;
  const actualDirection = rounded > 0 ? 'increase' : rounded < 0 ? 'decrease' : undefined;
  if (direction && actualDirection && direction !== actualDirection) {
    findings.push({
      severity: 'warning',
      pointer: change.direction ? `${at}/direction` : `${at}/value`,
      code: 'audit.change-direction',
      message: `${stated} says ${direction === 'increase' ? 'an increase' : 'a decrease'}, but the value went ${actualDirection === 'increase' ? 'up' : 'down'}: ${movement}`,
      hint: 'check which period is the earlier one and the wording of the change',
    });
  }
  return findings;
}
