/**
 * Completeness against the plan's guidance edition: what the board would find missing. Pure functions of the
 * loaded and derived plan (and of today's date, passed in), so every rule can be tested on its own.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { DerivedPlan, Section } from '../derive/index.ts';
import type { Edition } from '../load/edition.ts';
import { PROMPT_MARKER } from '../render/section.ts';
import { parseBlockEntry, parseShortcodes } from '../render/shortcodes.ts';
import { formatDate } from '../render/format.ts';
import { PLAN_STATUSES, type PlanContext, type PlanData } from '../blocks/plan/types.ts';
import type { PrioritiesDerived } from '../blocks/priorities/types.ts';
import type { DerivedPerformance } from '../blocks/performance/types.ts';
import type { SignatoriesDerived } from '../blocks/signatories/types.ts';
import type { BoardDerived } from '../blocks/board/types.ts';

/** What `yjplan new` writes into plan.yaml when there is no earlier plan to copy the names from. */
export const PLACEHOLDER_AUTHORITY = 'Name of the local authority';
export const PLACEHOLDER_SERVICE = 'Name of the youth justice service';

export type ItemGroup = 'plan' | 'sections' | 'blocks' | 'approval' | 'annual-update';

export interface ChecklistItem {
  group: ItemGroup;
  /** Stable id, e.g. `section:introduction`, `block:budget`, `deadline`. */
  id: string;
  label: string;
  /** complete; incomplete (a warning); upcoming (nothing wrong yet, e.g. a deadline still ahead). */
  state: 'complete' | 'incomplete' | 'upcoming';
  /** Why it is not complete, or what is still to come, in words. */
  detail?: string;
  /** The file to open, project-relative. */
  file?: string;
  hint?: string;
  code?: string;
}

export interface Completeness {
  planId: string;
  edition: { id: string; title: string };
  items: ChecklistItem[];
  sections: { complete: number; total: number };
  /** e.g. `23 of 26 sections complete`. */
  summary: string;
}

// ——— Sections ———

export type SectionState = 'complete' | 'missing' | 'empty' | 'prompt' | 'marked';

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Where a section stands: no file; a file with nothing in it (or headings only); the prompt `yjplan new`
 * wrote, untouched; written but still carrying the prompt marker (the page still says "Not written yet");
 * or complete.
 */
