import type { Cell, TableModel } from '../types.ts';

/** tables.yaml, kept in step with schema.json (a test compares the two). */
export const COLUMN_TYPES = ['number', 'money', 'percentage', 'text'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface FreeColumn {
  key: string;
  label: string;
  type: ColumnType;
  precision?: number;
  /** Percentage: the rows split one whole, so the column adds up to 100. */
  split?: boolean;
  /** Percentage: each row's share of this number column (worked out; stated cells are checked). */
  of?: string;
  /** With `of`: the whole to divide by when the rows are not all of it. */
  base?: number;
  /** Number or money: each row is the sum of these columns (worked out; stated cells are checked). */
  sumOf?: string[];
}

export interface FreeFootnote {
  marker: string;
  text: string;
  /** Row-header texts the marker is shown beside. */
  rows?: string[];
}

export interface FreeTable {
  id: string;
  caption: string;
  columns: FreeColumn[];
  rows: Record<string, Cell>[];
  rowHeader?: string;
  totals?: boolean;
  totalsLabel?: string;
  statedTotals?: Record<string, Cell>;
  shareOf?: string;
  shareLabel?: string;
  sharePrecision?: number;
  footnotes?: FreeFootnote[];
  source?: string;
  wide?: boolean;
}

export interface TablesData {
  tables: FreeTable[];
}

export interface DerivedFreeTable {
  id: string;
  /** What the shared template renders and the CSV/JSON downloads hold. */
  model: TableModel;
  /** The columns after `shareOf` added its column, with the precision each is shown at. */
  columns: FreeColumn[];
  /** Worked-out totals by column key, full precision; null where a column cannot be added up. */
  totals: Record<string, number | null>;
  rowCount: number;
  /** Slug of each row's header text (unique within the table), for figure keys. */
  rowSlugs: string[];
}

export interface DerivedTables {
  tables: DerivedFreeTable[];
}
