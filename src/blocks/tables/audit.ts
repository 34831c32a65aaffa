import { formatNumber } from '../../render/format.ts';
import { closest } from '../../validate/suggest.ts';
import type { Cell, Finding } from '../types.ts';
import { columnTotals, computedRows, effectiveColumns, isNumericColumn, isSuppressedCell, isSplitColumn, NOT_APPLICABLE, numericValue, rowHeaderOf, shareColumnKey, sumNumbers } from './derive.ts';
import { agreesAtPrecision, decimalsOf, percentHint, roundingTolerance } from './stated.ts';
import type { FreeColumn, FreeTable, TablesData } from './types.ts';

/** Checks on tables.yaml a schema cannot express: ids, references between columns, cell types, stated totals and shares. */
export function auditTables(data: TablesData): Finding[] {
  return [...duplicateTableIds(data), ...data.tables.flatMap((table, index) => auditTable(table, `/tables/${index}`))];
}

function duplicateTableIds(data: TablesData): Finding[] {
  const ids = data.tables.map((table) => table.id);
  return ids.flatMap((id, index): Finding[] => {
    const first = ids.indexOf(id);
    if (first === index) return [];
    return [{ severity: 'error', pointer: `/tables/${index}/id`, code: 'audit.table-duplicate-id', message: `the table id "${id}" is used twice (tables ${first + 1} and ${index + 1})`, hint: 'each table needs its own id: it names the download files and {% table "id" %}' }];
  });
}

export function auditTable(table: FreeTable, at: string): Finding[] {
  const structural = auditStructure(table, at);
  // Arithmetic on a table whose columns point nowhere would only repeat the same mistake in other words.
  if (structural.some((finding) => finding.severity === 'error')) return structural;
  return [...structural, ...auditCells(table, at), ...auditWorkedOut(table, at), ...auditStatedTotals(table, at), ...auditSplits(table, at), ...auditFootnotes(table, at)];
}

function fmt(value: number, precision: number): string {
  return formatNumber(value, precision);
}

// ——— Structure: keys that must point at columns ———

