import type { Finding } from '../types.ts';
import { compareNames, findNameCollisions } from './names.ts';
import { STATUTORY_PARTNERS, type BoardData, type BoardDerived } from './types.ts';

function times(count: number): string {
  return count === 1 ? '1 meeting' : `${count} meetings`;
}

/** Attendance arithmetic, one person under two spellings, the chair, and the statutory partners. */
export function auditBoard(data: BoardData, derived: BoardDerived): Finding[] {
  const findings: Finding[] = [];
  for (const member of derived.members) {
    if (member.attended !== null && member.attended > member.held) {
      findings.push({
        severity: 'error',
        pointer: `/members/${member.index}/attended`,
        code: 'audit.board-attendance',
        message: `${member.name} is recorded as attending ${times(member.attended)}, but only ${times(member.held)} ${member.held === 1 ? 'was' : 'were'} held while they were a member`,
        hint: data.members[member.index]!.held === undefined ? `\`held\` defaults to the board's ${times(derived.meetings)}; check both figures` : 'check the attended and held figures',
      });
    }
    if (member.held > derived.meetings) {
      findings.push({
        severity: 'warning',
        pointer: `/members/${member.index}/held`,
        code: 'audit.board-attendance',
        message: `${member.name} has ${times(member.held)} held while a member, but the board met ${derived.meetings} ${derived.meetings === 1 ? 'time' : 'times'} in the year`,
        hint: 'a member can only be invited to meetings the board held; check `held` and `meetings`',
      });
    }
    if (member.statutory && !member.partner) {
      findings.push({
        severity: 'warning',
        pointer: `/members/${member.index}/statutory`,
        code: 'audit.board-partner',
        message: `${member.name} sits as a statutory partner, but the entry does not say which partner`,
        hint: `add \`partner:\` one of ${STATUTORY_PARTNERS.join(', ')}`,
      });
    }
  }
  findings.push(...duplicateIds(data), ...duplicateNames(data), ...chairFindings(data, derived), ...missingPartners(derived));
  return findings;
}

function duplicateIds(data: BoardData): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  data.members.forEach((member, index) => {
    if (member.id === undefined) return;
    const first = seen.get(member.id);
    if (first === undefined) seen.set(member.id, index);
    else {
      findings.push({
        severity: 'error',
        pointer: `/members/${index}/id`,
        code: 'audit.board-id',
        message: `the id "${member.id}" is already used by ${data.members[first]!.name}`,
        hint: 'give each member a different id (or none)',
      });
    }
  });
  return findings;
}

function duplicateNames(data: BoardData): Finding[] {
  return findNameCollisions(data.members.map((member) => member.name)).map(({ first, second, match }) => {
    const a = data.members[first]!.name;
    const b = data.members[second]!.name;
    return {
      severity: 'warning' as const,
      pointer: `/members/${second}/name`,
      code: 'audit.board-duplicate',
      message:
        match === 'same'
          ? `one person is listed twice: as "${a}" (member ${first + 1}) and "${b}" (member ${second + 1})`
          : `"${a}" (member ${first + 1}) and "${b}" (member ${second + 1}) look like one person spelled two ways`,
      hint: match === 'same' ? 'list each person once; a title (Cllr, Dr) belongs in `role`' : 'use one spelling everywhere in the plan; if they are two people, give their full names',
    };
  });
}

function chairFindings(data: BoardData, derived: BoardDerived): Finding[] {
  if (derived.chair) return [];
  const similar = data.members.find((member) => compareNames(member.name, data.chair) === 'similar');
  return [
    {
      severity: 'warning',
      pointer: '/chair',
      code: 'audit.board-chair',
      message: similar ? `the chair "${data.chair}" is not listed under that name; the nearest member is "${similar.name}"` : `the chair "${data.chair}" is not among the members`,
      hint: similar ? `write the chair as "${similar.name}" (or give the member an id and use it), so the plan spells them one way` : 'give the chair as a member\'s id or name, and list the chair under members',
    },
  ];
}

function missingPartners(derived: BoardDerived): Finding[] {
  return derived.statutoryPartners
    .filter((partner) => !partner.represented)
    .map((partner) => {
      const listed = derived.members.filter((member) => member.partner === partner.partner);
      return {
        severity: 'warning' as const,
        pointer: '/members',
        code: 'audit.board-statutory',
        message: `no member sits for ${partner.label.toLowerCase()} as a statutory partner`,
        hint: listed.length
          ? `${listed.map((member) => member.name).join(' and ')} ${listed.length === 1 ? 'is' : 'are'} listed for ${partner.label.toLowerCase()}: add \`statutory: true\` if they sit as the statutory partner`
          : `add the ${partner.label.toLowerCase()} member (with \`statutory: true\` and \`partner: ${partner.partner}\`), or explain the gap in the governance section`,
      };
    });
}
