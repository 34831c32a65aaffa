import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition, Figure } from '../types.ts';
import { formatNumber } from '../../render/format.ts';
import { deriveBoard } from './derive.ts';
import { auditBoard } from './audit.ts';
import { boardTable } from './tables.ts';
import type { BoardData, BoardDerived } from './types.ts';

export function boardFigures(derived: BoardDerived): Record<string, Figure> {
  return {
    'board.members': { kind: 'count', value: derived.members.length },
    'board.meetings': { kind: 'count', value: derived.meetings },
    'board.attendance.rate': { kind: 'percent', value: derived.attendance.rate, precision: 1 },
    'board.attendance.statutoryRate': { kind: 'percent', value: derived.statutoryAttendance.rate, precision: 1 },
    'board.chair': { kind: 'text', value: derived.chairName },
  };
}

function listInWords(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Sentences above the table: meetings, chair, attendance, and which statutory partners sit on the board. */
export function boardSummary(derived: BoardDerived): string[] {
  const sentences: string[] = [];
  const met = `The board met ${derived.meetings} ${derived.meetings === 1 ? 'time' : 'times'}${derived.period ? ` in ${derived.period}` : ''}`;
  const chair = derived.chair ? `${derived.chair.name}, ${derived.chair.role}` : derived.chairName;
  sentences.push(`${met} and is chaired by ${chair}.`);
  const { attendance, statutoryAttendance } = derived;
  if (attendance.rate !== null) {
    const statutory = statutoryAttendance.rate !== null ? ` (statutory partners: ${formatNumber(statutoryAttendance.rate, 1)}%)` : '';
    sentences.push(`Members attended ${formatNumber(attendance.rate, 1)}% of the meetings held while they were members${statutory}.`);
  }
  const missing = derived.statutoryPartners.filter((partner) => !partner.represented).map((partner) => partner.label.toLowerCase());
  sentences.push(
    missing.length === 0
      ? 'All five statutory partners sit on the board: the local authority, police, probation, health and education.'
      : `Statutory partners without a member on the board: ${listInWords(missing)}.`,
  );
  return sentences;
}

export const boardBlock: BlockDefinition<BoardData, BoardDerived> = {
  id: 'board',
  title: 'Management board',
  schema,
  derive: (data, plan) => deriveBoard(data, plan),
  audit: (data, derived) => auditBoard(data, derived),
  figures: (derived) => boardFigures(derived),
  tables: (derived) => [boardTable(derived)],
  shortcodes: {
    board: {
      template: 'board/board.njk',
      context: (derived, args) => {
        if (args.length) throw new Error(`{% board %} takes no arguments; remove "${args.join(' ')}"`);
        return { summary: boardSummary(derived), table: boardTable(derived) };
      },
    },
  },
};