function auditStructure(table: FreeTable, at: string): Finding[] {
  const findings: Finding[] = [];
  const keys = table.columns.map((column) => column.key);
  const describe = (column: FreeColumn) => `"${column.label}"`;
  const unknown = (pointer: string, what: string, key: string, atKey = false): Finding => {
    const suggestion = closest(key, keys);
    return { severity: 'error', pointer, ...(atKey ? { atKey } : {}), code: 'audit.table-unknown-column', message: `${what} "${key}" is not a column of table "${table.id}"`, hint: suggestion ? `did you mean \`${suggestion}\`?` : `its columns are ${keys.join(', ')}` };
  };
  const numericKey = (key: string) => table.columns.find((column) => column.key === key && isNumericColumn(column) && column.type !== 'percentage');
  keys.forEach((key, index) => {
    if (keys.indexOf(key) !== index) findings.push({ severity: 'error', pointer: `${at}/columns/${index}/key`, code: 'audit.table-duplicate-column', message: `table "${table.id}" has two columns with the key "${key}"`, hint: 'give each column its own key' });
  });
  table.columns.forEach((column, index) => {
    const pointer = `${at}/columns/${index}`;
    if (column.type !== 'percentage') {
      for (const option of ['of', 'split', 'base'] as const) {
        if (column[option] !== undefined) findings.push({ severity: 'error', pointer: `${pointer}/${option}`, atKey: true, code: 'audit.table-column-option', message: `column ${describe(column)} is a ${column.type} column, so \`${option}\` does not apply`, hint: 'only percentage columns have `of`, `base` and `split`' });
      }
    }
    if (column.of !== undefined && column.type === 'percentage') {
      if (!keys.includes(column.of)) findings.push(unknown(`${pointer}/of`, `the \`of\` of column ${describe(column)}`, column.of));
      else if (!numericKey(column.of)) findings.push({ severity: 'error', pointer: `${pointer}/of`, code: 'audit.table-column-option', message: `column ${describe(column)} is a share of "${column.of}", which is not a number or money column`, hint: 'point `of` at the column of counts or amounts the percentages are shares of' });
    }
    if (column.base !== undefined && column.of === undefined) findings.push({ severity: 'error', pointer: `${pointer}/base`, atKey: true, code: 'audit.table-column-option', message: `column ${describe(column)} has a \`base\` but no \`of\``, hint: 'add `of:` (the column the percentages are shares of) or remove `base`' });
    if (column.sumOf !== undefined) {
      if (column.type !== 'number' && column.type !== 'money') findings.push({ severity: 'error', pointer: `${pointer}/sumOf`, atKey: true, code: 'audit.table-column-option', message: `column ${describe(column)} is a ${column.type} column, so \`sumOf\` does not apply`, hint: 'only number and money columns can be row totals' });
      column.sumOf.forEach((key, keyIndex) => {
        if (!keys.includes(key)) findings.push(unknown(`${pointer}/sumOf/${keyIndex}`, `the \`sumOf\` of column ${describe(column)} names`, key));
        else if (key === column.key || !numericKey(key)) findings.push({ severity: 'error', pointer: `${pointer}/sumOf/${keyIndex}`, code: 'audit.table-column-option', message: `column ${describe(column)} adds up "${key}", which is ${key === column.key ? 'itself' : 'not a number or money column'}`, hint: 'list the number or money columns the row total adds up' });
      });
    }
  });
  if (table.rowHeader !== undefined && !keys.includes(table.rowHeader)) findings.push(unknown(`${at}/rowHeader`, 'the `rowHeader`', table.rowHeader));
  if (table.shareOf !== undefined) {
    if (!keys.includes(table.shareOf)) findings.push(unknown(`${at}/shareOf`, 'the `shareOf`', table.shareOf));
    else if (!numericKey(table.shareOf)) findings.push({ severity: 'error', pointer: `${at}/shareOf`, code: 'audit.table-column-option', message: `\`shareOf\` names "${table.shareOf}", which is not a number or money column`, hint: 'point `shareOf` at a column of counts or amounts' });
    else if (keys.includes(shareColumnKey(table)!)) findings.push({ severity: 'error', pointer: `${at}/shareOf`, code: 'audit.table-duplicate-column', message: `\`shareOf\` adds a column "${shareColumnKey(table)}", but the table already has one with that key`, hint: 'rename that column, or remove `shareOf` and give the column `of:` instead' });
  }
  table.rows.forEach((row, rowIndex) => {
    for (const key of Object.keys(row)) if (!keys.includes(key)) findings.push(unknown(`${at}/rows/${rowIndex}/${key}`, 'the cell', key, true));
  });
  for (const key of Object.keys(table.statedTotals ?? {})) if (!keys.includes(key)) findings.push(unknown(`${at}/statedTotals/${key}`, 'the stated total', key, true));
  return findings;
}

// ——— Cells that do not fit their column ———

const NOT_APPLICABLE_SPELLINGS = /^(n\/?a|not applicable|-|–|—)$/i;
const NUMBER_WITH_SYMBOLS = /^\s*[£$]?\s*[-−]?[\d,]*\.?\d+\s*%?\s*$/;

/** Why a text cell is not a number, and how to write it. */
export function cellTypeHint(cell: string, column: FreeColumn): string {
  if (NOT_APPLICABLE_SPELLINGS.test(cell.trim())) return `write ${NOT_APPLICABLE} (exactly) for not applicable, or leave it blank (~) for nothing`;
  if (NUMBER_WITH_SYMBOLS.test(cell)) {
    const plain = cell.replace(/[£$,%\s]/g, '').replace('−', '-');
    return `write the number alone: ${plain}${column.type === 'percentage' ? ' (the column adds the % sign)' : column.type === 'money' ? ' (the column adds the £ sign and commas)' : ''}`;
  }
  return `a ${column.type} column holds numbers, ${NOT_APPLICABLE} or a blank (~); put words in a footnote`;
}

