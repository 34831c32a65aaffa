import type { Cell, TableColumn, TableModel } from '../types.ts';
import type { BudgetChange, BudgetDerived, ContributionsTable, GrantDerived, OtherFunding, RemandDerived } from './types.ts';

/** Keeps only the cells of the columns shown, so a download holds exactly what the page shows. */
function only(columns: TableColumn[], row: Record<string, Cell>): Record<string, Cell> {
  return Object.fromEntries(columns.map((column) => [column.key, row[column.key] ?? null]));
}

/** The YJB template's columns, plus each partner's share, which readers otherwise work out by hand. */
const CONTRIBUTION_COLUMNS: TableColumn[] = [
  { key: 'agency', label: 'Agency', kind: 'text' },
  { key: 'staffing', label: 'Staffing costs', kind: 'money' },
  { key: 'inKind', label: 'Payments in kind – revenue', kind: 'money' },
  { key: 'otherDelegated', label: 'Other delegated funds', kind: 'money' },
  { key: 'total', label: 'Total', kind: 'money' },
  { key: 'share', label: 'Share of total', kind: 'percent', precision: 1 },
];

export function contributionsTableModel(table: ContributionsTable, id: string, hideEmptyRows: boolean): TableModel {
  const visible = hideEmptyRows ? table.rows.filter((row) => !row.empty) : table.rows;
  const rowNotes: Record<number, string[]> = {};
  visible.forEach((row, index) => {
    if (row.markers.length) rowNotes[index] = row.markers;
  });
  const markersShown = new Set(visible.flatMap((row) => row.markers));
  const markersHidden = new Set(table.rows.filter((row) => !visible.includes(row)).flatMap((row) => row.markers));
  // A note that only explains a hidden row would dangle; an unreferenced one stays (the audit flags it).
  const footnotes = table.footnotes.filter((note) => markersShown.has(note.marker) || !markersHidden.has(note.marker));
  return {
    id,
    caption: table.caption,
    columns: CONTRIBUTION_COLUMNS,
    rowHeader: 'agency',
    rows: visible.map((row) => ({
      agency: row.label,
      staffing: row.staffing,
      inKind: row.inKind,
      otherDelegated: row.otherDelegated,
      total: row.total,
      // An N/A row has no share, which is not the same as a 0% share.
      share: row.total === 'N/A' ? 'N/A' : row.share,
    })),
    totals: {
      agency: 'Total',
      ...table.totals,
      share: typeof table.totals.total === 'number' && table.totals.total !== 0 ? 100 : null,
    },
    footnotes,
    rowNotes,
    wide: true,
  };
}

export function changeTableModel(change: BudgetChange, previousYear: string, currentYear: string, hideEmptyRows: boolean): TableModel {
  const rows = change.partners.filter((row) => !hideEmptyRows || typeof row.previous === 'number' || typeof row.current === 'number');
  return {
    id: 'budget-change',
    caption: `Change in partner contributions, ${previousYear} to ${currentYear}`,
    columns: [
      { key: 'agency', label: 'Agency', kind: 'text' },
      { key: 'previous', label: previousYear, kind: 'money' },
      { key: 'current', label: currentYear, kind: 'money' },
      { key: 'absolute', label: 'Change', kind: 'money' },
      { key: 'relative', label: 'Change (%)', kind: 'percent', precision: 1 },
    ],
    rowHeader: 'agency',
    rows: rows.map((row) => ({ agency: row.label, previous: row.previous, current: row.current, absolute: row.absolute, relative: row.relative })),
    totals: { agency: 'Total', previous: change.total.previous, current: change.total.current, absolute: change.total.absolute, relative: change.total.relative },
  };
}

