import type { Finding } from '../types.ts';
import { PLAN_STATUSES, type PlanContext, type PlanData } from './types.ts';

/** Checks on plan.yaml that a schema cannot express: period order and label, status history. */
export function auditPlan(data: PlanData, plan: PlanContext): Finding[] {
  const findings: Finding[] = [];
  const { start, end, label } = data.period;
  if (start >= end) {
    findings.push({ severity: 'error', pointer: '/period/end', code: 'audit.period-order', message: `the period ends (${end}) before it starts (${start})`, hint: 'swap the dates' });
  }
  const labelYears = label.match(/^(\d{4})[-–/](\d{2,4})$/);
  if (labelYears) {
    const first = Number(labelYears[1]);
    const second = labelYears[2]!.length === 2 ? Math.floor(first / 100) * 100 + Number(labelYears[2]) : Number(labelYears[2]);
    if (first !== Number(start.slice(0, 4)) || second !== Number(end.slice(0, 4))) {
      findings.push({
        severity: 'warning',
        pointer: '/period/label',
        code: 'audit.period-label',
        message: `the period label "${label}" does not match its dates ${start} to ${end}`,
        hint: `label it ${start.slice(0, 4)}-${end.slice(2, 4)}, or correct the dates`,
      });
    }
  }
  const history = data.status.history ?? [];
  history.forEach((entry, index) => {
    const previous = history[index - 1];
    if (previous && entry.date < previous.date) {
      findings.push({ severity: 'warning', pointer: `/status/history/${index}/date`, code: 'audit.status-order', message: `"${entry.status}" is dated ${entry.date}, before the step above it (${previous.date})`, hint: 'list the approval steps in the order they happened' });
    }
    if (previous && PLAN_STATUSES.indexOf(entry.status) < PLAN_STATUSES.indexOf(previous.status)) {
      findings.push({ severity: 'warning', pointer: `/status/history/${index}/status`, code: 'audit.status-order', message: `"${entry.status}" comes after "${previous.status}" in the history`, hint: `the steps run ${PLAN_STATUSES.join(' → ')}` });
    }
  });
  const reached = history.some((entry) => entry.status === data.status.current);
  if (data.status.current !== 'draft' && history.length > 0 && !reached) {
    findings.push({ severity: 'warning', pointer: '/status/current', code: 'audit.status-history', message: `the status is "${data.status.current}" but the history has no dated entry for it`, hint: 'add it to status.history with the date it happened' });
  }
  if (plan.asOf < start || plan.asOf > end) {
    // Plans are often written before the period starts; only flag dates far outside it.
    const yearBefore = `${Number(start.slice(0, 4)) - 1}${start.slice(4)}`;
    if (plan.asOf < yearBefore || plan.asOf > end) {
      findings.push({ severity: 'warning', pointer: '/asOf', code: 'audit.as-of', message: `the reporting date ${plan.asOf} is outside the plan period ${start} to ${end}`, hint: 'set asOf to the date the figures and statuses describe' });
    }
  }
  return findings;
}
