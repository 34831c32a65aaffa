import type { PlanContext } from '../plan/types.ts';
import { compareNames } from './names.ts';
import { PARTNER_LABELS, STATUTORY_PARTNERS, type Attendance, type BoardData, type BoardDerived, type BoardMember, type DerivedMember } from './types.ts';

/** The member a `chair` field names: by id first, then by exactly the same name once titles are set aside. */
export function findChair(members: readonly Pick<BoardMember, 'id' | 'name'>[], chair: string): number {
  const byId = members.findIndex((member) => member.id !== undefined && member.id === chair);
  if (byId >= 0) return byId;
  return members.findIndex((member) => compareNames(member.name, chair) === 'same');
}

export function attendanceOf(members: readonly Pick<DerivedMember, 'attended' | 'held'>[]): Attendance {
  const recorded = members.filter((member) => member.attended !== null);
  const attended = recorded.reduce((total, member) => total + member.attended!, 0);
  const held = recorded.reduce((total, member) => total + member.held, 0);
  return { attended, held, rate: held > 0 ? (attended / held) * 100 : null };
}

export function deriveBoard(data: BoardData, _plan?: PlanContext): BoardDerived {
  const chairIndex = findChair(data.members, data.chair);
  const members: DerivedMember[] = data.members.map((member, index) => {
    const held = member.held ?? data.meetings;
    const attended = member.attended ?? null;
    return {
      index,
      id: member.id,
      name: member.name,
      role: member.role,
      organisation: member.organisation,
      statutory: member.statutory ?? false,
      partner: member.partner,
      deputy: member.deputy,
      note: member.note,
      held,
      attended,
      rate: attended !== null && held > 0 ? (attended / held) * 100 : null,
      isChair: index === chairIndex,
    };
  });
  const statutory = members.filter((member) => member.statutory);
  return {
    name: data.name,
    period: data.period,
    meetings: data.meetings,
    members,
    chair: chairIndex >= 0 ? members[chairIndex]! : null,
    chairName: chairIndex >= 0 ? members[chairIndex]!.name : data.chair,
    attendance: attendanceOf(members),
    statutoryAttendance: attendanceOf(statutory),
    statutoryPartners: STATUTORY_PARTNERS.map((partner) => {
      const sitting = statutory.filter((member) => member.partner === partner).map((member) => member.name);
      return { partner, label: PARTNER_LABELS[partner], members: sitting, represented: sitting.length > 0 };
    }),
  };
}
