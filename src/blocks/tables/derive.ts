import { slugify } from '../../render/markdown.ts';
import type { Cell, FigureKind, TableColumn, TableModel } from '../types.ts';
import { decimalsOf } from './stated.ts';
import type { DerivedFreeTable, DerivedTables, FreeColumn, FreeTable, TablesData } from './types.ts';

export const NOT_APPLICABLE = 'N/A';
/** A count withheld because it is small enough to identify children: written `suppressed`, shown "fewer than 5". */
export const SUPPRESSED = 'suppressed';
const DEFAULT_DISCLOSURE_THRESHOLD = 5;

export function isSuppressedCell(cell: Cell | undefined): boolean {
  return typeof cell === 'string' && cell.trim().toLowerCase() === SUPPRESSED;
}

/** Whether a column holds a withheld count, so its sum (and shares of it) cannot be worked out from the rows. */
export function hasSuppressedCells(table: FreeTable, key: string): boolean {
  return table.rows.some((row) => isSuppressedCell(row[key]));
}

/** The whole a column adds up to when some of its counts are withheld: only the total the author states. */
function statedWhole(table: FreeTable, key: string): number | null {
  return numericValue(table.statedTotals?.[key]);
}
const DEFAULT_SHARE_PRECISION = 1;
const MAX_INFERRED_PRECISION = 2;

const KIND_OF: Record<FreeColumn['type'], FigureKind> = { number: 'number', money: 'money', percentage: 'percent', text: 'text' };

export function isNumericColumn(column: FreeColumn): boolean {
  return column.type !== 'text';
}

/** A cell's number, or null for blanks, N/A and text (text in a number column is an audit finding). */
export function numericValue(cell: Cell | undefined): number | null {
  return typeof cell === 'number' && Number.isFinite(cell) ? cell : null;
}

export function sumNumbers(values: readonly (number | null)[]): number | null {
  const numbers = values.filter((value): value is number => value !== null);
  return numbers.length ? numbers.reduce((total, value) => total + value, 0) : null;
}

/** The key of the share column `shareOf` adds. */
export function shareColumnKey(table: FreeTable): string | undefined {
  return table.shareOf === undefined ? undefined : `${table.shareOf}-share`;
}

/** The table's columns with the share column `shareOf` adds, placed right after the column it divides. */
export function effectiveColumns(table: FreeTable): FreeColumn[] {
  const columns = [...table.columns];
  const key = shareColumnKey(table);
  const source = columns.findIndex((column) => column.key === table.shareOf);
  if (key === undefined || source < 0 || columns.some((column) => column.key === key)) return columns;
  columns.splice(source + 1, 0, { key, label: table.shareLabel ?? 'Percentage of total', type: 'percentage', precision: table.sharePrecision ?? DEFAULT_SHARE_PRECISION, of: table.shareOf });
  return columns;
}

/** The column that names each row: as set, else the first text column, else the first column. */
export function rowHeaderOf(table: FreeTable): string | undefined {
  return table.rowHeader ?? table.columns.find((column) => column.type === 'text')?.key ?? table.columns[0]?.key;
}

/** Shows a table has a totals row: asked for, or printed in the source. */
export function hasTotalsRow(table: FreeTable): boolean {
  return table.totals === true || table.statedTotals !== undefined;
}

/** A percentage column whose rows are the whole: declared, or implied by a stated total of 100. */
export function isSplitColumn(column: FreeColumn, table: FreeTable): boolean {
  return column.type === 'percentage' && (column.split === true || (column.of === undefined && table.statedTotals?.[column.key] === 100));
}

/**
 * Every row's values with the worked-out columns filled in: row totals (`sumOf`) and shares (`of`).
 * Stated cells in worked-out columns are replaced here; the audit compares them with these values.
 */
export function computedRows(table: FreeTable, columns: FreeColumn[] = effectiveColumns(table)): Record<string, Cell>[] {
  const rows = table.rows.map((row) => ({ ...row }));
  for (const column of columns) {
    if (column.sumOf && isNumericColumn(column)) {
      for (const row of rows) {
        // A row total over a withheld count keeps what the author stated: the rows alone cannot give it.
        if (column.sumOf.some((key) => isSuppressedCell(row[key]))) continue;
        const total = sumNumbers(column.sumOf.map((key) => numericValue(row[key])));
        if (total !== null) row[column.key] = total;
      }
    }
  }
  for (const column of columns) {
    if (column.type !== 'percentage' || column.of === undefined) continue;
    const whole = column.base ?? (hasSuppressedCells(table, column.of) ? statedWhole(table, column.of) : sumNumbers(rows.map((row) => numericValue(row[column.of!]))));
    for (const row of rows) {
      const part = row[column.of];
      if (part === NOT_APPLICABLE) row[column.key] = NOT_APPLICABLE;
      // The share of a withheld count would give the count away.
      else if (isSuppressedCell(part)) row[column.key] = null;
      else {
        const value = numericValue(part);
        row[column.key] = value === null || !whole ? null : (value / whole) * 100;
      }
    }
  }
  return rows;
}

/**
 * The worked-out total of each column: sums for numbers and money; for a share column the share the rows
 * make up together (100 unless a `base` says they are part of a larger whole); for a split the sum of its
 * percentages; other percentages (rates) cannot be added, so null.
 */
