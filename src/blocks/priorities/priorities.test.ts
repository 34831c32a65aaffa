import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import schema from './schema.json' with { type: 'json' };
import { planContext } from '../plan/derive.ts';
import type { PlanContext, PlanData } from '../plan/types.ts';
import { YamlSource } from '../../load/source.ts';
import { validateAgainstSchema } from '../../validate/schema.ts';
import { packageRoot, createNunjucks } from '../../render/nunjucks.ts';
import { derivePriorities, dueBy, formatDue } from './derive.ts';
import { auditPriorities, likelyYears } from './audit.ts';
import { actionPlanContext, prioritiesBlock, prioritiesFigures, prioritiesTables } from './index.ts';
import { ACTION_STATUSES, NATIONAL_AREAS, type Action, type PrioritiesData } from './types.ts';

function context(start: string, end: string, asOf: string, label: string): PlanContext {
  const plan: PlanData = {
    authority: 'Kelbridge Borough Council',
    service: 'Kelbridge Youth Justice Service',
    period: { label, start, end },
    edition: 'yjb-2023',
    asOf,
    status: { current: 'draft' },
  };
  return planContext(label, plan);
}

const kelbridge = context('2025-04-01', '2026-03-31', '2025-06-13', '2025-26');
const bathnes = context('2021-04-01', '2022-03-31', '2021-06-30', '2021-22');
const coventry = context('2016-04-01', '2017-03-31', '2016-07-31', '2016-17');

const full = (id: string, priority: string, extra: Partial<Action> = {}): Action => ({
  id,
  priority,
  text: `Action ${id}`,
  lead: 'Head of Service',
  due: '2025-09-30',
  measure: 'Done and reported to the board',
  status: 'on-track',
  ...extra,
});

function check(data: PrioritiesData, plan = kelbridge) {
  return auditPriorities(data, derivePriorities(data, plan), plan);
}

function validate(text: string) {
  return validateAgainstSchema(new YamlSource('data/test/priorities.yaml', text), load(text), schema);
}

describe('priorities: schema', () => {
  it('keeps the statuses and national areas in types.ts in step with schema.json', () => {
    const props = schema.properties;
    expect(props.actions.items.properties.status.enum).toEqual([...ACTION_STATUSES]);
    expect(props.priorities.items.properties.areas.items.enum).toEqual(NATIONAL_AREAS.map((a) => a.id));
  });

  it('refuses a due date written in words (Coventry: "May 2106"), at its line', () => {
    const text = ['priorities:', '  - id: "31"', '    title: Monitor the careers guidance provider', 'actions:', '  - id: "31.1"', '    priority: "31"', '    text: Monitor ways of working with the new careers provider', '    due: May 2106', ''].join('\n');
    const diagnostics = validate(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 8, code: 'schema.pattern' });
    expect(diagnostics[0]!.message).toContain('"May 2106"');
  });

  it('accepts a month as the due date, and a bare-text action', () => {
    const text = ['priorities:', '  - id: "1"', '    title: Prevention and diversion', 'actions:', '  - id: 1a', '    priority: "1"', '    text: Complete work on the out-of-court disposal panel', '    due: 2021-06', ''].join('\n');
    expect(validate(text)).toEqual([]);
  });

  it('refuses an unknown status and suggests the nearest', () => {
    const text = ['priorities:', '  - id: P1', '    title: Education', 'actions:', '  - id: P1.1', '    priority: P1', '    text: Screen every child', '    status: on track', ''].join('\n');
    const [diagnostic] = validate(text);
    expect(diagnostic).toMatchObject({ code: 'schema.enum', line: 8 });
    expect(diagnostic!.hint).toContain('on-track');
  });
});

