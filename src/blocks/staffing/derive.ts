import type { PlanContext } from '../plan/types.ts';
import {
  BREAKDOWN_KEYS,
  CONTRACT_LABELS,
  CONTRACT_TYPES,
  type BreakdownInput,
  type BreakdownKeys,
  type BreakdownName,
  type BreakdownPart,
  type ComparisonName,
  type ContractTotals,
  type ContractType,
  type Counts,
  type DerivedBreakdown,
  type Figures,
  type DerivedPart,
  type DerivedRole,
  type PartSelectors,
  type StaffingData,
  type StaffingDerived,
} from './types.ts';

const SELECTOR_KEYS = ['role', 'group', 'contract', 'employer'] as const;
const COMPARISONS: readonly ComparisonName[] = ['caseload', 'population'];

/** Text compared loosely, so "Case Manager " and "case manager" select the same role. */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  const plain = (text: string | undefined) => (text ?? '').trim().replace(/\s+/g, ' ').toLowerCase();
  return plain(a) === plain(b);
}

export function deriveStaffing(data: StaffingData, _plan?: PlanContext): StaffingDerived {
  const roles: DerivedRole[] = data.roles.map((row, index) => ({
    index,
    role: row.role,
    group: row.group,
    contract: row.contract,
    employer: row.employer,
    headcount: row.headcount,
    fte: row.fte ?? null,
    note: row.note,
  }));
  const inPost = roles.filter((row) => row.contract !== 'vacant');
  const vacant = roles.filter((row) => row.contract === 'vacant');
  const byContract = Object.fromEntries(
    CONTRACT_TYPES.map((contract) => {
      const rows = roles.filter((row) => row.contract === contract);
      return [contract, { headcount: sum(rows.map((row) => row.headcount)), fte: sumFte(rows.map((row) => row.fte ?? 0)) }];
    }),
  ) as Record<ContractType, ContractTotals>;
  const comparisonLabels: StaffingDerived['comparisonLabels'] = {};
  for (const name of COMPARISONS) {
    const group = data.comparison?.[name];
    if (group) comparisonLabels[name] = { label: group.label, ...(group.source ? { source: group.source } : {}), ...(group.note ? { note: group.note } : {}) };
  }
  return {
    asAt: data.asAt,
    roles,
    headcount: sum(inPost.map((row) => row.headcount)),
    // No FTE anywhere (Coventry 2016-17 gave headcounts only) is "not recorded", not 0.
    fte: inPost.some((row) => row.fte !== null) ? sumFte(inPost.map((row) => row.fte ?? 0)) : null,
    vacancies: sum(vacant.map((row) => row.headcount)),
    vacantFte: sumFte(vacant.map((row) => row.fte ?? 0)),
    volunteers: byContract.volunteer.headcount,
    byContract,
    sex: deriveBreakdown(data, roles, 'sex'),
    ethnicity: deriveBreakdown(data, roles, 'ethnicity'),
    disability: deriveBreakdown(data, roles, 'disability'),
    comparisonLabels,
  };
}

/**
 * One breakdown (sex, ethnicity or disability) from wherever the author gave it: counts on role rows,
 * a list of parts each covering the roles its selectors match, or one set of counts for all staff.
 * Undefined when the author gave none.
 */
export function deriveBreakdown<B extends BreakdownName>(data: StaffingData, roles: DerivedRole[], name: B): DerivedBreakdown<BreakdownKeys[B]> | undefined {
  type K = BreakdownKeys[B];
  const keys = BREAKDOWN_KEYS[name] as readonly K[];
  const parts: DerivedPart<K>[] = [];
  data.roles.forEach((row, index) => {
    const counts = row[name] as Counts<K> | undefined;
    if (!counts) return;
    const derivedRow = roles[index]!;
    const inPost = derivedRow.contract !== 'vacant';
    parts.push(makePart(keys, counts, `/roles/${index}/${name}`, roleLabel(derivedRow), { role: row.role }, inPost ? [index] : [], inPost ? derivedRow.headcount : 0));
  });
  const input = data[name] as BreakdownInput<K> | undefined;
  if (Array.isArray(input)) {
    input.forEach((part, index) => {
      const selectors = selectorsOf(part);
      const matched = rolesMatching(roles, selectors);
      parts.push(makePart(keys, part, `/${name}/${index}`, part.label ?? selectorLabel(selectors), selectors, matched.map((row) => row.index), sum(matched.map((row) => row.headcount))));
    });
  } else if (input) {
    const everyone = rolesMatching(roles, {});
    parts.push(makePart(keys, input, `/${name}`, 'All staff', {}, everyone.map((row) => row.index), sum(everyone.map((row) => row.headcount))));
  }
  if (parts.length === 0) return undefined;

  const counts = zeroCounts(keys);
  for (const part of parts) for (const key of keys) counts[key] += part.counts[key];
  const total = sum(keys.map((key) => counts[key]));
  const timesCounted = new Map<number, number>();
  for (const part of parts) for (const index of part.roleIndexes) timesCounted.set(index, (timesCounted.get(index) ?? 0) + 1);
  const inPost = roles.filter((row) => row.contract !== 'vacant' && row.headcount > 0);
  const comparison: DerivedBreakdown<K>['comparison'] = {};
  for (const group of COMPARISONS) {
    const source = data.comparison?.[group];
    const given = source?.[name] as Figures<K> | undefined;
    if (source && given) comparison[group] = comparisonShares(keys, given, source.unit ?? 'count', source.total);
  }
  return {
    name,
    keys,
    parts,
    counts,
    total,
    shares: shares(keys, counts, total),
    uncoveredRoles: inPost.filter((row) => !timesCounted.has(row.index)).map((row) => row.index),
    overlappingRoles: inPost.filter((row) => (timesCounted.get(row.index) ?? 0) > 1).map((row) => row.index),
    comparison,
  };
}

