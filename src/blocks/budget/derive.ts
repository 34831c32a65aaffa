import type { PlanContext } from '../plan/types.ts';
import {
  AMOUNT_COLUMNS,
  STANDARD_AGENCIES,
  type AmountCell,
  type BudgetChange,
  type BudgetData,
  type BudgetDerived,
  type Change,
  type ComputedTotal,
  type ContributionsTable,
  type FootnoteData,
  type GrantData,
  type GrantDerived,
  type OtherFunding,
  type OtherFundingData,
  type PartnerRow,
  type PartnerRowData,
  type RemandData,
  type RemandDerived,
  type RemandYear,
  type RemandYearData,
} from './types.ts';

export const YJB_GRANT_AGENCY = 'yjb-grant';

export function standardCaption(year: string): string {
  return `Partner contributions to the youth offending partnership pooled budget ${year}`;
}

export function agencyLabel(agency: string, label?: string): string {
  return label ?? STANDARD_AGENCIES.find((standard) => standard.key === agency)?.label ?? agency;
}

function agencyInSentence(agency: string, label?: string): string {
  const standard = STANDARD_AGENCIES.find((entry) => entry.key === agency);
  return standard ? standard.inSentence : (label ?? agency);
}

/** A missing key and an empty value both mean "nothing". */
function cellOf(value: AmountCell | undefined): AmountCell {
  return value === undefined ? null : value;
}

/**
 * Adds cells: numbers are summed and N/A adds nothing, but N/A never becomes 0: a total made only of
 * N/A is N/A, and one with no number in it is blank (a blank cell means nothing was given).
 */
export function sumCells(cells: readonly AmountCell[]): ComputedTotal {
  const numbers = cells.filter((cell): cell is number => typeof cell === 'number');
  if (numbers.length) return numbers.reduce((sum, cell) => sum + cell, 0);
  return cells.length > 0 && cells.every((cell) => cell === 'N/A') ? 'N/A' : null;
}

export function percentOf(part: ComputedTotal, whole: ComputedTotal): number | null {
  if (typeof part !== 'number' || typeof whole !== 'number' || whole === 0) return null;
  return (part / whole) * 100;
}

export function change(previous: ComputedTotal, current: ComputedTotal): Change {
  const both = typeof previous === 'number' && typeof current === 'number';
  const absolute = both ? current - previous : null;
  const relative = both && previous !== 0 ? ((current - previous) / previous) * 100 : null;
  return { previous, current, absolute, relative };
}

export function deriveContributions(
  table: { year: string; caption?: string; partners: PartnerRowData[]; footnotes?: FootnoteData[] },
): ContributionsTable {
  const rows: Omit<PartnerRow, 'share'>[] = table.partners.map((partner, index) => {
    const cells = { staffing: cellOf(partner.staffing), inKind: cellOf(partner.inKind), otherDelegated: cellOf(partner.otherDelegated) };
    const total = sumCells(AMOUNT_COLUMNS.map((column) => cells[column]));
    return {
      index,
      agency: partner.agency,
      label: agencyLabel(partner.agency, partner.label),
      inSentence: agencyInSentence(partner.agency, partner.label),
      markers: partner.markers ?? [],
      ...cells,
      total,
      empty: typeof total !== 'number',
    };
  });
  const columnTotal = (column: (typeof AMOUNT_COLUMNS)[number]) => sumCells(rows.map((row) => row[column]));
  const totals = {
    staffing: columnTotal('staffing'),
    inKind: columnTotal('inKind'),
    otherDelegated: columnTotal('otherDelegated'),
    total: sumCells(rows.map((row) => row.total)),
  };
  const withShares: PartnerRow[] = rows.map((row) => ({ ...row, share: percentOf(row.total, totals.total) }));
  const largest = withShares.reduce<PartnerRow | null>((best, row) => {
    if (typeof row.total !== 'number' || row.total <= 0) return best;
    return best === null || row.total > (best.total as number) ? row : best;
  }, null);
  return {
    year: table.year,
    caption: table.caption ?? standardCaption(table.year),
    rows: withShares,
    totals,
    footnotes: table.footnotes ?? [],
    largest,
  };
}