export function sectionState(markdown: string | undefined, prompt: string): SectionState {
  if (markdown === undefined) return 'missing';
  const marked = markdown.includes(PROMPT_MARKER);
  const text = markdown.split(PROMPT_MARKER).join('');
  const substance = normalise(text.split('\n').filter((line) => !/^\s{0,3}#{1,6}(\s|$)/.test(line)).join('\n'));
  if (marked) {
    const rest = normalise(text).replace(normalise(prompt), '').trim();
    return rest === '' ? 'prompt' : 'marked';
  }
  return substance === '' ? 'empty' : 'complete';
}

const SECTION_DETAIL: Record<Exclude<SectionState, 'complete'>, { detail: string; hint: (file: string) => string; code: string }> = {
  missing: { detail: 'no file', hint: (file) => `write the section in ${file}`, code: 'completeness.section-missing' },
  empty: { detail: 'the file is empty', hint: () => 'write the section, or take it out of the plan if the edition does not require it', code: 'completeness.section-empty' },
  prompt: { detail: 'still the prompt', hint: () => `replace the prompt with the section, and delete the line ${PROMPT_MARKER}`, code: 'completeness.section-prompt' },
  marked: { detail: 'written, but still marked as a prompt, so the page says "Not written yet"', hint: () => `delete the line ${PROMPT_MARKER} at the top`, code: 'completeness.section-marked' },
};

/** Required sections, and optional ones the plan has a file for. */
export function sectionItems(planId: string, sections: readonly Section[]): ChecklistItem[] {
  return sections
    .filter((section) => section.required || section.markdown)
    .map((section) => {
      const file = section.markdown?.file ?? `content/${planId}/${section.id}.md`;
      const state = sectionState(section.markdown?.text, section.prompt);
      const base = { group: 'sections' as const, id: `section:${section.id}`, label: section.title, file };
      if (state === 'complete') return { ...base, state: 'complete' as const };
      const { detail, hint, code } = SECTION_DETAIL[state];
      return { ...base, state: 'incomplete' as const, detail, hint: hint(file), code };
    });
}

// ——— Required blocks ———

/** The shortcodes an edition places anywhere, by name, with their arguments. */
export function editionCalls(edition: Edition): { name: string; args: string[] }[] {
  return edition.sections.flatMap((section) => (section.blocks ?? []).map(parseBlockEntry));
}

/**
 * The blocks a board expects in every plan, each checked when the edition asks for it: the budget table, the
 * national indicators, the action plan, board membership and the sign-off.
 */
export function blockItems(planId: string, edition: Edition, blocks: Record<string, unknown>): ChecklistItem[] {
  const calls = editionCalls(edition);
  const asks = (name: string) => calls.some((call) => call.name === name);
  const items: ChecklistItem[] = [];
  const item = (id: string, label: string, file: string, problem: string | undefined, hint: string): ChecklistItem =>
    problem === undefined
      ? { group: 'blocks', id: `block:${id}`, label, state: 'complete', file: `data/${planId}/${file}` }
      : { group: 'blocks', id: `block:${id}`, label, state: 'incomplete', detail: problem, file: `data/${planId}/${file}`, hint, code: 'completeness.block-missing' };
  const missing = (file: string) => `there is no data/${planId}/${file}`;

  if (asks('budgetTable')) {
    items.push(item('budget', 'Budget table (partner contributions)', 'budget.yaml', 'budget' in blocks ? undefined : missing('budget.yaml'), 'add budget.yaml with the partner contributions; see src/blocks/budget/README.md'));
  }
  const indicatorIds = [...new Set(calls.filter((call) => call.name === 'indicator' && call.args[0]).map((call) => call.args[0]!))];
  if (indicatorIds.length) {
    const performance = blocks.performance as DerivedPerformance | undefined;
    const without = indicatorIds.filter((id) => {
      const latest = performance?.indicators.find((indicator) => indicator.id === id)?.latest;
      return !latest || (latest.value === null && !latest.suppressed);
    });
    const problem = !performance ? missing('performance.yaml') : without.length ? `no figures for ${without.join(', ')}` : undefined;
    items.push(item('national-indicators', 'National indicators', 'performance.yaml', problem, `add each national indicator (${indicatorIds.join(', ')}) with its latest period; see src/blocks/performance/README.md`));
  }
  if (asks('actionPlan')) {
    const priorities = blocks.priorities as PrioritiesDerived | undefined;
    const problem = !priorities ? missing('priorities.yaml') : priorities.actions.length === 0 ? 'priorities.yaml has no actions' : undefined;
    items.push(item('action-plan', 'Action plan', 'priorities.yaml', problem, 'add the actions that deliver each priority, each with a lead, a due date and a success measure'));
  }
  if (asks('board')) {
    const board = blocks.board as BoardDerived | undefined;
    const problem = !board ? missing('board.yaml') : board.members.length === 0 ? 'board.yaml lists no members' : undefined;
    items.push(item('board', 'Board membership', 'board.yaml', problem, 'list the management board members with their organisations and attendance'));
  }
  if (asks('signatories')) {
    const signatories = blocks.signatories as SignatoriesDerived | undefined;
    const problem = !signatories ? missing('signatories.yaml') : signatories.count === 0 ? 'signatories.yaml lists nobody' : undefined;
    items.push(item('sign-off', 'Sign-off (who signs the plan)', 'signatories.yaml', problem, 'list the board chair and the head of service, with `signed:` left empty until they sign'));
  }
  return items;
}

// ——— Approval and submission ———

/** The YJB's deadline: as set in plan.yaml, else 30 June in the plan's first year. */
export function submissionDeadline(plan: PlanData): string {
  return plan.submissionDeadline ?? `${plan.period.start.slice(0, 4)}-06-30`;
}

export function isSubmitted(plan: PlanData): boolean {
  return PLAN_STATUSES.indexOf(plan.status.current) >= PLAN_STATUSES.indexOf('submitted');
}

/**
 * Signatures once the status says approved, and the submission deadline. The deadline is judged against
 * today while the plan's year is still running; a past year's plan is history and is not nagged about.
 */
export function approvalItems(planId: string, context: PlanContext, blocks: Record<string, unknown>, today: string): ChecklistItem[] {
  const plan = context.plan;
  const items: ChecklistItem[] = [];
  const signatories = blocks.signatories as SignatoriesDerived | undefined;
  if (context.approved && signatories) {
    const unsigned = signatories.signatories.filter((person) => !person.signedOn).map((person) => person.name);
    items.push(
      unsigned.length
        ? {
            group: 'approval',
            id: 'signatures',
            label: 'Signatures dated',
            state: 'incomplete',
            detail: `the status is ${plan.status.current}, but ${joinWords(unsigned)} ${unsigned.length === 1 ? 'has' : 'have'} no signature date`,
            file: `data/${planId}/signatories.yaml`,
            hint: 'write the date each person signed under `signed:`, or set the status back to draft',
            code: 'completeness.unsigned',
          }
        : { group: 'approval', id: 'signatures', label: 'Signatures dated', state: 'complete', file: `data/${planId}/signatories.yaml` },
    );
  }
  const deadline = submissionDeadline(plan);
  const label = `Submitted to the YJB by ${formatDate(deadline)}`;
  const base = { group: 'approval' as const, id: 'deadline', label, file: `data/${planId}/plan.yaml` };
  if (isSubmitted(plan)) items.push({ ...base, state: 'complete' });
  else if (today > plan.period.end) items.push({ ...base, state: 'upcoming', detail: `the plan's year ended on ${formatDate(plan.period.end)}; its status is ${plan.status.current}` });
  else if (today > deadline) {
    items.push({
      ...base,
      state: 'incomplete',
      detail: `the deadline passed on ${formatDate(deadline)} and the status is still ${plan.status.current}`,
      hint: 'once it is submitted, set status.current to submitted (with the date in status.history); a different agreed deadline goes in submissionDeadline',
      code: 'completeness.deadline',
    });
  } else items.push({ ...base, state: 'upcoming', detail: `due in ${daysBetween(today, deadline)} day(s)` });
  return items;
}

// ——— Annual update of a multi-year plan ———

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

/** A period longer than a year and a month: a plan over several years. */
export function isMultiYear(period: { start: string; end: string }): boolean {
  return daysBetween(period.start, period.end) > 400;
}

/**
 * An annual update: a one-year plan that refreshes the multi-year plan before it (its period falls within
 * that plan's), or a multi-year plan past its first year.
 */
export function isAnnualUpdate(plan: PlanData, previous: PlanData | undefined, today: string): boolean {
  if (previous && isMultiYear(previous.period) && plan.period.start >= previous.period.start && plan.period.end <= previous.period.end) return true;
  if (!isMultiYear(plan.period)) return false;
  const firstYearEnds = `${Number(plan.period.start.slice(0, 4)) + 1}${plan.period.start.slice(4)}`;
  return (plan.asOf ?? today) >= firstYearEnds;
}

const LEGISLATION = /\blegislat|\b[A-Z][a-z]+(?: [A-Z][a-z]+)* Act(?: \d{4})?\b|\bstatutory guidance\b|\b(?:changes?|new) (?:to |in )?(?:the )?law\b/;

/** What the guidance asks an annual update to cover: progress on priorities, performance, demographics, legislation. */
export function annualUpdateItems(planId: string, derived: DerivedPlan, markdown: readonly { text: string }[]): ChecklistItem[] {
  const previous = derived.context.previous;
  const previousPlan = (previous?.blocks.plan as PlanContext | undefined)?.plan;
  const items: ChecklistItem[] = [];
  const add = (id: string, label: string, problem: string | undefined, hint: string, file?: string) =>
    items.push({ group: 'annual-update', id: `annual:${id}`, label, ...(file ? { file } : {}), ...(problem === undefined ? { state: 'complete' as const } : { state: 'incomplete' as const, detail: problem, hint, code: 'completeness.annual-update' }) });

  const earlierActions = previous?.blocks.priorities as PrioritiesDerived | undefined;
  add('progress', 'Progress against last year\'s priorities', !previous ? 'no previous plan to report on' : !earlierActions ? `the ${previous.periodLabel} plan has no action plan` : undefined, 'name last year\'s plan in plan.yaml (`previous:`) so its actions and their final status are listed', `data/${planId}/plan.yaml`);

  const performance = derived.blocks.performance as DerivedPerformance | undefined;
  const earlierPerformance = previous?.blocks.performance as DerivedPerformance | undefined;
  const indicatorIds = [...new Set(editionCalls(derived.edition).filter((call) => call.name === 'indicator' && call.args[0]).map((call) => call.args[0]!))];
  const stale = indicatorIds.filter((id) => {
    const latest = performance?.indicators.find((indicator) => indicator.id === id)?.latest;
    if (!latest) return true;
    const before = earlierPerformance?.indicators.find((indicator) => indicator.id === id);
    return before ? before.periods.some((period) => period.label === latest.label && !period.fromPlan) : false;
  });
  add('performance', 'Performance summary brought up to date', stale.length ? `no newer figures than last year's plan for ${stale.join(', ')}` : undefined, 'add the latest period to each national indicator in performance.yaml', `data/${planId}/performance.yaml`);

  const year = derived.context.plan.population?.year;
  const earlierYear = previousPlan?.population?.year;
  add('demographics', 'Changes in demographics', year === undefined ? 'plan.yaml gives no population' : earlierYear !== undefined && year <= earlierYear ? `the population is still the ${year} estimate used last year` : undefined, 'update population in plan.yaml to the latest ONS estimate, and describe what changed in the local context section', `data/${planId}/plan.yaml`);

  const mentionsLaw = markdown.some((file) => LEGISLATION.test(file.text.split(PROMPT_MARKER).join('')));
  add('legislation', 'Changes in legislation', mentionsLaw ? undefined : 'no section mentions legislation', 'say which changes in legislation affect the service this year, or that none do (for example in the introduction)');
  return items;
}

// ——— The whole checklist ———

export function assessCompleteness(loaded: LoadedPlan, derived: DerivedPlan, today: string): Completeness {
  const id = derived.id;
  const plan = derived.context.plan;
  const items: ChecklistItem[] = [];
  if (plan.authority === PLACEHOLDER_AUTHORITY || plan.service === PLACEHOLDER_SERVICE) {
    items.push({ group: 'plan', id: 'plan:names', label: 'Council and service named', state: 'incomplete', detail: 'plan.yaml still holds the placeholder names', file: `data/${id}/plan.yaml`, hint: 'write the local authority and the youth justice service as they should appear on the plan', code: 'completeness.placeholder' });
  }
  if (plan.previous) {
    items.push(
      derived.previousProblem
        ? { group: 'plan', id: 'plan:previous', label: `Previous plan (${plan.previous})`, state: 'incomplete', detail: derived.previousProblem, file: `data/${id}/plan.yaml`, hint: 'correct `previous:`, or remove it if last year\'s plan is not kept in this project', code: 'completeness.previous' }
        : { group: 'plan', id: 'plan:previous', label: `Previous plan (${plan.previous})`, state: 'complete', file: `data/${id}/plan.yaml` },
    );
  }
  const sections = sectionItems(id, derived.sections);
  items.push(...sections, ...blockItems(id, derived.edition, derived.blocks), ...approvalItems(id, derived.context, derived.blocks, today));
  const previousPlan = (derived.context.previous?.blocks.plan as PlanContext | undefined)?.plan;
  if (isAnnualUpdate(plan, previousPlan, today)) items.push(...annualUpdateItems(id, derived, loaded.markdown));
  const complete = sections.filter((item) => item.state === 'complete').length;
  return {
    planId: id,
    edition: { id: derived.edition.id, title: derived.edition.title },
    items,
    sections: { complete, total: sections.length },
    summary: `${complete} of ${sections.length} sections complete`,
  };
}

/** Each incomplete item as a warning, so `--strict` can hold back a plan that is not finished. */
export function completenessDiagnostics(completeness: Completeness): Diagnostic[] {
  return completeness.items
    .filter((item) => item.state === 'incomplete')
    .map((item) => ({
      severity: 'warning' as const,
      file: item.file ?? `data/${completeness.planId}/plan.yaml`,
      line: 0,
      col: 0,
      code: item.code ?? 'completeness.incomplete',
      message: `${item.label}: ${item.detail ?? 'not complete'}`,
      ...(item.hint ? { hint: item.hint } : {}),
    }));
}

const GROUP_TITLES: Record<ItemGroup, string> = {
  plan: 'Plan details',
  sections: 'Sections',
  blocks: 'Required blocks',
  approval: 'Approval and submission',
  'annual-update': 'Annual update of a multi-year plan',
};

/** The checklist as `check` prints it: a count per group, each item ticked or crossed; complete sections are counted, not listed. */
export function formatChecklist(completeness: Completeness): string[] {
  const lines = [`${completeness.planId} against ${completeness.edition.title}: ${completeness.summary}`];
  const mark = (item: ChecklistItem) => (item.state === 'complete' ? '✓' : item.state === 'upcoming' ? '·' : '✗');
  for (const group of Object.keys(GROUP_TITLES) as ItemGroup[]) {
    const items = completeness.items.filter((item) => item.group === group);
    if (!items.length) continue;
    const done = items.filter((item) => item.state !== 'incomplete').length;
    lines.push(`  ${done === items.length ? '✓' : '✗'} ${GROUP_TITLES[group]}: ${group === 'sections' ? completeness.summary : `${done} of ${items.length} complete`}`);
    for (const item of items) {
      if (group === 'sections' && item.state === 'complete') continue;
      const where = item.file && item.state === 'incomplete' ? `  (${item.file})` : '';
      lines.push(`      ${mark(item)} ${item.label}${item.detail ? ` — ${item.detail}` : ''}${where}`);
    }
  }
  return lines;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