function makePart<K extends string>(
  keys: readonly K[],
  given: Counts<K>,
  pointer: string,
  label: string,
  selectors: PartSelectors,
  roleIndexes: number[],
  coveredHeadcount: number,
): DerivedPart<K> {
  const counts = zeroCounts(keys);
  for (const key of keys) counts[key] = given[key] ?? 0;
  return { label, pointer, selectors, counts, total: sum(keys.map((key) => counts[key])), roleIndexes, coveredHeadcount };
}

function selectorsOf<K extends string>(part: BreakdownPart<K>): PartSelectors {
  const selectors: PartSelectors = {};
  for (const key of SELECTOR_KEYS) if (part[key] !== undefined) (selectors as Record<string, string>)[key] = part[key] as string;
  return selectors;
}

/** Roles in post that match every given selector; `group` also matches a role's own name when it has no group. */
export function rolesMatching(roles: readonly DerivedRole[], selectors: PartSelectors): DerivedRole[] {
  return roles.filter(
    (row) =>
      row.contract !== 'vacant' &&
      (selectors.role === undefined || sameText(row.role, selectors.role)) &&
      (selectors.group === undefined || sameText(row.group ?? row.role, selectors.group)) &&
      (selectors.contract === undefined || row.contract === selectors.contract) &&
      (selectors.employer === undefined || sameText(row.employer, selectors.employer)),
  );
}

/** Whether the selectors name anything at all, vacant posts included (a part about vacancies counts nobody). */
export function selectorsNameSomething(roles: readonly DerivedRole[], selectors: PartSelectors): boolean {
  return roles.some(
    (row) =>
      (selectors.role === undefined || sameText(row.role, selectors.role)) &&
      (selectors.group === undefined || sameText(row.group ?? row.role, selectors.group)) &&
      (selectors.contract === undefined || row.contract === selectors.contract) &&
      (selectors.employer === undefined || sameText(row.employer, selectors.employer)),
  );
}

export function selectorLabel(selectors: PartSelectors): string {
  const words = [selectors.group, selectors.role, selectors.contract ? CONTRACT_LABELS[selectors.contract] : undefined, selectors.employer].filter(
    (word): word is string => word !== undefined,
  );
  return words.length ? words.join(', ') : 'All staff';
}

export function roleLabel(row: Pick<DerivedRole, 'role' | 'contract' | 'employer'>): string {
  const detail = row.employer ? `${CONTRACT_LABELS[row.contract].toLowerCase()}, ${row.employer}` : CONTRACT_LABELS[row.contract].toLowerCase();
  return `${row.role} (${detail})`;
}

/**
 * Shares (%) from counts or percentages. A category left out is 0; one given as empty (null) was not
 * published and stays null. Counts are shares of `total` when given, else of their sum.
 */
export function comparisonShares<K extends string>(keys: readonly K[], given: Figures<K>, unit: 'count' | 'percent', total?: number): Record<K, number | null> {
  const values = {} as Record<K, number | null>;
  for (const key of keys) values[key] = given[key] === undefined ? 0 : given[key];
  if (unit === 'percent') return values;
  const denominator = total ?? sum(keys.map((key) => values[key] ?? 0));
  const result = {} as Record<K, number | null>;
  for (const key of keys) result[key] = values[key] === null || denominator <= 0 ? null : (values[key] / denominator) * 100;
  return result;
}

export function shares<K extends string>(keys: readonly K[], counts: Record<K, number>, total: number): Record<K, number | null> {
  const result = {} as Record<K, number | null>;
  for (const key of keys) result[key] = total > 0 ? (counts[key] / total) * 100 : null;
  return result;
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  const result = {} as Record<K, number>;
  for (const key of keys) result[key] = 0;
  return result;
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Sums of FTEs such as 0.6 + 0.4 carry binary noise (21.400000000000002) into downloads; FTEs are never finer than this. */
export function sumFte(values: readonly number[]): number {
  return Math.round(sum(values) * 1e6) / 1e6;
}
