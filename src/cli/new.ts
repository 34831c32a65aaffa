/**
 * `yjplan new <period> [--from <previous>] [--edition <id>]`: starts a plan. `planNewPlan` decides every file
 * to write (pure: it is given the previous plan's files as text); `createPlan` reads and writes the disk, and
 * never overwrites a plan that exists.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument, type Document, type YAMLMap } from 'yaml';
import { UserFacingError } from '../diagnostics.ts';
import { editionIds, loadEdition, type Edition } from '../load/edition.ts';
import { planSections } from '../derive/index.ts';
import { PROMPT_MARKER } from '../render/section.ts';
import { PLACEHOLDER_AUTHORITY, PLACEHOLDER_SERVICE } from '../audit/completeness.ts';
import { preparePlan } from '../pipeline.ts';
import { listPlanIds } from '../load/files.ts';
import type { PlanData } from '../blocks/plan/types.ts';

/** A plan id and period label: the first year and the last two digits of the year it ends in, e.g. 2026-27. */
const PERIOD = /^(\d{4})-(\d{2})$/;

/** Files copied as they are (comments and all): the parts of a plan that carry over from year to year. */
const COPIED = ['board', 'staffing', 'glossary', 'performance'] as const;

export interface PlannedFile {
  /** Project-relative path with forward slashes. */
  path: string;
  content: string;
}

export interface NewPlan {
  files: PlannedFile[];
  /** Files copied byte for byte (a logo), project-relative. */
  copies: { from: string; to: string }[];
  /** What was carried forward, one line each, for the terminal. */
  summary: string[];
}

export interface PreviousPlanFiles {
  id: string;
  /** Block id → the text of data/<id>/<block>.yaml. */
  yaml: Record<string, string>;
  plan: PlanData;
}

export interface NewPlanInput {
  period: string;
  edition: Edition;
  /** YYYY-MM-DD: the new plan's reporting date and the date of its first status entry. */
  today: string;
  from?: PreviousPlanFiles;
}

/** 2026-27 → 1 April 2026 to 31 March 2027 (the financial year); 2024-27 → a three-year plan. */
export function periodDates(label: string): { start: string; end: string } {
  const match = PERIOD.exec(label);
  if (!match) throw new UserFacingError(`"${label}" is not a plan period: write the financial year as 2026-27`);
  const first = Number(match[1]);
  let last = Math.floor(first / 100) * 100 + Number(match[2]);
  if (last <= first) last += 100;
  if (last - first > 5) throw new UserFacingError(`"${label}" would run for ${last - first} years: write the financial year as ${first}-${String((first + 1) % 100).padStart(2, '0')}`);
  return { start: `${first}-04-01`, end: `${last}-03-31` };
}

