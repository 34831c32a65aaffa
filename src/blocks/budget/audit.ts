import type { Finding } from '../types.ts';
import type { PlanContext } from '../plan/types.ts';
import { joinPointer } from '../../load/source.ts';
import { formatMoney } from '../../render/format.ts';
import type { AmountCell, BudgetData, BudgetDerived, ComputedTotal, ContributionsTable, FootnoteData, GrantDerived, PartnerRowData, RemandYear, RemandYearData, StatedTotals } from './types.ts';

/** Decimal places the author wrote: a total stated in whole pounds is checked to the pound, one in pence to the penny. */
export function decimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return 0;
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/** True when the computed value, rounded as the stated one was, would not print as the stated value. */
export function differsBeyondPrecision(stated: number, computed: number): boolean {
  const halfUnit = 0.5 * 10 ** -decimalsOf(stated);
  return Math.abs(computed - stated) > halfUnit + 1e-9;
}

function money(value: number, like?: number): string {
  return formatMoney(value, like === undefined ? 0 : Math.min(decimalsOf(like), 2));
}

/**
 * A full stop where the thousands comma belongs (£121.691 for £121,691): pounds never have three
 * decimal places. Exported so prose checks can reuse it.
 */
export const MONEY_TYPO = /£\d{1,3}\.\d{3}\b/g;

export function findMoneyTypos(text: string): { match: string; index: number; meant: string }[] {
  return [...text.matchAll(MONEY_TYPO)].map((m) => ({ match: m[0], index: m.index, meant: m[0].replace('.', ',') }));
}

/** Every string in the data with its pointer: notes, captions, comments, purposes… anywhere text is allowed. */
function* stringsIn(value: unknown, pointer = ''): Generator<{ pointer: string; text: string }> {
  if (typeof value === 'string') yield { pointer, text: value };
  else if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* stringsIn(item, pointer + joinPointer(index));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* stringsIn(item, pointer + joinPointer(key));
}

export function auditMoneyText(data: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const { pointer, text } of stringsIn(data)) {
    for (const typo of findMoneyTypos(text)) {
      findings.push({
        severity: 'warning',
        pointer,
        code: 'audit.budget.money-typo',
        message: `"${typo.match}" has three figures after the point, which pounds never have: it reads as ${typo.meant} written with a full stop`,
        hint: `write ${typo.meant}, or £x.xx for pence`,
      });
    }
  }
  return findings;
}

/** Stated total against computed; N/A and blank stated totals claim nothing, except N/A over real money. */
function compareTotal(stated: AmountCell | undefined, computed: ComputedTotal, pointer: string, what: string, addsUp: string): Finding | null {
  if (stated === undefined || stated === null) return null;
  if (stated === 'N/A') {
    if (typeof computed !== 'number' || computed === 0) return null;
    return {
      severity: 'warning',
      pointer,
      code: 'audit.budget.total',
      message: `${what} is stated as N/A but ${addsUp} to ${money(computed)}`,
      hint: `write ${computed}, or leave the total out: it is computed`,
    };
  }
  const computedNumber = typeof computed === 'number' ? computed : 0;
  if (!differsBeyondPrecision(stated, computedNumber)) return null;
  return {
    severity: 'warning',
    pointer,
    code: 'audit.budget.total',
    message: `${what} is stated as ${money(stated, stated)} but ${addsUp} to ${money(computedNumber, stated)}`,
    hint: 'correct the figures or the total; the published total is always the computed one',
  };
}

const COLUMN_NAMES = { staffing: 'staffing costs', inKind: 'payments in kind', otherDelegated: 'other delegated funds' } as const;