export function grantSpendTableModel(grant: GrantDerived, year: string): TableModel {
  const hasForecast = grant.spend.some((line) => line.forecast !== null);
  const hasComment = grant.spend.some((line) => line.comment !== null);
  const columns: TableColumn[] = [
    { key: 'item', label: 'Spending heading', kind: 'text' },
    { key: 'budget', label: 'Budget', kind: 'money' },
    ...(hasForecast
      ? ([
          { key: 'forecast', label: 'Forecast outturn', kind: 'money' },
          { key: 'variance', label: 'Over (+) or under (−) spend', kind: 'money' },
        ] satisfies TableColumn[])
      : []),
    ...(hasComment ? ([{ key: 'comment', label: 'Comment', kind: 'text' }] satisfies TableColumn[]) : []),
  ];
  return {
    id: 'grant-spend',
    caption: `Spend against the ${grant.name} ${year}`,
    columns,
    rowHeader: 'item',
    rows: grant.spend.map((line) => only(columns, { item: line.item, budget: line.budget, forecast: line.forecast, variance: line.variance, comment: line.comment })),
    totals: only(columns, { item: 'Total', budget: grant.spendTotals.budget, forecast: grant.spendTotals.forecast, variance: grant.spendTotals.variance }),
  };
}

export function remandTableModel(remand: RemandDerived): TableModel {
  const years = remand.previous ? [remand.previous, remand.current] : [remand.current];
  const anyForecast = years.some((year) => year.actualBasis === 'forecast');
  const columns: TableColumn[] = [
    { key: 'year', label: 'Year', kind: 'text' },
    { key: 'allocation', label: 'Allocation', kind: 'money' },
    { key: 'actual', label: anyForecast ? 'Cost (actual or forecast)' : 'Actual cost', kind: 'money' },
    ...(anyForecast ? ([{ key: 'basis', label: 'Cost basis', kind: 'text' }] satisfies TableColumn[]) : []),
    { key: 'variance', label: 'Over (+) or under (−) spend', kind: 'money' },
    { key: 'bedNights', label: 'Bed nights', kind: 'count' },
    { key: 'costPerBedNight', label: 'Cost per bed night', kind: 'money' },
  ];
  return {
    id: 'remand',
    caption: 'Remand budget: allocation, cost and bed nights',
    columns,
    rowHeader: 'year',
    rows: years.map((year) =>
      only(columns, {
        year: year.year,
        allocation: year.allocation,
        actual: year.actual,
        basis: year.actualBasis === 'forecast' ? 'Forecast' : 'Outturn',
        variance: year.variance,
        bedNights: year.bedNights,
        costPerBedNight: year.costPerBedNight,
      }),
    ),
  };
}

export function otherFundingTableModel(entries: OtherFunding[], total: number | null, year: string): TableModel {
  const hasPeriod = entries.some((entry) => entry.period !== null);
  const columns: TableColumn[] = [
    { key: 'source', label: 'Source', kind: 'text' },
    { key: 'amount', label: 'Amount', kind: 'money' },
    { key: 'status', label: 'Status', kind: 'text' },
    ...(hasPeriod ? ([{ key: 'period', label: 'Period', kind: 'text' }] satisfies TableColumn[]) : []),
    { key: 'purpose', label: 'What it pays for', kind: 'text' },
  ];
  const amounts = entries.filter((entry) => entry.amount !== null).length;
  const totals = amounts > 1 ? only(columns, { source: 'Total of the amounts given', amount: total }) : undefined;
  return {
    id: 'other-funding',
    caption: `Other funding ${year}`,
    columns,
    rowHeader: 'source',
    rows: entries.map((entry) => only(columns, { source: entry.source, amount: entry.amount, status: entry.status, period: entry.period, purpose: entry.purpose })),
    ...(totals ? { totals } : {}),
  };
}

export function budgetTables(derived: BudgetDerived): TableModel[] {
  const tables = [contributionsTableModel(derived.current, 'budget', derived.hideEmptyRows)];
  if (derived.previous) tables.push(contributionsTableModel(derived.previous, 'budget-previous', derived.hideEmptyRows));
  if (derived.change && derived.previous) tables.push(changeTableModel(derived.change, derived.previous.year, derived.current.year, derived.hideEmptyRows));
  if (derived.grant && derived.grant.spend.length) tables.push(grantSpendTableModel(derived.grant, derived.current.year));
  if (derived.remand) tables.push(remandTableModel(derived.remand));
  if (derived.otherFunding.length) tables.push(otherFundingTableModel(derived.otherFunding, derived.otherFundingTotal, derived.current.year));
  return tables;
}