/** Comment lines keep their words, with last year's label changed to this year's. */
function relabelComments(text: string, from: string, to: string): string {
  return text
    .split('\n')
    .map((line) => (/^\s*#/.test(line) ? line.split(from).join(to) : line))
    .join('\n');
}

/** The same day and month in another year: a deadline agreed for last year moves with the plan. */
function sameDayInYear(date: string, year: string): string {
  return `${year}${date.slice(4)}`;
}

function newPlanYaml(input: NewPlanInput, dates: { start: string; end: string }): string {
  const history = `  history:\n    - status: draft\n      date: ${input.today}\n      note: Started with yjplan new\n`;
  return `# Youth Justice Plan ${input.period}: identity, period, status and settings.
# Write the council's and the service's names below, then run \`yjplan check ${input.period}\`.
authority: ${PLACEHOLDER_AUTHORITY}
service: ${PLACEHOLDER_SERVICE}
period:
  label: ${input.period}
  start: ${dates.start}
  end: ${dates.end}
edition: ${input.edition.id}
language: en-GB
version: "0.1"
# The date statuses and figures are reported at: move it on as you update them.
asOf: ${input.today}
status:
  current: draft
${history}# The YJB's deadline: 30 June in the plan's first year unless it agreed another.
submissionDeadline: ${dates.start.slice(0, 4)}-06-30
# Children aged 10 to 17 (for rates per 1,000 and per 100,000): uncomment and fill in.
# population:
#   age10to17: 21480
#   source: ONS mid-year population estimates
#   year: ${Number(dates.start.slice(0, 4)) - 1}
# Counts below this number are flagged by \`yjplan check\` as able to identify children.
disclosureThreshold: 5
`;
}

/** Last year's plan.yaml with this year's period, a fresh draft status, and `previous:` pointing back. */
function carriedPlanYaml(input: NewPlanInput, from: PreviousPlanFiles, dates: { start: string; end: string }): string {
  const doc = parseDocument(from.yaml.plan!);
  doc.setIn(['period', 'label'], input.period);
  doc.setIn(['period', 'start'], dates.start);
  doc.setIn(['period', 'end'], dates.end);
  if (input.edition.id !== from.plan.edition) doc.set('edition', input.edition.id);
  if (from.plan.title) doc.set('title', from.plan.title.split(from.plan.period.label).join(input.period));
  if (doc.has('version')) doc.set('version', '0.1');
  doc.set('asOf', input.today);
  doc.set('status', doc.createNode({ current: 'draft', history: [{ status: 'draft', date: input.today, note: `Started from the ${from.id} plan with yjplan new` }] }));
  if (from.plan.submissionDeadline) doc.set('submissionDeadline', sameDayInYear(from.plan.submissionDeadline, dates.start.slice(0, 4)));
  doc.set('previous', from.id);
  return relabelComments(String(doc), from.plan.period.label, input.period);
}

function statusOf(item: unknown): string {
  return isMap(item) ? String((item as YAMLMap).get('status') ?? 'not-started') : 'not-started';
}

/**
 * Every priority, and the actions that were not complete, each keeping its status (to be updated) with a
 * note saying where it came from. Complete actions stay in last year's plan, where progress reports them.
 */
export function carryPriorities(text: string, fromId: string, newLabel: string, oldLabel: string): { yaml: string; carried: number; left: number } {
  const doc: Document = parseDocument(text);
  const actions = doc.get('actions');
  let carried = 0;
  let left = 0;
  if (isSeq(actions)) {
    const open = actions.items.filter((item) => statusOf(item) !== 'complete');
    left = actions.items.length - open.length;
    carried = open.length;
    for (const item of open) {
      if (!isMap(item)) continue;
      const before = item.get('progress');
      const status = statusOf(item).replace(/-/g, ' ');
      item.set('progress', `Carried forward from ${fromId} (${status} at the end of that plan).${before ? ` Then: ${String(before)}` : ''}`);
    }
    actions.items = open;
    // The first action kept may have been preceded by a blank line: not at the top of the list.
    if (isMap(open[0])) open[0].spaceBefore = false;
  }
  return { yaml: relabelComments(String(doc), oldLabel, newLabel), carried, left };
}

/** Who signs: the same people, with no signature dates until they sign this year's plan. */
export function carrySignatories(text: string, newLabel: string, oldLabel: string): string {
  const doc = parseDocument(text);
  const list = doc.get('signatories');
  if (isSeq(list)) for (const person of list.items) if (isMap(person) && person.has('signed')) person.set('signed', null);
  return relabelComments(String(doc), oldLabel, newLabel);
}

/** The markdown file of a section: the prompt, marked so `check` and the pages know it is not written yet. */
export function promptFile(prompt: string): string {
  return `${PROMPT_MARKER}\n${prompt.trim()}\n`;
}

/** Every file a new plan starts with. */
export function planNewPlan(input: NewPlanInput): NewPlan {
  const dates = periodDates(input.period);
  const files: PlannedFile[] = [];
  const copies: NewPlan['copies'] = [];
  const summary: string[] = [];
  const data = (name: string) => `data/${input.period}/${name}`;
  const from = input.from;

  if (from) {
    if (!from.yaml.plan) throw new UserFacingError(`data/${from.id}/plan.yaml is missing`);
    files.push({ path: data('plan.yaml'), content: carriedPlanYaml(input, from, dates) });
    summary.push(`plan.yaml: names, population, comparators and settings from ${from.id}; period ${dates.start} to ${dates.end}; previous: ${from.id}`);
    const logo = from.plan.brand?.logo;
    if (logo) copies.push({ from: `data/${from.id}/${logo}`, to: data(logo) });
    if (from.yaml.priorities) {
      const { yaml, carried, left } = carryPriorities(from.yaml.priorities, from.id, input.period, from.plan.period.label);
      files.push({ path: data('priorities.yaml'), content: yaml });
      summary.push(`priorities.yaml: every priority, and ${carried} open action(s) with their statuses to update (${left} complete action(s) stay in ${from.id})`);
    }
    const copied = COPIED.filter((block) => from.yaml[block] !== undefined);
    for (const block of copied) files.push({ path: data(`${block}.yaml`), content: relabelComments(from.yaml[block]!, from.plan.period.label, input.period) });
    if (from.yaml.signatories) files.push({ path: data('signatories.yaml'), content: carrySignatories(from.yaml.signatories, input.period, from.plan.period.label) });
    if (copied.length) summary.push(`${copied.map((block) => `${block}.yaml`).join(', ')}: copied to update (last year's figures are this year's history)`);
    if (from.yaml.signatories) summary.push('signatories.yaml: the same people, with no signature dates');
  } else {
    files.push({ path: data('plan.yaml'), content: newPlanYaml(input, dates) });
    summary.push(`plan.yaml: period ${dates.start} to ${dates.end}, edition ${input.edition.id}; write the council's and service's names in it`);
  }

  const local = from?.plan.localSections ?? [];
  const sections = planSections(input.edition, { localSections: local } as PlanData, []);
  for (const section of sections) files.push({ path: `content/${input.period}/${section.id}.md`, content: promptFile(section.prompt || `Write the ${section.title.toLowerCase()} section here.`) });
  summary.push(`content/${input.period}/: ${sections.length} sections of ${input.edition.title}, each holding its prompt`);
  return { files, copies, summary };
}

export interface CreateOptions {
  root: string;
  period: string;
  from?: string;
  edition?: string;
  today?: string;
}

/** The thin edge: checks, reads the previous plan, writes the new one. Refuses to overwrite anything. */
export function createPlan(options: CreateOptions): NewPlan {
  const { root, period } = options;
  periodDates(period);
  for (const folder of ['data', 'content']) {
    if (existsSync(join(root, folder, period))) {
      throw new UserFacingError(`${folder}/${period}/ already exists: yjplan new never overwrites a plan. Edit that plan, or delete the folder first if you really mean to start again`);
    }
  }
  let from: PreviousPlanFiles | undefined;
  if (options.from) {
    if (options.from === period) throw new UserFacingError('a plan cannot be started from itself: --from names last year\'s plan');
    if (!existsSync(join(root, 'data', options.from, 'plan.yaml'))) {
      const known = listPlanIds(root);
      throw new UserFacingError(`there is no plan ${options.from} to start from (looked for data/${options.from}/plan.yaml)${known.length ? `; the plans are ${known.join(', ')}` : ''}`);
    }
    // Only a plan that checks without errors is carried forward: its mistakes would become this year's.
    const prepared = preparePlan(root, options.from);
    const errors = prepared.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors || !prepared.derived) throw new UserFacingError(`the ${options.from} plan has ${errors} error(s): run \`yjplan check ${options.from}\`, fix them, then start the new plan`);
    const dir = join(root, 'data', options.from);
    const yaml: Record<string, string> = {};
    for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) yaml[name.replace(/\.ya?ml$/, '')] = readFileSync(join(dir, name), 'utf8');
    from = { id: options.from, yaml, plan: prepared.derived.context.plan };
  }
  const editionId = options.edition ?? from?.plan.edition ?? editionIds().at(-1)!;
  const edition = loadEdition(editionId);
  if (!edition) throw new UserFacingError(`there is no guidance edition "${editionId}"; the editions are ${editionIds().join(', ')}`);
  const planned = planNewPlan({ period, edition, today: options.today ?? new Date().toISOString().slice(0, 10), ...(from ? { from } : {}) });
  for (const file of planned.files) {
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    // `wx`: fail rather than overwrite, even if something appeared since the check above.
    writeFileSync(path, file.content, { flag: 'wx' });
  }
  for (const copy of planned.copies) if (existsSync(join(root, copy.from))) copyFileSync(join(root, copy.from), join(root, copy.to));
  mkdirSync(join(root, 'content', period), { recursive: true });
  return planned;
}
