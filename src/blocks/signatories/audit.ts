import type { Finding } from '../types.ts';
import type { PlanContext } from '../plan/types.ts';
import { formatDate } from '../../render/format.ts';
import { findNameCollisions } from '../board/names.ts';
import type { SignatoriesData, SignatoriesDerived } from './types.ts';

/** `2025-02-30` is well formed but no such day; the schema checks the form, this the calendar. */
export function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === iso;
}

/** The same day a year later (29 February → 1 March), as YYYY-MM-DD. */
export function oneYearAfter(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year + 1, month - 1, day)).toISOString().slice(0, 10);
}

/**
 * Signature dates a year or more past the plan's reporting date (a typed year: 2052 for 2025), impossible
 * dates, and one person listed twice. Whether an approved plan is signed is the cross-block audit's job.
 */
export function auditSignatories(data: SignatoriesData, derived: SignatoriesDerived, plan: Pick<PlanContext, 'asOf'>): Finding[] {
  const findings: Finding[] = [];
  const latest = oneYearAfter(plan.asOf);
  for (const person of derived.signatories) {
    const date = person.signedOn;
    if (date === null) continue;
    const pointer = `/signatories/${person.index}/signed`;
    if (!isCalendarDate(date)) {
      findings.push({ severity: 'error', pointer, code: 'audit.signed-date', message: `"${date}" is not a real date`, hint: 'that day does not exist in that month; check the calendar' });
    } else if (date > latest) {
      findings.push({
        severity: 'warning',
        pointer,
        code: 'audit.signed-date',
        message: `${person.name} is recorded as signing on ${formatDate(date)}, more than a year after the plan's reporting date (${formatDate(plan.asOf)})`,
        hint: 'check the year; leave the date empty until they have signed',
      });
    }
  }
  for (const { first, second, match } of findNameCollisions(data.signatories.map((person) => person.name))) {
    const a = data.signatories[first]!.name;
    const b = data.signatories[second]!.name;
    findings.push({
      severity: 'warning',
      pointer: `/signatories/${second}/name`,
      code: 'audit.signatory-duplicate',
      message: match === 'same' ? `one person is listed twice: as "${a}" (signatory ${first + 1}) and "${b}" (signatory ${second + 1})` : `"${a}" and "${b}" (signatories ${first + 1} and ${second + 1}) look like one person spelled two ways`,
      hint: 'list each signatory once, spelled as on the board list',
    });
  }
  return findings;
}
