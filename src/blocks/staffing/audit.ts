import type { Finding } from '../types.ts';
import { formatNumber } from '../../render/format.ts';
import { closest } from '../../validate/suggest.ts';
import { agreesAtPrecision, decimalsOf } from '../tables/stated.ts';
import { roleLabel, selectorsNameSomething, sum } from './derive.ts';
import {
  BREAKDOWN_KEYS,
  CATEGORY_LABELS,
  type BreakdownKeys,
  type BreakdownName,
  type ComparisonName,
  type Counts,
  type DerivedBreakdown,
  type Figures,
  type DerivedPart,
  type StaffingData,
  type StaffingDerived,
} from './types.ts';

const BREAKDOWNS: readonly BreakdownName[] = ['sex', 'ethnicity', 'disability'];
const NOUNS: Record<BreakdownName, string> = { sex: 'sex', ethnicity: 'ethnicity', disability: 'known disability' };

function count(value: number): string {
  return formatNumber(value, 0);
}

/** An FTE as written: 21.4, 0.16, 3.0 (at least one decimal, at most two). */
function fte(value: number): string {
  return formatNumber(value, Math.max(1, Math.min(2, decimalsOf(Math.round(value * 1e6) / 1e6))));
}

function people(value: number): string {
  return `${count(value)} ${value === 1 ? 'person' : 'people'}`;
}

/** Stated totals, FTEs, and whether each breakdown counts every member of staff exactly once. */
export function auditStaffing(data: StaffingData, derived: StaffingDerived): Finding[] {
  const findings: Finding[] = [];
  derived.roles.forEach((row) => {
    if (row.fte !== null && row.fte > row.headcount) {
      findings.push({
        severity: 'warning',
        pointer: `/roles/${row.index}/fte`,
        code: 'audit.staffing-fte',
        message: `${row.role}: the FTE (${fte(row.fte)}) is more than the headcount (${count(row.headcount)})`,
        hint: 'FTE is the share of full-time hours worked, so it cannot exceed the number of people; check both figures',
      });
    }
  });
  findings.push(...auditStatedTotals(data, derived));
  for (const name of BREAKDOWNS) findings.push(...auditBreakdown(data, derived, name));
  findings.push(...auditComparison(data));
  return findings;
}

function auditStatedTotals(data: StaffingData, derived: StaffingDerived): Finding[] {
  const findings: Finding[] = [];
  const stated = data.stated;
  if (!stated) return findings;
  if (stated.headcount !== undefined && stated.headcount !== derived.headcount) {
    const includesVacancies = derived.vacancies > 0 && stated.headcount === derived.headcount + derived.vacancies;
    findings.push({
      severity: 'warning',
      pointer: '/stated/headcount',
      code: 'audit.staffing-total',
      message: `the headcount is stated as ${count(stated.headcount)} but the roles add up to ${count(derived.headcount)}`,
      hint: includesVacancies
        ? `the stated figure includes the ${count(derived.vacancies)} vacant ${derived.vacancies === 1 ? 'post' : 'posts'}; the headcount counts people in post`
        : 'correct the stated total, or the role headcounts',
    });
  }
  if (stated.fte !== undefined && (derived.fte === null || !agreesAtPrecision(stated.fte, derived.fte))) {
    findings.push({
      severity: 'warning',
      pointer: '/stated/fte',
      code: 'audit.staffing-total',
      message: derived.fte === null ? `the FTE is stated as ${fte(stated.fte)} but no role gives an FTE` : `the FTE is stated as ${fte(stated.fte)} but the roles add up to ${fte(derived.fte)}`,
      hint: 'correct the stated total, or the FTEs of the roles (vacant posts are not counted)',
    });
  }
  if (stated.fte !== undefined && stated.headcount !== undefined && stated.fte > stated.headcount) {
    findings.push({
      severity: 'warning',
      pointer: '/stated/fte',
      code: 'audit.staffing-fte',
      message: `the stated FTE (${fte(stated.fte)}) is more than the stated headcount (${count(stated.headcount)})`,
      hint: 'FTE cannot exceed the number of people; check both figures',
    });
  }
  if (stated.vacancies !== undefined && stated.vacancies !== derived.vacancies) {
    findings.push({
      severity: 'warning',
      pointer: '/stated/vacancies',
      code: 'audit.staffing-total',
      message: `the number of vacancies is stated as ${count(stated.vacancies)} but the vacant posts add up to ${count(derived.vacancies)}`,
      hint: 'list each vacant post as a role with `contract: vacant`',
    });
  }
  return findings;
}

