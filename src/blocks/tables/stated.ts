import { formatNumber } from '../../render/format.ts';

/**
 * Comparing a figure an author stated with the one recomputed from the data, at the precision the author
 * wrote: "85" agrees with 85.37 (it is right to the nearest whole number), "85.0" cannot be told from "85"
 * once YAML has read it, so a stated value is judged by the decimals it shows.
 */
const EPSILON = 1e-9;

/** Decimal places a number shows: 85 → 0, 85.4 → 1, 0.125 → 3. */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

/** Half a unit in the last place: the most rounding can move a value written to `precision` decimals. */
export function roundingTolerance(precision: number): number {
  return 0.5 * 10 ** -precision + EPSILON;
}

/** Does `stated` equal `computed` once rounded to the decimals the author used (or `precision`)? */
export function agreesAtPrecision(stated: number, computed: number, precision = decimalsOf(stated)): boolean {
  return Math.abs(stated - computed) <= roundingTolerance(precision);
}

/** Whole counts out of `base` that round to the stated percentage. Empty: no count can give it (84% of 11). */
export function achievableCounts(statedPercent: number, base: number, precision = decimalsOf(statedPercent)): number[] {
  if (!Number.isInteger(base) || base <= 0) return [];
  const counts: number[] = [];
  for (let k = 0; k <= base; k++) if (agreesAtPrecision(statedPercent, (k / base) * 100, precision)) counts.push(k);
  return counts;
}

/** "9 of 11 is 81.8% and 10 of 11 is 90.9%": the two whole counts either side of a stated percentage. */
export function nearestCounts(statedPercent: number, base: number): string {
  const below = Math.floor((statedPercent / 100) * base);
  const candidates = [below, below + 1].filter((k) => k >= 0 && k <= base);
  return candidates.map((k) => `${formatNumber(k)} of ${formatNumber(base)} is ${formatNumber((k / base) * 100, 1)}%`).join(' and ');
}

/** A sentence for the hint when a stated percentage disagrees with its counts. */
export function percentHint(statedPercent: number, base: number): string {
  if (Number.isInteger(base) && base > 0 && achievableCounts(statedPercent, base).length === 0) {
    return `no whole number out of ${formatNumber(base)} gives ${formatNumber(statedPercent, decimalsOf(statedPercent))}% (${nearestCounts(statedPercent, base)}); check the count or the base`;
  }
  return 'correct the stated percentage, or the counts it was worked out from';
}