/** The checks every contributions table gets, this year's and last year's alike. */
export function auditContributions(
  partners: PartnerRowData[],
  stated: StatedTotals | undefined,
  footnotes: FootnoteData[] | undefined,
  table: ContributionsTable,
  base: string,
  prefix: string,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  partners.forEach((partner, index) => {
    const first = seen.get(partner.agency);
    if (first !== undefined) {
      findings.push({
        severity: 'error',
        pointer: `${base}/partners/${index}/agency`,
        code: 'audit.budget.duplicate-agency',
        message: `${prefix}the agency "${partner.agency}" appears twice (rows ${first + 1} and ${index + 1})`,
        hint: 'give each agency one row; use your own key and a label for another funder',
      });
    } else seen.set(partner.agency, index);

    const row = table.rows[index]!;
    const statedTotal = partner.total;
    if (row.empty && typeof statedTotal === 'number' && statedTotal !== 0) {
      findings.push({
        severity: 'warning',
        pointer: `${base}/partners/${index}/total`,
        code: 'audit.budget.empty-row-total',
        message: `${prefix}the ${row.label} row has no amounts (its cells are all blank or N/A) but its total is stated as ${money(statedTotal, statedTotal)}`,
        hint: 'put the amounts in their columns, or remove the total',
      });
      return;
    }
    const finding = compareTotal(statedTotal, row.total, `${base}/partners/${index}/total`, `${prefix}the ${row.label} row total`, 'its cells add up');
    if (finding) findings.push(finding);
  });

  for (const column of ['staffing', 'inKind', 'otherDelegated'] as const) {
    const finding = compareTotal(stated?.[column], table.totals[column], `${base}/totals/${column}`, `${prefix}the total of ${COLUMN_NAMES[column]}`, 'the column adds up');
    if (finding) findings.push(finding);
  }
  const grand = compareTotal(stated?.total, table.totals.total, `${base}/totals/total`, `${prefix}the grand total`, 'the table adds up');
  if (grand) findings.push(grand);

  findings.push(...auditFootnotes(partners, footnotes ?? [], table, base, prefix));
  return findings;
}

/** Markers must resolve to exactly one note, and every note must be pointed at (Coventry's *** and ****). */
export function auditFootnotes(partners: PartnerRowData[], footnotes: FootnoteData[], table: ContributionsTable, base: string, prefix: string): Finding[] {
  const findings: Finding[] = [];
  const defined = new Set<string>();
  footnotes.forEach((note, index) => {
    if (defined.has(note.marker)) {
      findings.push({
        severity: 'warning',
        pointer: `${base}/footnotes/${index}/marker`,
        code: 'audit.budget.footnote-duplicate',
        message: `${prefix}two footnotes use the marker "${note.marker}"`,
        hint: 'give each footnote its own marker',
      });
    }
    defined.add(note.marker);
  });
  const used = new Set<string>();
  partners.forEach((partner, index) => {
    (partner.markers ?? []).forEach((marker, markerIndex) => {
      used.add(marker);
      if (defined.has(marker)) return;
      findings.push({
        severity: 'warning',
        pointer: `${base}/partners/${index}/markers/${markerIndex}`,
        code: 'audit.budget.footnote-missing',
        message: `${prefix}the ${table.rows[index]!.label} row is marked "${marker}" but no footnote has that marker`,
        hint: defined.size ? `the footnotes' markers are ${[...defined].map((m) => `"${m}"`).join(', ')}` : 'add the footnote under `footnotes:`',
      });
    });
  });
  footnotes.forEach((note, index) => {
    if (used.has(note.marker)) return;
    findings.push({
      severity: 'warning',
      pointer: `${base}/footnotes/${index}/marker`,
      code: 'audit.budget.footnote-unused',
      message: `${prefix}the footnote marked "${note.marker}" is not pointed at by any row`,
      hint: `add "${note.marker}" to the markers of the row it explains, or remove the footnote`,
    });
  });
  return findings;
}