function auditCells(table: FreeTable, at: string): Finding[] {
  const findings: Finding[] = [];
  const check = (cell: Cell | undefined, column: FreeColumn, pointer: string) => {
    if (typeof cell !== 'string' || !isNumericColumn(column) || cell === NOT_APPLICABLE || isSuppressedCell(cell)) return;
    findings.push({ severity: 'warning', pointer, code: 'audit.table-cell-type', message: `"${cell}" in the ${column.type} column "${column.label}" of table "${table.id}" is text, not a ${column.type === 'money' ? 'sum of money' : column.type}`, hint: cellTypeHint(cell, column) });
  };
  const header = rowHeaderOf(table);
  table.rows.forEach((row, rowIndex) => {
    for (const column of table.columns) check(row[column.key], column, `${at}/rows/${rowIndex}/${column.key}`);
  });
  for (const column of table.columns) if (column.key !== header) check(table.statedTotals?.[column.key], column, `${at}/statedTotals/${column.key}`);
  return findings;
}

// ——— Worked-out columns: row totals and shares stated in the rows ———

function auditWorkedOut(table: FreeTable, at: string): Finding[] {
  const findings: Finding[] = [];
  const columns = effectiveColumns(table);
  const computed = computedRows(table, columns);
  for (const column of table.columns) {
    if (!column.sumOf && !(column.type === 'percentage' && column.of !== undefined)) continue;
    table.rows.forEach((row, rowIndex) => {
      const stated = numericValue(row[column.key]);
      const value = numericValue(computed[rowIndex]![column.key]);
      if (stated === null || value === null) return;
      const pointer = `${at}/rows/${rowIndex}/${column.key}`;
      const name = rowName(table, rowIndex);
      if (column.sumOf) {
        if (agreesAtPrecision(stated, value, Math.max(decimalsOf(stated), decimalsOf(value)))) return;
        findings.push({ severity: 'warning', pointer, code: 'audit.table-row-total', message: `the "${column.label}" of ${name} is stated as ${fmt(stated, decimalsOf(stated))} but ${column.sumOf.join(' + ')} add up to ${fmt(value, decimalsOf(value))}`, hint: 'correct the total or one of the cells it adds up' });
        return;
      }
      if (agreesAtPrecision(stated, value)) return;
      const part = numericValue(row[column.of!]) ?? 0;
      const whole = column.base ?? sumNumbers(table.rows.map((r) => numericValue(r[column.of!]))) ?? 0;
      findings.push({
        severity: 'warning',
        pointer,
        code: 'audit.table-share',
        message: `${fmt(stated, decimalsOf(stated))}% is stated for ${name} but ${fmt(part, decimalsOf(part))} of ${fmt(whole, decimalsOf(whole))} is ${fmt(value, Math.max(1, decimalsOf(stated)))}%`,
        hint: percentHint(stated, whole),
      });
    });
  }
  return findings;
}

function rowName(table: FreeTable, rowIndex: number): string {
  const header = rowHeaderOf(table);
  const text = header === undefined ? undefined : table.rows[rowIndex]![header];
  return typeof text === 'string' && text.trim() ? `"${text.trim()}"` : `row ${rowIndex + 1}`;
}

// ——— Stated totals ———