function auditBreakdown<B extends BreakdownName>(data: StaffingData, derived: StaffingDerived, name: B): Finding[] {
  type K = BreakdownKeys[B];
  const findings: Finding[] = [];
  const breakdown = derived[name] as DerivedBreakdown<K> | undefined;
  const noun = NOUNS[name];
  const stated = data.stated?.[name] as Counts<K> | undefined;
  if (!breakdown) {
    if (stated) {
      const total = sum(Object.values(stated) as number[]);
      if (total !== derived.headcount) {
        findings.push({
          severity: 'warning',
          pointer: `/stated/${name}`,
          code: 'audit.staffing-breakdown',
          message: `the stated ${noun} counts add up to ${count(total)} but the headcount is ${count(derived.headcount)}`,
          hint: 'every member of staff belongs in one category; use "not known" for those who have not said',
        });
      }
    }
    return findings;
  }
  let partProblems = 0;
  for (const part of breakdown.parts) {
    const problem = auditPart(data, derived, name, part);
    if (problem) {
      partProblems++;
      findings.push(problem);
    }
  }
  const rolePointer = (index: number) => `/roles/${index}`;
  const wholePointer = data[name] !== undefined ? `/${name}` : rolePointer(breakdown.uncoveredRoles[0] ?? breakdown.overlappingRoles[0] ?? 0);
  const coveredHeadcount = derived.headcount - sum(breakdown.uncoveredRoles.map((index) => derived.roles[index]!.headcount));
  if (breakdown.uncoveredRoles.length) {
    const left = breakdown.uncoveredRoles.map((index) => `${roleLabel(derived.roles[index]!)}: ${count(derived.roles[index]!.headcount)}`);
    findings.push({
      severity: 'warning',
      pointer: wholePointer,
      code: 'audit.staffing-breakdown',
      message: `the ${noun} breakdown covers ${count(coveredHeadcount)} of the ${count(derived.headcount)} staff; it leaves out ${left.join('; ')}`,
      hint: `give ${noun} for these roles too, or one set of counts for all staff`,
    });
  }
  if (breakdown.overlappingRoles.length) {
    const twice = breakdown.overlappingRoles.map((index) => roleLabel(derived.roles[index]!));
    findings.push({
      severity: 'warning',
      pointer: wholePointer,
      code: 'audit.staffing-breakdown',
      message: `the ${noun} breakdown counts some staff more than once: ${twice.join('; ')} ${twice.length === 1 ? 'is' : 'are'} in more than one part`,
      hint: 'each role should be counted by exactly one part (per role, per group, or all staff at once)',
    });
  }
  if (partProblems === 0 && !breakdown.uncoveredRoles.length && !breakdown.overlappingRoles.length && breakdown.total !== derived.headcount) {
    findings.push({
      severity: 'warning',
      pointer: wholePointer,
      code: 'audit.staffing-breakdown',
      message: `the ${noun} breakdown adds up to ${count(breakdown.total)} but the headcount is ${count(derived.headcount)}`,
      hint: 'every member of staff belongs in one category; use "not known" for those who have not said',
    });
  }
  if (stated) {
    const labels = CATEGORY_LABELS[name] as Record<K, string>;
    for (const key of BREAKDOWN_KEYS[name] as readonly K[]) {
      const value = stated[key];
      if (value === undefined || value === breakdown.counts[key]) continue;
      findings.push({
        severity: 'warning',
        pointer: `/stated/${name}/${key}`,
        code: 'audit.staffing-breakdown',
        message: `the number of staff in "${labels[key]}" is stated as ${count(value)} but the ${noun} breakdown adds up to ${count(breakdown.counts[key])}`,
        hint: 'correct the stated total, or the counts it summarises',
      });
    }
  }
  return findings;
}

