import { formatMoney, formatNumber } from '../../render/format.ts';
import type { Change, ContributionsTable, GrantDerived, RemandYear } from './types.ts';

/**
 * The sentences the shortcodes print beside their tables. Written from the derived figures with the
 * shared formatter, so a sentence can never disagree with the table under it.
 */

function signedPercent(value: number): string {
  return formatNumber(value, 1, { signed: true }) + '%';
}

export function largestContributorSentence(table: ContributionsTable): string | null {
  const { largest, totals } = table;
  if (!largest || typeof largest.total !== 'number' || typeof totals.total !== 'number' || largest.share === null) return null;
  return `The largest contribution comes from ${largest.inSentence}: ${formatMoney(largest.total)}, ${formatNumber(largest.share, 1)}% of the ${formatMoney(totals.total)} pooled budget for ${table.year}.`;
}

export function changeSentence(change: Change, previousYear: string, currentYear: string): string | null {
  const { previous, current, absolute, relative } = change;
  if (typeof previous !== 'number' || typeof current !== 'number' || absolute === null) return null;
  const opening = `The pooled budget is ${formatMoney(current)} in ${currentYear}`;
  const sinceThen = `from ${formatMoney(previous)} in ${previousYear}`;
  // Rounded to the pound, as the tables show it.
  if (Math.round(absolute) === 0) return `${opening}, unchanged ${sinceThen}.`;
  const direction = absolute > 0 ? 'up' : 'down';
  const percent = relative === null ? '' : ` (${signedPercent(relative)})`;
  return `${opening}, ${direction} ${formatMoney(Math.abs(absolute))}${percent} ${sinceThen}.`;
}

export function grantSentence(grant: GrantDerived, year: string, rowLabel: string): string {
  const opening = `The ${grant.name} for ${year} is ${formatMoney(grant.total)}`;
  if (!grant.components.length) return `${opening}.`;
  const parts = grant.components.map((component) => `${formatMoney(component.amount)} for the ${component.name}`).join(' and ');
  return `${opening}, of which ${parts} is ring-fenced; the remaining ${formatMoney(grant.practiceGrant)} is the ${rowLabel} row of the partner contributions table.`;
}

/** `past` for a year already over (the previous year): "was" and "cost" rather than "is". */
export function remandSentence(year: RemandYear, past = false): string | null {
  const forecast = year.actualBasis === 'forecast';
  const verb = past ? 'was' : 'is';
  const money: string[] = [];
  if (year.allocation !== null) money.push(`the remand allocation ${verb} ${formatMoney(year.allocation)}`);
  if (year.actual !== null) money.push(`the ${forecast ? 'forecast cost' : 'cost'} of remands ${verb} ${formatMoney(year.actual)}`);
  const sentences: string[] = [];
  if (money.length) {
    let sentence = `In ${year.year} ${money.join(' and ')}`;
    if (year.variance !== null) {
      const pounds = Math.round(year.variance);
      sentence += pounds === 0 ? ', the same as the allocation' : `: ${pounds > 0 ? 'an overspend' : 'an underspend'} of ${formatMoney(Math.abs(year.variance))}`;
    }
    sentences.push(sentence + '.');
  }
  if (year.bedNights !== null) {
    const perNight = year.costPerBedNight !== null ? ` (${formatMoney(year.costPerBedNight)} a night)` : '';
    const amount = forecast ? 'are forecast at' : past ? 'came to' : 'come to';
    sentences.push(`Remands in ${year.year} ${amount} ${formatNumber(year.bedNights)} bed nights${perNight}.`);
  }
  return sentences.length ? sentences.join(' ') : null;
}
