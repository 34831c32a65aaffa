import type { PlanContext } from '../plan/types.ts';
import type { Finding } from '../types.ts';
import { closest, editDistance } from '../../validate/suggest.ts';
import { dueBy, dueFrom, formatDue, missingEssentials } from './derive.ts';
import type { PrioritiesData, PrioritiesDerived } from './types.ts';

/** Due dates this many years past the period's end are typing slips (Coventry's "May 2106"), not plans. */
const IMPLAUSIBLE_YEARS = 3;

/** Checks on priorities.yaml that a schema cannot express: unique ids, links between actions and priorities, dates. */
export function auditPriorities(data: PrioritiesData, _derived: PrioritiesDerived, plan: PlanContext): Finding[] {
  const actions = data.actions ?? [];
  return [
    ...duplicateIds(data.priorities.map((p) => p.id), 'priorities', 'priority'),
    ...duplicateIds(actions.map((a) => a.id), 'actions', 'action'),
    ...danglingPriorities(data),
    ...actions.flatMap((action, index) => auditDue(action.due, index, plan)),
    ...bareActions(data),
    ...prioritiesWithoutActions(data),
  ];
}

/** Every repeat of an id after its first use is an error at the repeat (BathNES lettered three actions "d"). */
export function duplicateIds(ids: readonly string[], list: string, noun: string): Finding[] {
  const findings: Finding[] = [];
  ids.forEach((id, index) => {
    const first = ids.indexOf(id);
    if (first === index) return;
    findings.push({
      severity: 'error',
      pointer: `/${list}/${index}/id`,
      code: `audit.duplicate-${noun}-id`,
      message: `the ${noun} id "${id}" is used more than once (${list} ${first + 1} and ${index + 1})`,
      hint: `give each ${noun} its own id, e.g. continue the sequence after the last one`,
    });
  });
  return findings;
}

function danglingPriorities(data: PrioritiesData): Finding[] {
  const ids = data.priorities.map((p) => p.id);
  return (data.actions ?? []).flatMap((action, index): Finding[] => {
    if (ids.includes(action.priority)) return [];
    const suggestion = closest(action.priority, ids);
    return [
      {
        severity: 'error',
        pointer: `/actions/${index}/priority`,
        code: 'audit.unknown-priority',
        message: `action "${action.id}" belongs to priority "${action.priority}", but there is no such priority`,
        hint: suggestion ? `did you mean "${suggestion}"?` : `the priorities are ${ids.join(', ')}`,
      },
    ];
  });
}

/** Whether a date is a real day of the calendar (the schema's pattern lets 2025-02-30 through). */
export function isRealDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return /^\d{4}-(0[1-9]|1[0-2])$/.test(iso);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.getUTCMonth() === Number(match[2]) - 1 && date.getUTCDate() === Number(match[3]);
}

/**
 * Years a mistyped year probably meant: the closest by edit distance (a swapped or changed digit) among
 * the years a plan could sensibly name, from the year before the period to three years after it.
 */
export function likelyYears(year: number, startYear: number, endYear: number): number[] {
  const candidates: { year: number; distance: number }[] = [];
  for (let candidate = startYear - 1; candidate <= endYear + IMPLAUSIBLE_YEARS; candidate++) {
    candidates.push({ year: candidate, distance: transpositionDistance(String(year), String(candidate)) });
  }
  const best = Math.min(...candidates.map((c) => c.distance));
  // More than two slips apart is not a typing error worth guessing at.
  return best > 2 ? [] : candidates.filter((c) => c.distance === best).map((c) => c.year);
}

/** Edit distance that counts swapping two neighbouring digits (2106 for 2016) as one slip. */
function transpositionDistance(a: string, b: string): number {
  if (a.length === b.length) {
    for (let i = 0; i + 1 < a.length; i++) {
      const swapped = a.slice(0, i) + a[i + 1] + a[i] + a.slice(i + 2);
      if (swapped === b && a !== b) return 1;
    }
  }
  return editDistance(a, b);
}

export function auditDue(due: string | undefined, index: number, plan: PlanContext): Finding[] {
  if (!due) return [];
  const pointer = `/actions/${index}/due`;
  if (!isRealDate(due)) {
    return [{ severity: 'error', pointer, code: 'audit.due-date', message: `the due date ${due} is not a day of the calendar`, hint: 'check the day and month, e.g. 2026-02-28' }];
  }
  const { start, end } = plan.plan.period;
  const year = Number(due.slice(0, 4));
  const startYear = Number(start.slice(0, 4));
  const endYear = Number(end.slice(0, 4));
  if (year > endYear + IMPLAUSIBLE_YEARS || year < startYear - IMPLAUSIBLE_YEARS) {
    const guesses = likelyYears(year, startYear, endYear);
    return [
      {
        severity: 'warning',
        pointer,
        code: 'audit.due-implausible',
        message: `the due date ${formatDue(due)} is implausibly far from the plan period (${formatDue(start)} to ${formatDue(end)})`,
        hint: guesses.length ? `did you mean ${guesses.join(' or ')}?` : `check the year; the plan runs from ${startYear} to ${endYear}`,
      },
    ];
  }
  if (dueBy(due) < start || dueFrom(due) > end) {
    return [
      {
        severity: 'warning',
        pointer,
        code: 'audit.due-outside-period',
        message: `the due date ${formatDue(due)} falls outside the plan period (${formatDue(start)} to ${formatDue(end)})`,
        hint: dueFrom(due) > end ? 'bring it within the period, or say in the action text that it runs into next year\'s plan' : 'an action due before the period starts belongs in last year\'s plan or its progress report',
      },
    ];
  }
  return [];
}

/** Actions without a lead, a due date or a success measure (Wolverhampton listed its priorities as bare text). */
function bareActions(data: PrioritiesData): Finding[] {
  return (data.actions ?? []).flatMap((action, index): Finding[] => {
    const missing = missingEssentials(action);
    if (missing.length === 0) return [];
    const names = missing.map((field) => ({ lead: 'lead', due: 'due date', measure: 'success measure' })[field]);
    return [
      {
        severity: 'warning',
        pointer: `/actions/${index}`,
        code: 'audit.action-incomplete',
        message: `action "${action.id}" has no ${joinWords(names, 'or')}`,
        hint: `the YJB template expects each action to have a lead, a due date and a success measure: add ${missing.map((f) => `\`${f}:\``).join(', ')}`,
      },
    ];
  });
}

/** A priority nothing delivers is a wish; the template expects actions for each. */
function prioritiesWithoutActions(data: PrioritiesData): Finding[] {
  const served = new Set((data.actions ?? []).map((action) => action.priority));
  return data.priorities.flatMap((priority, index): Finding[] =>
    served.has(priority.id)
      ? []
      : [
          {
            severity: 'warning',
            pointer: `/priorities/${index}`,
            code: 'audit.priority-without-actions',
            message: `priority "${priority.id}" has no actions`,
            hint: `add actions with \`priority: ${priority.id}\`, each with a lead, a due date and a success measure`,
          },
        ],
  );
}

function joinWords(words: readonly string[], conjunction: string): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
