import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition, Figure, TableModel } from '../types.ts';
import { formatDate, formatNumber } from '../../render/format.ts';
import { deriveStaffing } from './derive.ts';
import { auditStaffing } from './audit.ts';
import { breakdownTable, ftePrecision, rolesTable, staffingTables } from './tables.ts';
import { BREAKDOWN_KEYS, type BreakdownName, type StaffingData, type StaffingDerived } from './types.ts';

export function staffingFigures(derived: StaffingDerived): Record<string, Figure> {
  const figures: Record<string, Figure> = {
    'staffing.headcount': { kind: 'count', value: derived.headcount },
    // For prose such as "26 staff, supported by 9 volunteers": the headcount counts volunteers, as the YJB's table does.
    'staffing.headcount.excludingVolunteers': { kind: 'count', value: derived.headcount - derived.volunteers },
    'staffing.fte': { kind: 'number', value: derived.fte, precision: ftePrecision(derived.roles) },
    'staffing.vacancies': { kind: 'count', value: derived.vacancies },
    'staffing.volunteers': { kind: 'count', value: derived.volunteers },
  };
  for (const name of ['sex', 'ethnicity'] as const) {
    const breakdown = derived[name];
    if (!breakdown) continue;
    for (const key of BREAKDOWN_KEYS[name]) {
      figures[`staffing.${name}.${key}.share`] = { kind: 'percent', value: (breakdown.shares as Record<string, number | null>)[key] ?? null, precision: 1 };
    }
  }
  if (derived.disability) figures['staffing.disability.share'] = { kind: 'percent', value: derived.disability.shares.disabled, precision: 1 };
  return figures;
}

/** One sentence for the top of the appendix: people, FTE, volunteers, vacancies. */
export function staffingSummary(derived: StaffingDerived): string {
  const when = derived.asAt ? `At ${formatDate(derived.asAt)} the service had` : 'The service has';
  const people = `${formatNumber(derived.headcount)} ${derived.headcount === 1 ? 'person' : 'people'} in post`;
  const fte = derived.fte === null ? '' : ` (${formatNumber(derived.fte, ftePrecision(derived.roles))} full-time equivalent)`;
  const volunteers = derived.volunteers > 0 ? `, including ${formatNumber(derived.volunteers)} ${derived.volunteers === 1 ? 'volunteer' : 'volunteers'}` : '';
  const vacancies = derived.vacancies > 0 ? `, and ${formatNumber(derived.vacancies)} vacant ${derived.vacancies === 1 ? 'post' : 'posts'}` : '';
  return `${when} ${people}${fte}${volunteers}${vacancies}.`;
}

const PARTS = ['roles', 'sex', 'ethnicity', 'disability'] as const;
type Part = (typeof PARTS)[number];
const HEADINGS: Record<Part, string> = { roles: 'Roles and contracts', sex: 'Sex', ethnicity: 'Ethnicity', disability: 'Known disability' };

function tableFor(derived: StaffingDerived, part: Part): TableModel | undefined {
  return part === 'roles' ? rolesTable(derived) : breakdownTable(derived, part as BreakdownName);
}

/** `{% staffing %}` shows everything; `{% staffing "ethnicity" %}` one table. */
export function staffingContext(derived: StaffingDerived, args: string[]): Record<string, unknown> {
  const [only] = args;
  if (only !== undefined && !(PARTS as readonly string[]).includes(only)) {
    throw new Error(`{% staffing "${only}" %}: there is no "${only}" part; use one of ${PARTS.map((part) => `"${part}"`).join(', ')}, or none for all`);
  }
  const parts = only ? [only as Part] : [...PARTS];
  const sections = parts.map((part) => ({ heading: HEADINGS[part], table: tableFor(derived, part) })).filter((section) => section.table);
  if (only && sections.length === 0) throw new Error(`{% staffing "${only}" %}: staffing.yaml gives no ${only} breakdown`);
  return { summary: only ? null : staffingSummary(derived), sections, showHeadings: !only };
}

export const staffingBlock: BlockDefinition<StaffingData, StaffingDerived> = {
  id: 'staffing',
  title: 'Staffing',
  schema,
  derive: (data, plan) => deriveStaffing(data, plan),
  audit: (data, derived) => auditStaffing(data, derived),
  figures: (derived) => staffingFigures(derived),
  tables: (derived) => staffingTables(derived),
  shortcodes: {
    staffing: { template: 'staffing/staffing.njk', context: (derived, args) => staffingContext(derived, args) },
  },
};