function auditStatedTotals(table: FreeTable, at: string): Finding[] {
  if (!table.statedTotals) return [];
  const findings: Finding[] = [];
  const columns = effectiveColumns(table);
  const totals = columnTotals(table, computedRows(table, columns), columns);
  for (const column of columns) {
    const stated = numericValue(table.statedTotals[column.key]);
    const computed = totals[column.key];
    if (stated === null || computed === null || computed === undefined) continue;
    // A split's stated 100 is the split check's business, with the tolerance rounding allows.
    if (isSplitColumn(column, table) && column.of === undefined) continue;
    const precision = column.type === 'percentage' ? decimalsOf(stated) : Math.max(decimalsOf(stated), column.precision ?? 0);
    if (agreesAtPrecision(stated, computed, precision)) continue;
    const shown = column.type === 'percentage' ? `${fmt(computed, Math.max(1, precision))}%` : fmt(computed, Math.max(precision, decimalsOf(computed) > 0 ? 2 : 0));
    findings.push({
      severity: 'warning',
      pointer: `${at}/statedTotals/${column.key}`,
      code: 'audit.table-total',
      message: `the total of "${column.label}" is stated as ${fmt(stated, decimalsOf(stated))}${column.type === 'percentage' ? '%' : ''} but the rows ${column.type === 'percentage' ? 'make up' : 'add up to'} ${shown}`,
      hint: 'correct the stated total, or the row that is wrong',
    });
  }
  return findings;
}

// ——— Percentages that split a whole ———

/**
 * How far from 100 a split may stray through rounding alone: each of n rows rounded to p decimals can be out
 * by half a unit, so n × 0.5 × 10^−p, but never less than ±0.5 (the usual allowance for a rounded total).
 */
export function splitTolerance(rowCount: number, precision: number): number {
  return Math.max(0.5, rowCount * 0.5 * 10 ** -precision) + 1e-9;
}

function auditSplits(table: FreeTable, at: string): Finding[] {
  const findings: Finding[] = [];
  table.columns.forEach((column, index) => {
    if (!isSplitColumn(column, table)) return;
    const values = table.rows.map((row) => numericValue(row[column.key])).filter((value): value is number => value !== null);
    if (values.length === 0) return;
    const sum = values.reduce((total, value) => total + value, 0);
    const precision = column.precision ?? Math.max(0, ...values.map(decimalsOf));
    if (Math.abs(sum - 100) <= splitTolerance(values.length, precision)) return;
    const fractions = Math.abs(sum - 1) < 0.02;
    findings.push({
      severity: 'warning',
      pointer: column.split === true ? `${at}/columns/${index}/split` : `${at}/statedTotals/${column.key}`,
      code: 'audit.table-split',
      message: `the percentages in "${column.label}" of table "${table.id}" add up to ${fmt(sum, Math.max(1, precision))}, not 100`,
      hint: fractions ? 'write percentages as 0 to 100 (45 for 45%), not as fractions' : 'a split of one whole adds up to 100 (give or take rounding): check each row, or remove `split` if the rows are not the whole',
    });
  });
  return findings;
}

// ——— Footnotes ———

function auditFootnotes(table: FreeTable, at: string): Finding[] {
  const findings: Finding[] = [];
  const header = rowHeaderOf(table);
  const names = header === undefined ? [] : table.rows.map((row) => String(row[header] ?? '').trim());
  const markers = (table.footnotes ?? []).map((footnote) => footnote.marker);
  (table.footnotes ?? []).forEach((footnote, index) => {
    if (markers.indexOf(footnote.marker) !== index) findings.push({ severity: 'warning', pointer: `${at}/footnotes/${index}/marker`, code: 'audit.table-footnote', message: `the footnote marker "${footnote.marker}" is used twice in table "${table.id}"`, hint: 'give each note its own marker (Coventry\'s *** pointed at two different notes)' });
    (footnote.rows ?? []).forEach((name, rowIndex) => {
      if (names.includes(name.trim())) return;
      const suggestion = closest(name, names);
      findings.push({ severity: 'error', pointer: `${at}/footnotes/${index}/rows/${rowIndex}`, code: 'audit.table-footnote', message: `footnote "${footnote.marker}" is for the row "${name}", but table "${table.id}" has no such row`, hint: suggestion ? `did you mean "${suggestion}"?` : 'use the text in the row\'s first column exactly' });
    });
  });
  return findings;
}
