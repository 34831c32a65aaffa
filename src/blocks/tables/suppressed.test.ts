import { describe, it, expect } from 'vitest';
import { deriveTable } from './derive.ts';
import { auditTables } from './audit.ts';
import { tablesBlock } from './index.ts';
import { planContext } from '../plan/derive.ts';
import { createNunjucks } from '../../render/nunjucks.ts';
import type { FreeTable } from './types.ts';

/** Offences by type with one count too small to publish. */
function offences(extra: Partial<FreeTable> = {}): FreeTable {
  return {
    id: 'offences',
    caption: 'Offences by type, 2024-25',
    columns: [
      { key: 'type', label: 'Type of offence', type: 'text' },
      { key: 'offences', label: 'Offences', type: 'number' },
    ],
    shareOf: 'offences',
    rows: [
      { type: 'Violence against the person', offences: 78 },
      { type: 'Arson', offences: 'suppressed' },
      { type: 'Robbery', offences: 'Suppressed' },
      { type: 'Other offences', offences: 14 },
    ],
    totals: true,
    ...extra,
  };
}

describe('tables: withheld (suppressed) counts', () => {
  it('shows a withheld count as "fewer than" the plan\'s threshold, with a note saying why', () => {
    const table = deriveTable(offences(), 5);
    expect(table.model.rows.map((row) => row.offences)).toEqual([78, 'fewer than 5', 'fewer than 5', 14]);
    expect(table.model.footnotes).toContainEqual({ marker: 'Withheld', text: '"Fewer than 5": the number is not published because it is small enough to identify children.' });
    expect(deriveTable(offences(), 10).model.rows[1]!.offences).toBe('fewer than 10');
  });

  it('never works out a total or a share that would give a withheld count away', () => {
    const unstated = deriveTable(offences(), 5);
    expect(unstated.totals.offences).toBeNull();
    expect(unstated.model.rows.map((row) => row['offences-share'])).toEqual([null, null, null, null]);
    const stated = deriveTable(offences({ statedTotals: { offences: 100 } }), 5);
    expect(stated.totals.offences).toBe(100);
    const shares = stated.model.rows.map((row) => row['offences-share']);
    expect([shares[1], shares[2]]).toEqual([null, null]);
    expect(shares[0]).toBeCloseTo(78, 9);
    expect(shares[3]).toBeCloseTo(14, 9);
  });

  it('is not a wrongly typed cell, nor a stated total that disagrees', () => {
    expect(auditTables({ tables: [offences({ statedTotals: { offences: 100 } })] })).toEqual([]);
  });

  it('leaves withheld cells out of the figures prose can cite', () => {
    const plan = planContext('2025-26', { authority: 'Kelbridge Borough Council', service: 'Kelbridge Youth Justice Service', period: { label: '2025-26', start: '2025-04-01', end: '2026-03-31' }, edition: 'yjb-2023', status: { current: 'draft' } });
    const derived = tablesBlock.derive({ tables: [offences()] }, plan);
    const figures = tablesBlock.figures!(derived, plan);
    expect(figures['tables.offences.row.violence-against-the-person.offences']).toMatchObject({ value: 78 });
    expect(figures['tables.offences.row.arson.offences']).toBeUndefined();
    const html = createNunjucks().render('tables/table.njk', { table: derived.tables[0]!.model, plan: { id: '2025-26' }, page: { url: '/2025-26/section/' } });
    expect(html).toContain('>fewer than 5</td>');
  });
});
