/** priorities.yaml: the partnership's priorities and the action plan that delivers them. Kept in step with schema.json. */

/**
 * The national priority areas of the YJB guidance from 2023. Ids match the section ids of the
 * `yjb-2023` edition, so an area can be linked to its section.
 */
export const NATIONAL_AREAS = [
  { id: 'over-represented-groups', title: 'Children from groups which are over-represented' },
  { id: 'prevention', title: 'Prevention' },
  { id: 'diversion', title: 'Diversion' },
  { id: 'education', title: 'Education' },
  { id: 'restorative-approaches', title: 'Restorative approaches and victims' },
  { id: 'serious-violence', title: 'Serious violence, exploitation and contextual safeguarding' },
  { id: 'police-custody', title: 'Detention in police custody' },
  { id: 'remands', title: 'Remands' },
  { id: 'custody-and-resettlement', title: 'Use of custody and constructive resettlement' },
  { id: 'working-with-families', title: 'Working with families' },
] as const;

export type NationalAreaId = (typeof NATIONAL_AREAS)[number]['id'];
export interface NationalArea {
  id: NationalAreaId;
  title: string;
}

export const ACTION_STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track', 'complete'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface Priority {
  id: string;
  title: string;
  /** Why the partnership chose it (markdown). */
  rationale?: string;
  areas?: NationalAreaId[];
  /** Id of the plan section that discusses it. */
  section?: string;
}

export interface Action {
  id: string;
  /** Id of the priority it serves. */
  priority: string;
  text: string;
  lead?: string;
  partners?: string[];
  /** `YYYY-MM-DD`, or `YYYY-MM` meaning by the end of that month. */
  due?: string;
  measure?: string;
  /** Defaults to `not-started`. */
  status?: ActionStatus;
  progress?: string;
}

export interface PrioritiesData {
  priorities: Priority[];
  actions?: Action[];
}

/** How a status is shown: words first, RAG and tag colour second. */
export interface StatusDisplay {
  label: string;
  /** The RAG (BRAG) rating the status stands for, in words. */
  rag: 'Grey' | 'Green' | 'Amber' | 'Red' | 'Blue';
  /** govuk-frontend tag modifier class. */
  tagClass: string;
}

export interface DerivedAction extends Action {
  status: ActionStatus;
  statusDisplay: StatusDisplay;
  partners: string[];
  /** The last day the action is due by (a month's last day for `YYYY-MM`); null when no date is given. */
  dueBy: string | null;
  /** The due date in words: `30 September 2025`, `September 2025`. */
  dueLabel: string;
  /** Not complete and due before the plan's reporting date. */
  overdue: boolean;
  /** Lacks a lead, a due date or a success measure. */
  bare: boolean;
}

export type StatusCounts = Record<ActionStatus, number>;

export interface DerivedPriority {
  id: string;
  title: string;
  rationale?: string;
  section?: string;
  areas: NationalArea[];
  actions: DerivedAction[];
  counts: StatusCounts & { total: number; overdue: number };
}

export interface PrioritiesDerived {
  /** The reporting date overdue actions are judged against. */
  asOf: string;
  periodLabel: string;
  priorities: DerivedPriority[];
  actions: DerivedAction[];
  counts: StatusCounts & { total: number; overdue: number };
  overdue: DerivedAction[];
}
