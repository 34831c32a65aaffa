import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition, Figure, FigureKind, TableModel } from '../types.ts';
import { auditTables } from './audit.ts';
import { deriveTables, numericValue } from './derive.ts';
import type { DerivedTables, FreeColumn, TablesData } from './types.ts';

const FIGURE_KIND: Record<FreeColumn['type'], FigureKind> = { number: 'number', money: 'money', percentage: 'percent', text: 'text' };

/**
 * `tables.<id>.rows` (row count), `tables.<id>.total.<column>` (worked-out totals), and every number cell as
 * `tables.<id>.row.<row-slug>.<column>`, so prose can cite "Black children were 5.6% of the caseload".
 */
export function tablesFigures(derived: DerivedTables): Record<string, Figure> {
  const figures: Record<string, Figure> = {};
  for (const table of derived.tables) {
    figures[`tables.${table.id}.rows`] = { kind: 'count', value: table.rowCount };
    for (const column of table.columns) {
      if (column.type === 'text') continue;
      const shape = { kind: FIGURE_KIND[column.type], ...(column.precision !== undefined ? { precision: column.precision } : {}) };
      const total = table.totals[column.key];
      if (total !== null && total !== undefined) figures[`tables.${table.id}.total.${column.key}`] = { ...shape, value: total };
      table.model.rows.forEach((row, index) => {
        const value = numericValue(row[column.key]);
        if (value !== null) figures[`tables.${table.id}.row.${table.rowSlugs[index]}.${column.key}`] = { ...shape, value };
      });
    }
  }
  return figures;
}

export function tablesTables(derived: DerivedTables): TableModel[] {
  return derived.tables.map((table) => table.model);
}

/** `{% table "offences" %}` shows one table by id. */
export function tableContext(derived: DerivedTables, args: string[]): Record<string, unknown> {
  const [id] = args;
  const ids = derived.tables.map((table) => table.id);
  if (id === undefined) throw new Error(`{% table %} needs a table id, e.g. {% table "${ids[0] ?? 'offences'}" %}`);
  const table = derived.tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`there is no table "${id}" in tables.yaml; the tables are ${ids.join(', ') || 'none'}`);
  return { table: table.model };
}

export const tablesBlock: BlockDefinition<TablesData, DerivedTables> = {
  id: 'tables',
  title: 'Other tables',
  schema,
  derive: (data, plan) => deriveTables(data, plan.disclosureThreshold),
  audit: (data) => auditTables(data),
  figures: tablesFigures,
  tables: tablesTables,
  shortcodes: {
    table: { template: 'tables/table.njk', context: tableContext },
  },
};