describe('priorities: derive', () => {
  const data: PrioritiesData = {
    priorities: [
      { id: 'P1', title: 'Education', areas: ['education', 'over-represented-groups'] },
      { id: 'P2', title: 'Diversion' },
    ],
    actions: [
      full('P1.1', 'P1', { due: '2025-05-31', status: 'at-risk' }),
      full('P1.2', 'P1', { due: '2025-05-31', status: 'complete' }),
      full('P1.3', 'P1', { due: '2025-06', status: 'not-started' }),
      full('P2.1', 'P2', { status: 'off-track' }),
      { id: 'P2.2', priority: 'P2', text: 'Bare text' },
    ],
  };
  const derived = derivePriorities(data, kelbridge);

  it('groups actions by priority, in the order written', () => {
    expect(derived.priorities.map((p) => p.actions.map((a) => a.id))).toEqual([['P1.1', 'P1.2', 'P1.3'], ['P2.1', 'P2.2']]);
    expect(derived.priorities[0]!.areas.map((a) => a.title)).toEqual(['Education', 'Children from groups which are over-represented']);
  });

  it('counts statuses, an unstated status counting as not started', () => {
    expect(derived.counts).toEqual({ 'not-started': 2, 'on-track': 0, 'at-risk': 1, 'off-track': 1, complete: 1, total: 5, overdue: 1 });
    expect(derived.priorities[1]!.counts.total).toBe(2);
  });

  it('marks overdue only what is unfinished and due before asOf; a month is due by its last day', () => {
    expect(derived.overdue.map((a) => a.id)).toEqual(['P1.1']);
    expect(derived.actions.find((a) => a.id === 'P1.3')!.overdue).toBe(false);
    const later = derivePriorities(data, context('2025-04-01', '2026-03-31', '2025-07-01', '2025-26'));
    expect(later.overdue.map((a) => a.id)).toEqual(['P1.1', 'P1.3']);
  });

  it('derives the RAG rating from the status, in words', () => {
    const rag = Object.fromEntries(derived.actions.map((a) => [a.id, `${a.statusDisplay.label}/${a.statusDisplay.rag}`]));
    expect(rag).toEqual({ 'P1.1': 'At risk/Amber', 'P1.2': 'Complete/Blue', 'P1.3': 'Not started/Grey', 'P2.1': 'Off track/Red', 'P2.2': 'Not started/Grey' });
  });

  it('formats due dates and finds the last day of a month', () => {
    expect(formatDue('2025-09-30')).toBe('30 September 2025');
    expect(formatDue('2025-09')).toBe('September 2025');
    expect(dueBy('2026-02')).toBe('2026-02-28');
    expect(dueBy('2028-02')).toBe('2028-02-29');
  });

  it('gives the figures', () => {
    expect(prioritiesFigures(derived)).toEqual({
      'priorities.count': { kind: 'count', value: 2 },
      'actions.total': { kind: 'count', value: 5 },
      'actions.complete': { kind: 'count', value: 1 },
      'actions.onTrack': { kind: 'count', value: 0 },
      'actions.atRisk': { kind: 'count', value: 1 },
      'actions.offTrack': { kind: 'count', value: 1 },
      'actions.notStarted': { kind: 'count', value: 2 },
      'actions.overdue': { kind: 'count', value: 1 },
    });
  });

  it('builds the action-plan and priorities tables', () => {
    const [plan, priorities] = prioritiesTables(derived);
    expect(plan!.id).toBe('action-plan');
    expect(plan!.wide).toBe(true);
    expect(plan!.columns.map((c) => c.key)).toEqual(['id', 'action', 'lead', 'due', 'status', 'measure']);
    expect(plan!.rows[0]).toMatchObject({ id: 'P1.1', due: '2025-05-31', status: 'At risk (overdue)' });
    expect(plan!.rows[2]).toMatchObject({ due: 'June 2025' });
    expect(plan!.rows[4]).toMatchObject({ lead: null, due: null, measure: null });
    expect(priorities!.rows[0]).toMatchObject({ id: 'P1', areas: 'Education; Children from groups which are over-represented', actions: 3, complete: 1, overdue: 1 });
    expect(priorities!.rows[1]!.areas).toBeNull();
  });
});

