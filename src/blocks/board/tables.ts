import type { Cell, TableColumn, TableModel } from '../types.ts';
import { PARTNER_LABELS, type BoardDerived, type DerivedMember } from './types.ts';

export const BOARD_TABLE_ID = 'board';

/** "5 of 6": attendance as boards print it; blank when it was not recorded. */
export function attendanceText(attended: number | null, held: number): string | null {
  return attended === null ? null : `${attended} of ${held}`;
}

function statutoryCell(member: DerivedMember): string {
  if (!member.statutory) return 'No';
  return member.partner ? PARTNER_LABELS[member.partner] : 'Yes';
}

export function boardTable(derived: BoardDerived): TableModel {
  const hasDeputies = derived.members.some((member) => member.deputy);
  const columns: TableColumn[] = [
    { key: 'name', label: 'Name', kind: 'text' },
    { key: 'role', label: 'Role', kind: 'text' },
    { key: 'organisation', label: 'Organisation', kind: 'text' },
    { key: 'statutory', label: 'Statutory partner', kind: 'text' },
    ...(hasDeputies ? [{ key: 'deputy', label: 'Deputy', kind: 'text' as const }] : []),
    { key: 'attendance', label: 'Meetings attended', kind: 'text' },
    { key: 'rate', label: 'Attendance (%)', kind: 'percent', precision: 0 },
  ];
  const footnotes: { marker: string; text: string }[] = [];
  const rowNotes: Record<number, string[]> = {};
  const rows = derived.members.map((member, index) => {
    const cells: Record<string, Cell> = {
      name: member.isChair ? `${member.name} (chair)` : member.name,
      role: member.role,
      organisation: member.organisation,
      statutory: statutoryCell(member),
    };
    if (hasDeputies) cells.deputy = member.deputy ?? null;
    cells.attendance = attendanceText(member.attended, member.held);
    cells.rate = member.rate;
    if (member.note) {
      const marker = String(footnotes.length + 1);
      footnotes.push({ marker, text: member.note });
      rowNotes[index] = [marker];
    }
    return cells;
  });
  if (derived.members.some((member) => member.held !== derived.meetings)) {
    footnotes.push({ marker: '*', text: `The board met ${derived.meetings} times. Members who joined or left during the year are counted against the meetings held while they were members.` });
  }
  const { attendance } = derived;
  return {
    id: BOARD_TABLE_ID,
    caption: `${derived.name}: members and attendance${derived.period ? `, ${derived.period}` : ''}`,
    columns,
    rows,
    rowHeader: 'name',
    totals: { name: 'All members', attendance: attendance.held > 0 ? `${attendance.attended} of ${attendance.held}` : null, rate: attendance.rate },
    footnotes,
    rowNotes,
    wide: hasDeputies,
  };
}
