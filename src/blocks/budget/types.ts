/**
 * budget.yaml as TypeScript, kept in step with schema.json (budget.test.ts compares the two),
 * then the derived shapes the templates, figures and tables read.
 */

/** An amount in a contributions table: pounds, blank (`null`: nothing) or `'N/A'` (not applicable, which is not 0). */
export type AmountCell = number | null | 'N/A';

/** The three money columns of the YJB table, in order. */
export const AMOUNT_COLUMNS = ['staffing', 'inKind', 'otherDelegated'] as const;
export type AmountColumn = (typeof AMOUNT_COLUMNS)[number];

/** The YJB template's rows: key (used in figure keys), the table's wording, and a name for sentences. */
export const STANDARD_AGENCIES = [
  { key: 'local-authority', label: 'Local authority', inSentence: 'the local authority' },
  { key: 'police', label: 'Police Service', inSentence: 'the police' },
  { key: 'probation', label: 'National Probation Service', inSentence: 'the Probation Service' },
  { key: 'health', label: 'Health Service', inSentence: 'health services' },
  { key: 'pcc', label: 'Police and crime commissioner', inSentence: 'the police and crime commissioner' },
  { key: 'yjb-grant', label: 'YJB Practice Grant', inSentence: 'the YJB grant' },
  { key: 'welsh-government', label: 'Welsh Government', inSentence: 'the Welsh Government' },
  { key: 'other', label: 'Other', inSentence: 'other sources' },
] as const;

export interface PartnerRowData {
  agency: string;
  label?: string;
  markers?: string[];
  staffing?: AmountCell;
  inKind?: AmountCell;
  otherDelegated?: AmountCell;
  /** As written by the author; audited, never published. */
  total?: AmountCell;
}

/** The totals row as the author wrote it; audited, never published. */
export interface StatedTotals {
  staffing?: AmountCell;
  inKind?: AmountCell;
  otherDelegated?: AmountCell;
  total?: AmountCell;
}

export interface FootnoteData {
  marker: string;
  text: string;
}

export interface PreviousTableData {
  year: string;
  caption?: string;
  partners: PartnerRowData[];
  totals?: StatedTotals;
  footnotes?: FootnoteData[];
}

export interface GrantComponentData {
  name: string;
  amount: number;
  note?: string;
}

export interface GrantSpendLineData {
  item: string;
  budget?: number | null;
  forecast?: number | null;
  /** Stated forecast − budget; audited. */
  variance?: number | null;
  comment?: string;
}

export interface GrantData {
  name?: string;
  total: number;
  components?: GrantComponentData[];
  spend?: GrantSpendLineData[];
  spendTotals?: { budget?: number | null; forecast?: number | null; variance?: number | null };
  note?: string;
}

export type CostBasis = 'outturn' | 'forecast';

export interface RemandYearData {
  year?: string;
  allocation?: number | null;
  actual?: number | null;
  actualBasis?: CostBasis;
  bedNights?: number | null;
  /** Stated actual − allocation; audited. */
  variance?: number | null;
  note?: string;
}

export interface RemandData extends RemandYearData {
  previous?: RemandYearData & { year: string };
}

export interface OtherFundingData {
  source: string;
  amount?: number | null;
  status?: string;
  period?: string;
  purpose?: string;
}

export interface BudgetData {
  year?: string;
  caption?: string;
  hideEmptyRows?: boolean;
  partners: PartnerRowData[];
  totals?: StatedTotals;
  footnotes?: FootnoteData[];
  previous?: PreviousTableData;
  grant?: GrantData;
  remand?: RemandData;
  otherFunding?: OtherFundingData[];
  note?: string;
}

// ---- Derived ----

/** A computed total: pounds; `'N/A'` when every cell is N/A; `null` when no cell holds a number otherwise. */
export type ComputedTotal = number | 'N/A' | null;

export interface PartnerRow {
  /** Position in the YAML list, for JSON pointers. */
  index: number;
  agency: string;
  label: string;
  /** How a sentence names the agency ("the local authority"). */
  inSentence: string;
  markers: string[];
  staffing: AmountCell;
  inKind: AmountCell;
  otherDelegated: AmountCell;
  total: ComputedTotal;
  /** Percent of the grand total (65.0 means 65.0%); null when either is not a number or the grand total is 0. */
  share: number | null;
  /** No amount in any cell (a template row). */
  empty: boolean;
}

export interface ContributionsTable {
  year: string;
  caption: string;
  rows: PartnerRow[];
  totals: Record<AmountColumn | 'total', ComputedTotal>;
  footnotes: FootnoteData[];
  /** The row with the largest total, when any row has money in it. */
  largest: PartnerRow | null;
}

export interface Change {
  previous: ComputedTotal;
  current: ComputedTotal;
  /** current − previous, when both are numbers. */
  absolute: number | null;
  /** (current − previous) ÷ previous × 100, when both are numbers and previous is not 0. */
  relative: number | null;
}

export interface PartnerChange extends Change {
  agency: string;
  label: string;
}

export interface BudgetChange {
  total: Change;
  /** Every agency in either year, this year's order first. */
  partners: PartnerChange[];
}

export interface GrantSpendLine {
  item: string;
  budget: number | null;
  forecast: number | null;
  /** forecast − budget: positive is an overspend. */
  variance: number | null;
  comment: string | null;
}

export interface GrantDerived {
  name: string;
  total: number;
  components: GrantComponentData[];
  componentsTotal: number;
  /** The grant less its ring-fenced components: what the YJB Practice Grant row should hold. */
  practiceGrant: number;
  /** The YJB Practice Grant row's computed total; undefined when the table has no such row. */
  tableRow: ComputedTotal | undefined;
  /** practiceGrant equals the row (to the penny); null when there is no row to compare. */
  reconciles: boolean | null;
  spend: GrantSpendLine[];
  spendTotals: { budget: number | null; forecast: number | null; variance: number | null };
  note: string | null;
}

export interface RemandYear {
  year: string;
  allocation: number | null;
  actual: number | null;
  actualBasis: CostBasis;
  bedNights: number | null;
  /** actual − allocation: positive is an overspend. */
  variance: number | null;
  costPerBedNight: number | null;
  note: string | null;
}

export interface RemandDerived {
  current: RemandYear;
  previous: RemandYear | null;
}

export interface OtherFunding {
  source: string;
  amount: number | null;
  status: string | null;
  period: string | null;
  purpose: string | null;
}

export interface BudgetDerived {
  current: ContributionsTable;
  previous: ContributionsTable | null;
  change: BudgetChange | null;
  hideEmptyRows: boolean;
  grant: GrantDerived | null;
  remand: RemandDerived | null;
  otherFunding: OtherFunding[];
  /** Sum of the amounts given; null when none is. */
  otherFundingTotal: number | null;
  note: string | null;
}