export function deriveChange(previous: ContributionsTable, current: ContributionsTable): BudgetChange {
  const agencies = [...current.rows, ...previous.rows.filter((row) => !current.rows.some((c) => c.agency === row.agency))];
  return {
    total: change(previous.totals.total, current.totals.total),
    partners: agencies.map((row) => ({
      agency: row.agency,
      label: row.label,
      ...change(previous.rows.find((p) => p.agency === row.agency)?.total ?? null, current.rows.find((c) => c.agency === row.agency)?.total ?? null),
    })),
  };
}

function sumNumbers(values: readonly (number | null | undefined)[]): number | null {
  const numbers = values.filter((value): value is number => typeof value === 'number');
  return numbers.length ? numbers.reduce((a, b) => a + b, 0) : null;
}

/** Sums in pounds and pence can pick up floating-point dust (0.1 + 0.2); a penny's thousandth is far below any stated precision. */
function samePounds(a: number, b: number): boolean {
  return Math.abs(a - b) < 0.005;
}

export function deriveGrant(grant: GrantData, current: ContributionsTable): GrantDerived {
  const components = grant.components ?? [];
  const componentsTotal = components.reduce((sum, component) => sum + component.amount, 0);
  const practiceGrant = grant.total - componentsTotal;
  const tableRow = current.rows.find((row) => row.agency === YJB_GRANT_AGENCY)?.total;
  const spend = (grant.spend ?? []).map((line) => {
    const budget = line.budget ?? null;
    const forecast = line.forecast ?? null;
    return {
      item: line.item,
      budget,
      forecast,
      variance: budget !== null && forecast !== null ? forecast - budget : null,
      comment: line.comment ?? null,
    };
  });
  return {
    name: grant.name ?? 'YJB grant',
    total: grant.total,
    components,
    componentsTotal,
    practiceGrant,
    tableRow,
    reconciles: tableRow === undefined ? null : samePounds(typeof tableRow === 'number' ? tableRow : 0, practiceGrant),
    spend,
    spendTotals: {
      budget: sumNumbers(spend.map((line) => line.budget)),
      forecast: sumNumbers(spend.map((line) => line.forecast)),
      variance: sumNumbers(spend.map((line) => line.variance)),
    },
    note: grant.note ?? null,
  };
}

export function deriveRemandYear(data: RemandYearData, defaultYear: string): RemandYear {
  const allocation = data.allocation ?? null;
  const actual = data.actual ?? null;
  const bedNights = data.bedNights ?? null;
  return {
    year: data.year ?? defaultYear,
    allocation,
    actual,
    actualBasis: data.actualBasis ?? 'outturn',
    bedNights,
    variance: allocation !== null && actual !== null ? actual - allocation : null,
    costPerBedNight: actual !== null && bedNights ? actual / bedNights : null,
    note: data.note ?? null,
  };
}

export function deriveRemand(remand: RemandData, defaultYear: string): RemandDerived {
  return {
    current: deriveRemandYear(remand, defaultYear),
    previous: remand.previous ? deriveRemandYear(remand.previous, remand.previous.year) : null,
  };
}

function deriveOtherFunding(entry: OtherFundingData): OtherFunding {
  return {
    source: entry.source,
    amount: entry.amount ?? null,
    status: entry.status ?? null,
    period: entry.period ?? null,
    purpose: entry.purpose ?? null,
  };
}

export function deriveBudget(data: BudgetData, plan: PlanContext): BudgetDerived {
  const year = data.year ?? plan.plan.period.label;
  const current = deriveContributions({ year, caption: data.caption, partners: data.partners, footnotes: data.footnotes });
  const previous = data.previous ? deriveContributions(data.previous) : null;
  const otherFunding = (data.otherFunding ?? []).map(deriveOtherFunding);
  return {
    current,
    previous,
    change: previous ? deriveChange(previous, current) : null,
    hideEmptyRows: data.hideEmptyRows ?? false,
    grant: data.grant ? deriveGrant(data.grant, current) : null,
    remand: data.remand ? deriveRemand(data.remand, year) : null,
    otherFunding,
    otherFundingTotal: sumNumbers(otherFunding.map((entry) => entry.amount)),
    note: data.note ?? null,
  };
}
