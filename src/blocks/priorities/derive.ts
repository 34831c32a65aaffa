import { formatDate } from '../../render/format.ts';
import type { PlanContext } from '../plan/types.ts';
import {
  ACTION_STATUSES,
  NATIONAL_AREAS,
  type Action,
  type ActionStatus,
  type DerivedAction,
  type DerivedPriority,
  type NationalArea,
  type NationalAreaId,
  type PrioritiesData,
  type PrioritiesDerived,
  type StatusCounts,
  type StatusDisplay,
} from './types.ts';

export const STATUS_DISPLAY: Record<ActionStatus, StatusDisplay> = {
  'not-started': { label: 'Not started', rag: 'Grey', tagClass: 'govuk-tag--grey' },
  'on-track': { label: 'On track', rag: 'Green', tagClass: 'govuk-tag--green' },
  'at-risk': { label: 'At risk', rag: 'Amber', tagClass: 'govuk-tag--yellow' },
  'off-track': { label: 'Off track', rag: 'Red', tagClass: 'govuk-tag--red' },
  complete: { label: 'Complete', rag: 'Blue', tagClass: 'govuk-tag--blue' },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-09` → `2025-09-30`; a full date is returned as it is. An action due in a month is due by its last day. */
export function dueBy(due: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(due);
  if (!month) return due;
  const lastDay = new Date(Date.UTC(Number(month[1]), Number(month[2]), 0)).getUTCDate();
  return `${due}-${String(lastDay).padStart(2, '0')}`;
}

/** The first day a due date can mean: the month's first day for `YYYY-MM`. */
export function dueFrom(due: string): string {
  return /^\d{4}-\d{2}$/.test(due) ? `${due}-01` : due;
}

/** `2025-09-30` → `30 September 2025`; `2025-09` → `September 2025`. */
export function formatDue(due: string | undefined): string {
  if (!due) return '';
  const month = /^(\d{4})-(\d{2})$/.exec(due);
  if (month) return `${MONTHS[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  return formatDate(due);
}

export function isOverdue(status: ActionStatus, due: string | undefined, asOf: string): boolean {
  return status !== 'complete' && due !== undefined && dueBy(due) < asOf;
}

/** The YJB template expects every action to have a lead, a due date and a success measure. */
export function missingEssentials(action: Action): ('lead' | 'due' | 'measure')[] {
  return (['lead', 'due', 'measure'] as const).filter((field) => !action[field]);
}

export function deriveAction(action: Action, asOf: string): DerivedAction {
  const status = action.status ?? 'not-started';
  return {
    ...action,
    status,
    statusDisplay: STATUS_DISPLAY[status],
    partners: action.partners ?? [],
    dueBy: action.due ? dueBy(action.due) : null,
    dueLabel: formatDue(action.due),
    overdue: isOverdue(status, action.due, asOf),
    bare: missingEssentials(action).length > 0,
  };
}

export function countStatuses(actions: readonly DerivedAction[]): StatusCounts & { total: number; overdue: number } {
  const counts = Object.fromEntries(ACTION_STATUSES.map((status) => [status, 0])) as StatusCounts;
  for (const action of actions) counts[action.status]++;
  return { ...counts, total: actions.length, overdue: actions.filter((action) => action.overdue).length };
}

export function nationalArea(id: NationalAreaId): NationalArea {
  return NATIONAL_AREAS.find((area) => area.id === id)!;
}

export function derivePriorities(data: PrioritiesData, plan: PlanContext): PrioritiesDerived {
  const actions = (data.actions ?? []).map((action) => deriveAction(action, plan.asOf));
  const priorities: DerivedPriority[] = data.priorities.map((priority) => {
    const own = actions.filter((action) => action.priority === priority.id);
    return {
      id: priority.id,
      title: priority.title,
      rationale: priority.rationale,
      section: priority.section,
      areas: (priority.areas ?? []).map(nationalArea),
      actions: own,
      counts: countStatuses(own),
    };
  });
  return {
    asOf: plan.asOf,
    periodLabel: plan.plan.period.label,
    priorities,
    actions,
    counts: countStatuses(actions),
    overdue: actions.filter((action) => action.overdue),
  };
}
