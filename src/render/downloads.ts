import type { TableModel } from '../blocks/types.ts';

/** RFC 4180 CSV of a table, with raw (unrounded, unformatted) values; a totals row when the table has one. */
export function tableToCsv(table: TableModel): string {
  const quote = (value: unknown) => {
    if (value === null || value === undefined) return '';
    const text = String(value);
    // A leading = + - @ would run as a formula when opened in a spreadsheet.
    const safe = /^[=+\-@\t\r]/.test(text) && typeof value === 'string' ? `'${text}` : text;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [table.columns.map((c) => quote(c.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => quote(row[c.key])).join(','));
  if (table.totals) lines.push(table.columns.map((c) => quote(c.key === table.rowHeader ? (table.totals![c.key] ?? 'Total') : table.totals![c.key])).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function tableToJson(table: TableModel, plan: { id: string }): string {
  return (
    JSON.stringify(
      {
        plan: plan.id,
        id: table.id,
        caption: table.caption,
        columns: table.columns,
        rows: table.rows,
        ...(table.totals ? { totals: table.totals } : {}),
        ...(table.footnotes ? { footnotes: table.footnotes } : {}),
      },
      null,
      2,
    ) + '\n'
  );
}
