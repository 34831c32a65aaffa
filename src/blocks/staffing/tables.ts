import type { Cell, TableColumn, TableModel } from '../types.ts';
import { formatDate } from '../../render/format.ts';
import { sameText, sumFte } from './derive.ts';
import {
  ALWAYS_SHOWN,
  CATEGORY_LABELS,
  CONTRACT_LABELS,
  CONTRACT_TYPES,
  type BreakdownKeys,
  type BreakdownName,
  type ComparisonName,
  type ContractType,
  type DerivedBreakdown,
  type DerivedRole,
  type StaffingDerived,
} from './types.ts';

export const TABLE_IDS = { roles: 'staffing-roles', sex: 'staffing-sex', ethnicity: 'staffing-ethnicity', disability: 'staffing-disability' } as const;

const CAPTIONS: Record<BreakdownName, string> = { sex: 'Staff by sex', ethnicity: 'Staff by ethnic group', disability: 'Staff by known disability' };
const CATEGORY_HEADERS: Record<BreakdownName, string> = { sex: 'Sex', ethnicity: 'Ethnic group', disability: 'Disability' };

function asAtSuffix(derived: StaffingDerived): string {
  return derived.asAt ? `, at ${formatDate(derived.asAt)}` : '';
}

/** Decimal places the FTEs were given to (at least 1, at most 2), so 0.16 of a post is not shown as 0.2. */
export function ftePrecision(roles: readonly DerivedRole[]): number {
  const places = roles.map((row) => (row.fte === null ? 0 : (String(row.fte).split('.')[1]?.length ?? 0)));
  return Math.min(2, Math.max(1, ...places));
}

interface RoleLine {
  role: string;
  group?: string;
  employer?: string;
  rows: DerivedRole[];
}

/** Rows of the same role (and group and employer) share a line, with one column per contract type. */
function roleLines(roles: readonly DerivedRole[]): RoleLine[] {
  const lines: RoleLine[] = [];
  for (const row of roles) {
    const line = lines.find((candidate) => sameText(candidate.role, row.role) && sameText(candidate.group, row.group) && sameText(candidate.employer, row.employer));
    if (line) line.rows.push(row);
    else lines.push({ role: row.role, group: row.group, employer: row.employer, rows: [row] });
  }
  return lines;
}

export function rolesTable(derived: StaffingDerived): TableModel {
  const used = CONTRACT_TYPES.filter((contract) => derived.roles.some((row) => row.contract === contract));
  const hasGroups = derived.roles.some((row) => row.group);
  const hasEmployers = derived.roles.some((row) => row.employer);
  const precision = ftePrecision(derived.roles);
  const columns: TableColumn[] = [
    { key: 'role', label: 'Role', kind: 'text' },
    ...(hasGroups ? [{ key: 'group', label: 'Group', kind: 'text' as const }] : []),
    ...(hasEmployers ? [{ key: 'employer', label: 'Employer', kind: 'text' as const }] : []),
    ...used.map((contract): TableColumn => ({ key: contract, label: CONTRACT_LABELS[contract], kind: 'count' })),
    { key: 'headcount', label: 'Headcount', kind: 'count' },
    { key: 'fte', label: 'FTE', kind: 'number', precision },
  ];
  const footnotes: { marker: string; text: string }[] = [];
  const rowNotes: Record<number, string[]> = {};
  const rows = roleLines(derived.roles).map((line, lineIndex) => {
    const inPost = line.rows.filter((row) => row.contract !== 'vacant');
    const ftes = inPost.map((row) => row.fte).filter((fte): fte is number => fte !== null);
    const cells: Record<string, Cell> = { role: line.role };
    if (hasGroups) cells.group = line.group ?? null;
    if (hasEmployers) cells.employer = line.employer ?? null;
    for (const contract of used) {
      const matching = line.rows.filter((row) => row.contract === contract);
      cells[contract] = matching.length ? matching.reduce((total, row) => total + row.headcount, 0) : null;
    }
    cells.headcount = inPost.reduce((total, row) => total + row.headcount, 0);
    // Volunteers rarely have an FTE: blank says "not recorded", which 0 would not.
    cells.fte = ftes.length ? sumFte(ftes) : null;
    for (const row of line.rows) {
      if (!row.note) continue;
      const marker = String(footnotes.length + 1);
      footnotes.push({ marker, text: row.note });
      (rowNotes[lineIndex] ??= []).push(marker);
    }
    return cells;
  });
  const totals: Record<string, Cell> = { role: 'Total' };
  for (const contract of used) totals[contract] = derived.byContract[contract as ContractType].headcount;
  totals.headcount = derived.headcount;
  totals.fte = derived.fte;
  if (derived.vacancies > 0) {
    footnotes.push({ marker: '*', text: 'Vacant posts are shown in the Vacant column and are not counted in the headcount or FTE.' });
  }
  return {
    id: TABLE_IDS.roles,
    caption: `Staff by role and contract type${asAtSuffix(derived)}`,
    columns,
    rows,
    rowHeader: 'role',
    totals,
    footnotes,
    rowNotes,
    wide: true,
  };
}