function auditPart<B extends BreakdownName>(data: StaffingData, derived: StaffingDerived, name: B, part: DerivedPart<BreakdownKeys[B]>): Finding | undefined {
  const noun = NOUNS[name];
  const listed = Array.isArray(data[name]) && part.pointer.startsWith(`/${name}/`);
  if (listed && !selectorsNameSomething(derived.roles, part.selectors)) {
    const [field, value] = Object.entries(part.selectors)[0] ?? ['role', ''];
    const known = [...new Set(derived.roles.map((row) => (field === 'group' ? (row.group ?? row.role) : field === 'employer' ? (row.employer ?? '') : field === 'contract' ? row.contract : row.role)))].filter(Boolean);
    const suggestion = closest(String(value), known);
    return {
      severity: 'error',
      pointer: `${part.pointer}/${field}`,
      code: 'audit.staffing-selector',
      message: `the ${noun} counts for "${part.label}" match no role: no role has ${field} "${String(value)}"`,
      hint: suggestion ? `did you mean "${suggestion}"?` : `${field}s in roles: ${known.join(', ')}`,
    };
  }
  if (part.total === part.coveredHeadcount) return undefined;
  return {
    severity: 'warning',
    pointer: part.pointer,
    code: 'audit.staffing-breakdown',
    message:
      part.coveredHeadcount === 0
        ? `the ${noun} counts for "${part.label}" add up to ${people(part.total)}, but it has nobody in post`
        : `the ${noun} counts for "${part.label}" add up to ${count(part.total)} but the headcount ${part.roleIndexes.length === 1 ? 'of that role' : 'of those roles'} is ${count(part.coveredHeadcount)}`,
    hint: 'every member of staff belongs in one category; use "not known" for those who have not said',
  };
}

/**
 * Comparison figures: percentages should add up to 100 (to rounding), counts to their stated total.
 * Categories left empty (not published) can only make the sum smaller.
 */
function auditComparison(data: StaffingData): Finding[] {
  const findings: Finding[] = [];
  for (const group of ['caseload', 'population'] as ComparisonName[]) {
    const given = data.comparison?.[group];
    if (!given) continue;
    const unit = given.unit ?? 'count';
    for (const name of BREAKDOWNS) {
      const values = given[name] as Figures<string> | undefined;
      if (!values) continue;
      const pointer = `/comparison/${group}/${name}`;
      const what = `the ${group} ${NOUNS[name]}`;
      const published = Object.values(values).filter((value): value is number => typeof value === 'number');
      const withheld = Object.values(values).length - published.length;
      const total = sum(published);
      const warn = (message: string, hint: string) => findings.push({ severity: 'warning', pointer, code: 'audit.staffing-comparison', message, hint });
      if (unit === 'percent') {
        // Each share rounded to 1 dp can move the sum by a few tenths; more than a point is a real gap.
        if (withheld === 0 ? Math.abs(total - 100) > 1 : total > 101) {
          warn(`${what} shares add up to ${formatNumber(total, 1)}%, not 100%`, 'give every category, "not known" included, or give counts with `unit: count`');
        }
      } else if (given.total !== undefined) {
        if (withheld === 0 ? total !== given.total : total > given.total) {
          warn(`${what} counts add up to ${count(total)} but the total is given as ${count(given.total)}`, 'give every category, and leave empty only those not published');
        }
      } else if (withheld > 0) {
        warn(`${what} leaves ${withheld === 1 ? 'a category' : `${withheld} categories`} empty but gives no total, so the other shares would be of the published counts only`, `add \`total:\` to comparison.${group}: the number of children the counts are out of`);
      }
    }
  }
  return findings;
}
