import schema from './schema.json' with { type: 'json' };
import { formatDate } from '../../render/format.ts';
import type { BlockDefinition, Figure, TableModel } from '../types.ts';
import type { PlanContext } from '../plan/types.ts';
import { auditPriorities } from './audit.ts';
import { derivePriorities, STATUS_DISPLAY } from './derive.ts';
import { previousActionsContext, previousActionsFigures, previousActionsTable, previousActionsView } from './previous.ts';
import { ACTION_STATUSES, type DerivedAction, type PrioritiesData, type PrioritiesDerived } from './types.ts';

export function prioritiesFigures(derived: PrioritiesDerived, plan?: PlanContext): Record<string, Figure> {
  const count = (value: number): Figure => ({ kind: 'count', value });
  const { counts } = derived;
  return {
    'priorities.count': count(derived.priorities.length),
    'actions.total': count(counts.total),
    'actions.complete': count(counts.complete),
    'actions.onTrack': count(counts['on-track']),
    'actions.atRisk': count(counts['at-risk']),
    'actions.offTrack': count(counts['off-track']),
    'actions.notStarted': count(counts['not-started']),
    'actions.overdue': count(counts.overdue),
    ...previousActionsFigures(previousActionsView(derived, plan?.previous)),
  };
}

/** Status in words for tables and downloads; overdue is said, not coloured. */
export function statusText(action: DerivedAction): string {
  return action.statusDisplay.label + (action.overdue ? ' (overdue)' : '');
}

/** A month-only due date stays a month in words, so the table never claims a day the author did not give. */
function dueCell(action: DerivedAction): string | null {
  if (!action.due) return null;
  return /^\d{4}-\d{2}$/.test(action.due) ? action.dueLabel : action.due;
}

export function prioritiesTables(derived: PrioritiesDerived, plan?: PlanContext): TableModel[] {
  const previous = previousActionsView(derived, plan?.previous);
  return [
    ...(previous ? [previousActionsTable(previous)] : []),
    {
      id: 'action-plan',
      caption: `Action plan ${derived.periodLabel}: status at ${formatDate(derived.asOf)}`,
      wide: true,
      rowHeader: 'id',
      columns: [
        { key: 'id', label: 'Ref', kind: 'text' },
        { key: 'action', label: 'Action', kind: 'text' },
        { key: 'lead', label: 'Lead', kind: 'text' },
        { key: 'due', label: 'Due', kind: 'date' },
        { key: 'status', label: 'Status', kind: 'text' },
        { key: 'measure', label: 'Success measure', kind: 'text' },
      ],
      rows: derived.actions.map((action) => ({
        id: action.id,
        action: action.text,
        lead: action.lead ?? null,
        due: dueCell(action),
        status: statusText(action),
        measure: action.measure ?? null,
      })),
    },
    {
      id: 'priorities',
      caption: `Priorities ${derived.periodLabel}`,
      rowHeader: 'id',
      columns: [
        { key: 'id', label: 'Ref', kind: 'text' },
        { key: 'title', label: 'Priority', kind: 'text' },
        { key: 'areas', label: 'National priority areas', kind: 'text' },
        { key: 'actions', label: 'Actions', kind: 'count' },
        { key: 'complete', label: 'Complete', kind: 'count' },
        { key: 'overdue', label: 'Overdue', kind: 'count' },
      ],
      rows: derived.priorities.map((priority) => ({
        id: priority.id,
        title: priority.title,
        areas: priority.areas.map((area) => area.title).join('; ') || null,
        actions: priority.counts.total,
        complete: priority.counts.complete,
        overdue: priority.counts.overdue,
      })),
    },
  ];
}

/** `{% actionPlan %}` shows every priority; `{% actionPlan "P2" %}` one of them. */
export function actionPlanContext(derived: PrioritiesDerived, args: string[], _plan: PlanContext): Record<string, unknown> {
  const [only] = args;
  const statuses = ACTION_STATUSES.map((status) => STATUS_DISPLAY[status]);
  if (only === undefined) return { priorities: derived.priorities, asOf: derived.asOf, counts: derived.counts, statuses, single: false };
  const priority = derived.priorities.find((p) => p.id === only);
  if (!priority) throw new Error(`there is no priority "${only}" in priorities.yaml; the priorities are ${derived.priorities.map((p) => p.id).join(', ')}`);
  return { priorities: [priority], asOf: derived.asOf, counts: priority.counts, statuses, single: true };
}

export const prioritiesBlock: BlockDefinition<PrioritiesData, PrioritiesDerived> = {
  id: 'priorities',
  title: 'Priorities and action plan',
  schema,
  derive: derivePriorities,
  audit: auditPriorities,
  figures: prioritiesFigures,
  tables: prioritiesTables,
  shortcodes: {
    priorities: { template: 'priorities/priorities.njk', context: (derived) => ({ priorities: derived.priorities }) },
    actionPlan: { template: 'priorities/action-plan.njk', context: actionPlanContext },
    previousActions: { template: 'priorities/previous-actions.njk', context: previousActionsContext },
  },
};
