/**
 * Progress on the previous plan: each action of last year's plan with the status it ended on, and whether
 * this year's plan carries it forward. Reads the previous plan's derived priorities from the plan context.
 */
import { formatDate } from '../../render/format.ts';
import type { Figure, TableModel } from '../types.ts';
import type { PlanContext, PreviousPlan } from '../plan/types.ts';
import { countStatuses } from './derive.ts';
import type { DerivedAction, PrioritiesDerived, StatusCounts } from './types.ts';

export interface PreviousAction {
  id: string;
  priority: string;
  text: string;
  dueLabel: string;
  /** The status it ended on in last year's plan, in words ("At risk (overdue)"). */
  finalStatus: string;
  complete: boolean;
  /** The same action in this year's plan (same reference, or the same words), if it was carried forward, with its status now in words. */
  carriedAs?: { id: string; status: string };
}

export interface PreviousActionsView {
  planId: string;
  periodLabel: string;
  /** The date last year's statuses were reported at. */
  asOf: string;
  actions: PreviousAction[];
  counts: StatusCounts & { total: number; overdue: number };
  /** Actions not complete in last year's plan. */
  notComplete: number;
  /** Actions carried forward into this year's plan. */
  carried: number;
}

/** As the action plan says it: words first, overdue said rather than coloured (as `statusText` in index.ts). */
function statusText(action: DerivedAction): string {
  return action.statusDisplay.label + (action.overdue ? ' (overdue)' : '');
}

/** The same in the middle of a sentence: "on track, overdue". */
function statusInWords(action: DerivedAction): string {
  return action.statusDisplay.label.toLowerCase() + (action.overdue ? ', overdue' : '');
}

/** Words compared without case, spacing or punctuation, so a reworded full stop still matches. */
function sameWords(a: string, b: string): boolean {
  const norm = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return norm(a) === norm(b);
}

function carriedForward(action: DerivedAction, current: readonly DerivedAction[]): DerivedAction | undefined {
  return current.find((candidate) => candidate.id === action.id) ?? current.find((candidate) => sameWords(candidate.text, action.text));
}

/** Last year's actions against this year's; null when there is no previous plan or it had no action plan. */
export function previousActionsView(current: PrioritiesDerived | undefined, previous: PreviousPlan | undefined): PreviousActionsView | null {
  const earlier = previous?.blocks.priorities as PrioritiesDerived | undefined;
  if (!previous || !earlier) return null;
  const now = current?.actions ?? [];
  const actions = earlier.actions.map((action): PreviousAction => {
    const carried = action.status === 'complete' ? undefined : carriedForward(action, now);
    return {
      id: action.id,
      priority: action.priority,
      text: action.text,
      dueLabel: action.dueLabel,
      finalStatus: statusText(action),
      complete: action.status === 'complete',
      ...(carried ? { carriedAs: { id: carried.id, status: statusInWords(carried) } } : {}),
    };
  });
  const counts = countStatuses(earlier.actions);
  return {
    planId: previous.id,
    periodLabel: previous.periodLabel,
    asOf: earlier.asOf,
    actions,
    counts,
    notComplete: counts.total - counts.complete,
    carried: actions.filter((action) => action.carriedAs).length,
  };
}

/** The table `{% previousActions %}` shows, also offered as a download. */
export function previousActionsTable(view: PreviousActionsView): TableModel {
  return {
    id: 'previous-actions',
    caption: `Actions in the ${view.periodLabel} plan: status at ${formatDate(view.asOf)}, and where they are now`,
    wide: true,
    rowHeader: 'id',
    columns: [
      { key: 'id', label: 'Ref', kind: 'text' },
      { key: 'action', label: 'Action', kind: 'text' },
      { key: 'due', label: 'Due', kind: 'text' },
      { key: 'status', label: `Status at ${formatDate(view.asOf)}`, kind: 'text' },
      { key: 'now', label: 'In this plan', kind: 'text' },
    ],
    rows: view.actions.map((action) => ({
      id: action.id,
      action: action.text,
      due: action.dueLabel || null,
      status: action.finalStatus,
      now: action.complete ? 'Done' : action.carriedAs ? `Carried forward as ${action.carriedAs.id}, now ${action.carriedAs.status}` : 'Not carried forward',
    })),
  };
}

/** `previousActions.total`, `.complete`, `.notComplete`, `.carried`: for prose such as "12 of 18 actions were completed". */
export function previousActionsFigures(view: PreviousActionsView | null): Record<string, Figure> {
  if (!view) return {};
  const count = (value: number): Figure => ({ kind: 'count', value });
  return {
    'previousActions.total': count(view.counts.total),
    'previousActions.complete': count(view.counts.complete),
    'previousActions.notComplete': count(view.notComplete),
    'previousActions.carried': count(view.carried),
    'previousActions.period': { kind: 'text', value: view.periodLabel },
  };
}

/** `{% previousActions %}`: nothing at all when the plan has no previous plan in the project. */
export function previousActionsContext(derived: PrioritiesDerived, _args: string[], plan: PlanContext): Record<string, unknown> {
  const view = previousActionsView(derived, plan.previous);
  return view ? { view, table: previousActionsTable(view) } : { view: null };
}
