/**
 * board.yaml: the youth justice management board, its members and their attendance.
 * Kept in step with schema.json (board.test.ts compares the partner list).
 */

/** The partners the Crime and Disorder Act 1998 and YJB guidance expect on every board. */
export const STATUTORY_PARTNERS = ['local-authority', 'police', 'probation', 'health', 'education'] as const;
export type StatutoryPartner = (typeof STATUTORY_PARTNERS)[number];

export const PARTNER_LABELS: Record<StatutoryPartner, string> = {
  'local-authority': 'Local authority',
  police: 'Police',
  probation: 'Probation',
  health: 'Health',
  education: 'Education',
};

export interface BoardMember {
  id?: string;
  name: string;
  role: string;
  organisation: string;
  statutory?: boolean;
  partner?: StatutoryPartner;
  attended?: number;
  held?: number;
  deputy?: string;
  note?: string;
}

export interface BoardData {
  name: string;
  period?: string;
  meetings: number;
  chair: string;
  members: BoardMember[];
}

// ---- derived ----

export interface DerivedMember {
  index: number;
  id?: string;
  name: string;
  role: string;
  organisation: string;
  statutory: boolean;
  partner?: StatutoryPartner;
  deputy?: string;
  note?: string;
  /** Meetings held while this person was a member: `held`, else all the board's meetings. */
  held: number;
  attended: number | null;
  /** Attended ÷ held × 100; null when attendance is not recorded or nothing was held. */
  rate: number | null;
  isChair: boolean;
}

export interface Attendance {
  attended: number;
  held: number;
  /** Null when no meeting was held by anyone with recorded attendance. */
  rate: number | null;
}

export interface PartnerRepresentation {
  partner: StatutoryPartner;
  label: string;
  /** Names of the statutory members who sit for this partner. */
  members: string[];
  represented: boolean;
}

export interface BoardDerived {
  name: string;
  period?: string;
  meetings: number;
  members: DerivedMember[];
  /** The member the `chair` field names (by id, or by name once titles and punctuation are set aside). */
  chair: DerivedMember | null;
  /** The chair's name as the author wrote it, for when it matches no member. */
  chairName: string;
  attendance: Attendance;
  statutoryAttendance: Attendance;
  statutoryPartners: PartnerRepresentation[];
}