export function auditGrant(data: NonNullable<BudgetData['grant']>, grant: GrantDerived, grantRowLabel: string): Finding[] {
  const findings: Finding[] = [];
  if (grant.tableRow === undefined) {
    findings.push({
      severity: 'warning',
      pointer: '/grant/total',
      code: 'audit.budget.grant-row',
      message: `the ${grant.name} is given (${money(grant.total)}) but the contributions table has no yjb-grant row to check it against`,
      hint: 'add a row with `agency: yjb-grant`',
    });
  } else if (grant.reconciles === false) {
    const rowValue = typeof grant.tableRow === 'number' ? grant.tableRow : 0;
    const expected = grant.componentsTotal !== 0
      ? `the ${grant.name} of ${money(grant.total)} less its components (${money(grant.componentsTotal)}) is ${money(grant.practiceGrant)}`
      : `the ${grant.name} is ${money(grant.total)}`;
    findings.push({
      severity: 'warning',
      pointer: '/grant/total',
      code: 'audit.budget.grant-row',
      message: `${expected} but the ${grantRowLabel} row adds up to ${money(rowValue)}`,
      hint: grant.componentsTotal !== 0
        ? 'correct the grant, its components or the row'
        : 'if part of the grant is ring-fenced and kept out of the row (e.g. the Junior Attendance Centre), list it under grant.components',
    });
  }

  (data.spend ?? []).forEach((line, index) => {
    const computed = grant.spend[index]!.variance;
    if (typeof line.variance !== 'number' || computed === null || !differsBeyondPrecision(line.variance, computed)) return;
    findings.push({
      severity: 'warning',
      pointer: `/grant/spend/${index}/variance`,
      code: 'audit.budget.variance',
      message: `the over/under spend on "${line.item}" is stated as ${money(line.variance, line.variance)} but forecast − budget is ${money(computed, line.variance)}`,
      hint: 'a variance is forecast − budget: positive is an overspend',
    });
  });
  for (const column of ['budget', 'forecast', 'variance'] as const) {
    const stated = data.spendTotals?.[column];
    const computed = grant.spendTotals[column];
    if (typeof stated !== 'number' || !differsBeyondPrecision(stated, computed ?? 0)) continue;
    findings.push({
      severity: 'warning',
      pointer: `/grant/spendTotals/${column}`,
      code: 'audit.budget.total',
      message: `the total ${column} of the grant spend is stated as ${money(stated, stated)} but the lines add up to ${money(computed ?? 0, stated)}`,
      hint: 'correct the lines or the total',
    });
  }
  const spent = grant.spendTotals.budget;
  const matchesGrant = (value: number) => !differsBeyondPrecision(value, spent ?? 0);
  if (spent !== null && !matchesGrant(grant.total) && !matchesGrant(grant.practiceGrant)) {
    const either = grant.componentsTotal !== 0 ? ` nor the grant less its components (${money(grant.practiceGrant)})` : '';
    findings.push({
      severity: 'warning',
      pointer: typeof data.spendTotals?.budget === 'number' ? '/grant/spendTotals/budget' : '/grant/spend',
      code: 'audit.budget.grant-spend',
      message: `the grant spend lines budget ${money(spent)} in all, which is neither the grant (${money(grant.total)})${either}`,
      hint: 'every pound of the grant should be in one spend line',
    });
  }
  return findings;
}

function auditRemandYear(data: RemandYearData, year: RemandYear, base: string): Finding[] {
  if (typeof data.variance !== 'number' || year.variance === null || !differsBeyondPrecision(data.variance, year.variance)) return [];
  return [
    {
      severity: 'warning',
      pointer: `${base}/variance`,
      code: 'audit.budget.variance',
      message: `the ${year.year} remand over/under spend is stated as ${money(data.variance, data.variance)} but actual − allocation is ${money(year.variance, data.variance)}`,
      hint: 'a variance is actual − allocation: positive is an overspend',
    },
  ];
}

export function auditBudget(data: BudgetData, derived: BudgetDerived, _plan?: PlanContext): Finding[] {
  const findings = auditContributions(data.partners, data.totals, data.footnotes, derived.current, '', '');
  if (data.previous && derived.previous) {
    findings.push(...auditContributions(data.previous.partners, data.previous.totals, data.previous.footnotes, derived.previous, '/previous', `in the ${derived.previous.year} table, `));
  }
  if (data.grant && derived.grant) {
    const grantRow = derived.current.rows.find((row) => row.agency === 'yjb-grant');
    findings.push(...auditGrant(data.grant, derived.grant, grantRow?.label ?? 'YJB Practice Grant'));
  }
  if (data.remand && derived.remand) {
    findings.push(...auditRemandYear(data.remand, derived.remand.current, '/remand'));
    if (data.remand.previous && derived.remand.previous) findings.push(...auditRemandYear(data.remand.previous, derived.remand.previous, '/remand/previous'));
  }
  (data.otherFunding ?? []).forEach((entry, index) => {
    if (typeof entry.amount === 'number' || entry.status) return;
    findings.push({
      severity: 'warning',
      pointer: `/otherFunding/${index}`,
      code: 'audit.budget.funding-status',
      message: `"${entry.source}" has no amount and no status`,
      hint: 'give the amount, or say where it stands (e.g. status: bid made)',
    });
  });
  findings.push(...auditMoneyText(data));
  return findings;
}