describe('priorities: audit', () => {
  // Bath and North East Somerset 2021-22, priority 6: three actions lettered "d", and targets after March 2022.
  const bathnesData: PrioritiesData = {
    priorities: [
      { id: '2', title: 'Tackle exploitation and support the Violence Reduction Unit' },
      { id: '4', title: 'Work towards the elimination of disproportionate outcomes' },
      { id: '6', title: 'Equip the service to meet its statutory purpose' },
    ],
    actions: [
      { id: '2a', priority: '2', text: 'Clarify practice on National Referral Mechanism referrals', lead: 'Operational Manager', due: '2022-09', measure: 'Practice guidance issued' },
      { id: '4a', priority: '4', text: 'Improve understanding of disproportionality', lead: 'Head of Service', due: '2022-12', measure: 'Toolkit analysis reported' },
      { id: '6a', priority: '6', text: 'Review the management board', lead: 'Board chair', due: '2021-09', measure: 'Board reviewed' },
      { id: '6d', priority: '6', text: 'Bring systemic practice into supervision', lead: 'Operational Manager', due: '2022-03', measure: 'Supervision audit' },
      { id: '6d', priority: '6', text: 'Refresh working practices after lockdown', lead: 'Operational Manager', due: '2022-03', measure: 'Practices refreshed' },
      { id: '6d', priority: '6', text: 'Revisit recruitment practices', lead: 'Head of Service', due: '2022-03', measure: 'Recruitment reviewed' },
    ],
  };

  it('catches the duplicate action letters, each repeat an error at its id', () => {
    const duplicates = check(bathnesData, bathnes).filter((f) => f.code === 'audit.duplicate-action-id');
    expect(duplicates.map((f) => f.pointer)).toEqual(['/actions/4/id', '/actions/5/id']);
    expect(duplicates.every((f) => f.severity === 'error')).toBe(true);
    expect(duplicates[0]!.message).toContain('"6d"');
  });

  it('warns on targets after the plan period (September and December 2022)', () => {
    const outside = check(bathnesData, bathnes).filter((f) => f.code === 'audit.due-outside-period');
    expect(outside.map((f) => f.pointer)).toEqual(['/actions/0/due', '/actions/1/due']);
    expect(outside[0]).toMatchObject({ severity: 'warning' });
    expect(outside[0]!.message).toContain('September 2022');
    expect(outside[0]!.message).toContain('31 March 2022');
  });

  it('accepts a month that ends the period (March 2022)', () => {
    const findings = check(bathnesData, bathnes).filter((f) => f.pointer.startsWith('/actions/3'));
    expect(findings).toEqual([]);
  });

  it('catches duplicate priority ids', () => {
    const findings = check({ priorities: [{ id: 'P1', title: 'One' }, { id: 'P1', title: 'Two' }], actions: [full('A1', 'P1')] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code: 'audit.duplicate-priority-id', pointer: '/priorities/1/id' })]);
  });

  it('catches an action that points at no priority, and suggests the nearest', () => {
    const findings = check({ priorities: [{ id: 'P1', title: 'One' }, { id: 'P2', title: 'Two' }], actions: [full('A1', 'P1'), full('A2', 'P2'), full('A3', 'p2')] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code: 'audit.unknown-priority', pointer: '/actions/2/priority' })]);
    expect(findings[0]!.hint).toBe('did you mean "P2"?');
  });

  it('warns that 2106 is implausible (Coventry\'s "May 2106") and guesses the year meant', () => {
    const coventryFindings = check({ priorities: [{ id: '31', title: 'Careers guidance' }], actions: [full('31.1', '31', { due: '2106-05-01' })] }, coventry);
    expect(coventryFindings).toEqual([expect.objectContaining({ severity: 'warning', code: 'audit.due-implausible', pointer: '/actions/0/due' })]);
    expect(coventryFindings[0]!.hint).toBe('did you mean 2016?');
    const kelbridgeFindings = check({ priorities: [{ id: 'P1', title: 'Careers guidance' }], actions: [full('P1.1', 'P1', { due: '2106-05-01' })] });
    expect(kelbridgeFindings.map((f) => f.code)).toEqual(['audit.due-implausible']);
    expect(kelbridgeFindings[0]!.hint).toBe('did you mean 2026?');
  });

  it('guesses years by a swapped or changed digit only', () => {
    expect(likelyYears(2106, 2016, 2017)).toEqual([2016]);
    expect(likelyYears(2205, 2025, 2026)).toEqual([2025]);
    expect(likelyYears(1850, 2025, 2026)).toEqual([]);
  });

  it('refuses a day that is not in the calendar', () => {
    const findings = check({ priorities: [{ id: 'P1', title: 'One' }], actions: [full('A1', 'P1', { due: '2026-02-30' })] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code: 'audit.due-date' })]);
  });

  it('warns on a due date before the period starts', () => {
    const findings = check({ priorities: [{ id: 'P1', title: 'One' }], actions: [full('A1', 'P1', { due: '2025-03-31' })] });
    expect(findings.map((f) => f.code)).toEqual(['audit.due-outside-period']);
  });

  it('warns on bare-text actions (Wolverhampton: priorities as bare text), naming what is missing', () => {
    const findings = check({
      priorities: [{ id: 'PR01', title: 'Trauma-informed practice' }],
      actions: [{ id: 'PR01.1', priority: 'PR01', text: 'Implement trauma-informed assessments and case formulation' }, full('PR01.2', 'PR01', { measure: undefined })],
    });
    expect(findings.map((f) => [f.code, f.pointer, f.severity])).toEqual([
      ['audit.action-incomplete', '/actions/0', 'warning'],
      ['audit.action-incomplete', '/actions/1', 'warning'],
    ]);
    expect(findings[0]!.message).toBe('action "PR01.1" has no lead, due date or success measure');
    expect(findings[1]!.message).toBe('action "PR01.2" has no success measure');
  });

  it('warns on a priority with no actions', () => {
    const findings = check({ priorities: [{ id: 'P1', title: 'One' }, { id: 'P2', title: 'Two' }], actions: [full('A1', 'P1')] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'audit.priority-without-actions', pointer: '/priorities/1' })]);
  });

  it('finds nothing in a correct file, overdue actions included (overdue is shown, not warned)', () => {
    const data: PrioritiesData = {
      priorities: [{ id: 'P1', title: 'Education', areas: ['education'] }],
      actions: [full('P1.1', 'P1', { due: '2025-05-31', status: 'at-risk' }), full('P1.2', 'P1', { due: '2026-03', status: 'not-started' })],
    };
    expect(check(data)).toEqual([]);
  });
});