export function columnTotals(table: FreeTable, rows: Record<string, Cell>[], columns: FreeColumn[] = effectiveColumns(table)): Record<string, number | null> {
  const totals: Record<string, number | null> = {};
  for (const column of columns) {
    if (!isNumericColumn(column)) continue;
    const values = rows.map((row) => numericValue(row[column.key]));
    if (column.type !== 'percentage') totals[column.key] = hasSuppressedCells(table, column.key) ? statedWhole(table, column.key) : sumNumbers(values);
    else if (column.of !== undefined) {
      const part = hasSuppressedCells(table, column.of) ? statedWhole(table, column.of) : sumNumbers(rows.map((row) => numericValue(row[column.of!])));
      const whole = column.base ?? part;
      totals[column.key] = part === null || !whole ? null : (part / whole) * 100;
    } else totals[column.key] = isSplitColumn(column, table) ? sumNumbers(values) : null;
  }
  return totals;
}

/** Decimal places to show: as set; shares 1; otherwise as many as the column's numbers have (at most 2). */
export function displayPrecision(column: FreeColumn, table: FreeTable): number {
  if (column.precision !== undefined) return column.precision;
  if (column.of !== undefined) return DEFAULT_SHARE_PRECISION;
  const cells = [...table.rows.map((row) => row[column.key]), table.statedTotals?.[column.key]];
  return Math.min(MAX_INFERRED_PRECISION, Math.max(0, ...cells.map((cell) => (typeof cell === 'number' ? decimalsOf(cell) : 0))));
}

/** Row-header texts as slugs, numbered where two rows share a name, for figure keys. */
export function rowSlugs(table: FreeTable): string[] {
  const header = rowHeaderOf(table);
  const used = new Set<string>();
  return table.rows.map((row, index) => {
    const text = header === undefined ? '' : row[header];
    const base = text === null || text === undefined || text === '' ? `row-${index + 1}` : slugify(String(text));
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}

/** Text columns show numbers as written (a year, a code), never formatted with commas; withheld counts say so. */
function displayCell(cell: Cell | undefined, column: FreeColumn, threshold: number): Cell {
  if (cell === undefined) return null;
  if (isSuppressedCell(cell) && column.type !== 'text') return `fewer than ${threshold}`;
  if (column.type === 'text' && typeof cell === 'number') return String(cell);
  return cell;
}

export function deriveTable(table: FreeTable, threshold = DEFAULT_DISCLOSURE_THRESHOLD): DerivedFreeTable {
  const columns = effectiveColumns(table).map((column) => ({ ...column, precision: displayPrecision(column, table) }));
  const rows = computedRows(table, columns);
  const totals = columnTotals(table, rows, columns);
  const header = rowHeaderOf(table);
  const modelColumns: TableColumn[] = columns.map((column) => ({ key: column.key, label: column.label, kind: KIND_OF[column.type], precision: column.precision }));
  const model: TableModel = {
    id: table.id,
    caption: table.caption,
    columns: modelColumns,
    rows: rows.map((row) => Object.fromEntries(columns.map((column) => [column.key, displayCell(row[column.key], column, threshold)]))),
    ...(header !== undefined ? { rowHeader: header } : {}),
    ...(table.wide !== undefined ? { wide: table.wide } : {}),
  };
  if (hasTotalsRow(table)) {
    model.totals = Object.fromEntries(
      columns.map((column): [string, Cell] => {
        const stated = table.statedTotals?.[column.key];
        if (column.key === header) return [column.key, typeof stated === 'string' && stated.trim() ? stated : (table.totalsLabel ?? 'Total')];
        if (!isNumericColumn(column)) return [column.key, displayCell(stated ?? null, column, threshold)];
        // A rate cannot be added up; keep what the author stated rather than lose it.
        return [column.key, totals[column.key] ?? (typeof stated === 'number' ? stated : null)];
      }),
    );
  }
  const withheld = table.columns.some((column) => isNumericColumn(column) && hasSuppressedCells(table, column.key));
  const footnotes = [
    ...(table.footnotes ?? []).map(({ marker, text }) => ({ marker, text })),
    ...(withheld ? [{ marker: 'Withheld', text: `"Fewer than ${threshold}": the number is not published because it is small enough to identify children.` }] : []),
    ...(table.source ? [{ marker: 'Source', text: table.source }] : []),
  ];
  if (footnotes.length) model.footnotes = footnotes;
  const rowNotes = rowNotesOf(table);
  if (Object.keys(rowNotes).length) model.rowNotes = rowNotes;
  return { id: table.id, model, columns, totals, rowCount: table.rows.length, rowSlugs: rowSlugs(table) };
}

/** Footnote markers by row index, matched by the row-header text the footnote names. */
export function rowNotesOf(table: FreeTable): Record<number, string[]> {
  const header = rowHeaderOf(table);
  const notes: Record<number, string[]> = {};
  if (header === undefined) return notes;
  for (const footnote of table.footnotes ?? []) {
    for (const name of footnote.rows ?? []) {
      const index = table.rows.findIndex((row) => String(row[header] ?? '').trim() === name.trim());
      if (index >= 0) (notes[index] ??= []).push(footnote.marker);
    }
  }
  return notes;
}

export function deriveTables(data: TablesData, threshold = DEFAULT_DISCLOSURE_THRESHOLD): DerivedTables {
  return { tables: data.tables.map((table) => deriveTable(table, threshold)) };
}