const WITHHELD = '[c]';
const COMPARISON_ORDER: readonly ComparisonName[] = ['caseload', 'population'];

export function breakdownTable<B extends BreakdownName>(derived: StaffingDerived, name: B): TableModel | undefined {
  type K = BreakdownKeys[B];
  const breakdown = derived[name] as DerivedBreakdown<K> | undefined;
  if (!breakdown) return undefined;
  const labels = CATEGORY_LABELS[name] as Record<K, string>;
  const always = ALWAYS_SHOWN[name] as readonly K[];
  const comparisons = COMPARISON_ORDER.filter((group) => breakdown.comparison[group]);
  const shown = breakdown.keys.filter(
    (key) => always.includes(key) || breakdown.counts[key] > 0 || comparisons.some((group) => (breakdown.comparison[group]?.[key] ?? 0) > 0),
  );
  const showParts = breakdown.parts.length > 1;
  const columns: TableColumn[] = [
    { key: 'category', label: CATEGORY_HEADERS[name], kind: 'text' },
    ...(showParts ? breakdown.parts.map((part, index): TableColumn => ({ key: `part${index}`, label: part.label, kind: 'count' })) : []),
    { key: 'staff', label: showParts ? 'All staff' : 'Staff', kind: 'count' },
    { key: 'staffShare', label: 'Staff (%)', kind: 'percent', precision: 1 },
    ...comparisons.map((group): TableColumn => ({ key: group, label: `${derived.comparisonLabels[group]!.label} (%)`, kind: 'percent', precision: 1 })),
  ];
  const rows = shown.map((key) => {
    const cells: Record<string, Cell> = { category: labels[key] };
    if (showParts) breakdown.parts.forEach((part, index) => (cells[`part${index}`] = part.counts[key]));
    cells.staff = breakdown.counts[key];
    cells.staffShare = breakdown.shares[key];
    // [c] is the government statistics symbol for a figure withheld to protect confidentiality.
    for (const group of comparisons) cells[group] = breakdown.comparison[group]![key] ?? WITHHELD;
    return cells;
  });
  const totals: Record<string, Cell> = { category: 'Total' };
  if (showParts) breakdown.parts.forEach((part, index) => (totals[`part${index}`] = part.total));
  totals.staff = breakdown.total;
  totals.staffShare = breakdown.total > 0 ? 100 : null;
  const footnotes: { marker: string; text: string }[] = [];
  if (rows.some((row) => comparisons.some((group) => row[group] === WITHHELD))) {
    footnotes.push({ marker: WITHHELD, text: 'Not published: the number is small enough to identify children.' });
  }
  const volunteersCounted = breakdown.parts.flatMap((part) => part.roleIndexes).filter((index, position, all) => all.indexOf(index) === position && derived.roles[index]!.contract === 'volunteer');
  const volunteers = volunteersCounted.reduce((total, index) => total + derived.roles[index]!.headcount, 0);
  if (volunteers > 0) footnotes.push({ marker: '*', text: `Staff include ${volunteers} ${volunteers === 1 ? 'volunteer' : 'volunteers'}.` });
  for (const group of comparisons) {
    const { label, source, note } = derived.comparisonLabels[group]!;
    const text = [source, note].filter(Boolean).join(' ');
    if (text) footnotes.push({ marker: group === 'caseload' ? '†' : '‡', text: `${label}: ${text}` });
  }
  return {
    id: TABLE_IDS[name],
    caption: `${CAPTIONS[name]}${asAtSuffix(derived)}`,
    columns,
    rows,
    rowHeader: 'category',
    totals,
    footnotes,
    wide: columns.length > 6,
  };
}

export function staffingTables(derived: StaffingDerived): TableModel[] {
  const tables = [rolesTable(derived), breakdownTable(derived, 'sex'), breakdownTable(derived, 'ethnicity'), breakdownTable(derived, 'disability')];
  return tables.filter((table): table is TableModel => table !== undefined);
}