describe('priorities: the Kelbridge example', () => {
  const file = join(packageRoot, 'data', '2025-26', 'priorities.yaml');
  const text = readFileSync(file, 'utf8');
  const data = load(text) as PrioritiesData;

  it('validates, and gives no finding', () => {
    expect(validate(text)).toEqual([]);
    expect(check(data)).toEqual([]);
  });

  it('has 4–5 priorities with 3–5 actions each, mixed statuses and one overdue action', () => {
    const derived = derivePriorities(data, kelbridge);
    expect(derived.priorities.length).toBeGreaterThanOrEqual(4);
    expect(derived.priorities.length).toBeLessThanOrEqual(5);
    for (const priority of derived.priorities) expect(priority.actions.length).toBeGreaterThanOrEqual(3);
    expect(derived.overdue.map((a) => a.id)).toEqual(['P1.1']);
    expect(new Set(derived.actions.map((a) => a.status)).size).toBe(5);
  });
});

describe('priorities: templates', () => {
  const env = createNunjucks();
  const data: PrioritiesData = {
    priorities: [
      { id: 'P1', title: 'Education', areas: ['education'], section: 'education', rationale: 'Children out of school <script>are</script> at risk.' },
      { id: 'P2', title: 'Diversion' },
    ],
    actions: [full('P1.1', 'P1', { due: '2025-05-31', status: 'at-risk', partners: ['Virtual School'], progress: 'Nine of 11 schools signed' }), full('P1.2', 'P1', { due: '2025-06', status: 'complete' })],
  };
  const derived = derivePriorities(data, kelbridge);
  const plan = { id: '2025-26', sections: [{ id: 'education', title: 'Education' }] };
  const page = { url: '/2025-26/priorities/' };
  const render = (name: 'priorities' | 'actionPlan', args: string[] = []) =>
    env.render(prioritiesBlock.shortcodes![name]!.template, { ...prioritiesBlock.shortcodes![name]!.context(derived, args, kelbridge), plan, page });

  it('lists priorities with rationale, national area tags and a link to their section', () => {
    const html = render('priorities');
    expect(html).toContain('<h3 class="govuk-heading-m" id="priority-p1">P1: Education</h3>');
    expect(html).toContain('<strong class="govuk-tag govuk-tag--light-blue">Education</strong>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('href="../education/index.html"');
  });

  it('shows every priority with its actions, status words in a tag, Overdue in words and dates formatted', () => {
    const html = render('actionPlan');
    expect(html.match(/<h3 /g)).toHaveLength(2);
    expect(html).toContain('<strong class="govuk-tag govuk-tag--yellow">At risk</strong>');
    expect(html).toContain('31 May 2025 <strong class="govuk-tag govuk-tag--red">Overdue</strong>');
    expect(html).toContain('June 2025');
    expect(html).toContain('<th scope="row" class="govuk-table__header">P1.1</th>');
    expect(html).toContain('Partners: Virtual School');
    expect(html).toContain('No actions have been set for this priority yet.');
    expect(html).toContain('1 is overdue');
    expect(html).toContain('href="../data/action-plan.csv"');
  });

  it('shows one priority when named, and refuses an unknown one', () => {
    const html = render('actionPlan', ['P2']);
    expect(html).toContain('P2: Diversion');
    expect(html).not.toContain('P1: Education');
    expect(() => actionPlanContext(derived, ['P9'], kelbridge)).toThrow(/no priority "P9".*P1, P2/);
  });
});
