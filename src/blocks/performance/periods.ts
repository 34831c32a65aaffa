/**
 * Reading what a period label says about its dates ("Apr 2022 to Mar 2023 cohort", "2024-25",
 * "Quarter 4 2018-2019", "Jan–Dec 2024"), so a label that disagrees with its dates can be flagged.
 */
import type { PeriodType } from './types.ts';

export interface MonthYear {
  year: number;
  /** 1–12; absent when the label gives only the year. */
  month?: number;
}

export interface LabelDates {
  start?: MonthYear;
  end?: MonthYear;
}

const MONTH_PATTERN = /\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?(?:\s*,?\s*(\d{4})\b)?/gi;
const MONTH_KEYS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const FINANCIAL_YEAR = /\b(\d{4})\s*[-–/]\s*(\d{4}|\d{2})\b/;
const QUARTER = /\b(?:q|quarter\s*)([1-4])\b/i;
const ENDING = /\b(year|12 months|twelve months)\s+(ending|to|until)\b/i;

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function secondYear(first: number, written: string): number {
  return written.length === 2 ? Math.floor(first / 100) * 100 + Number(written) : Number(written);
}

/** What the label says about the period's first and last month; null when it says nothing checkable. */
export function datesInLabel(label: string, type?: PeriodType): LabelDates | null {
  const months: { month: number; year?: number }[] = [];
  for (const match of label.matchAll(MONTH_PATTERN)) {
    months.push({ month: MONTH_KEYS.indexOf(match[1]!.slice(0, 3).toLowerCase()) + 1, year: match[2] ? Number(match[2]) : undefined });
  }
  const financial = FINANCIAL_YEAR.exec(label);
  const quarter = QUARTER.exec(label);

  if (quarter && financial && months.length === 0) {
    // Financial-year quarters: Q1 is April to June, Q4 is January to March of the second year.
    const first = Number(financial[1]);
    const q = Number(quarter[1]);
    const startMonth = ((q - 1) * 3 + 3) % 12 + 1;
    const year = q === 4 ? secondYear(first, financial[2]!) : first;
    return { start: { year, month: startMonth }, end: { year, month: startMonth + 2 } };
  }

  if (months.length > 0) {
    // A month written without its year takes the year of the next month that has one.
    for (let i = months.length - 1; i >= 0; i--) {
      const entry = months[i]!;
      if (entry.year !== undefined) continue;
      const later = months.slice(i + 1).find((m) => m.year !== undefined);
      if (later?.year !== undefined) entry.year = entry.month > later.month ? later.year - 1 : later.year;
    }
    if (months.some((m) => m.year === undefined)) {
      const year = /\b(\d{4})\b/.exec(label);
      if (!year) return null;
      for (const m of months) m.year ??= Number(year[1]);
    }
    const first = months[0]!;
    const last = months[months.length - 1]!;
    if (months.length === 1 && ENDING.test(label)) return { end: { year: last.year!, month: last.month } };
    return { start: { year: first.year!, month: first.month }, end: { year: last.year!, month: last.month } };
  }

  if (financial) {
    const first = Number(financial[1]);
    const second = secondYear(first, financial[2]!);
    if (second !== first + 1 && second !== first) return null;
    const yearLong = type === 'financial-year' || type === 'cohort-year';
    return yearLong ? { start: { year: first, month: 4 }, end: { year: second, month: 3 } } : { start: { year: first }, end: { year: second } };
  }

  const years = [...label.matchAll(/\b(19\d{2}|20\d{2})\b/g)].map((m) => Number(m[1]));
  if (years.length === 1) {
    const year = years[0]!;
    return type === 'calendar-year' ? { start: { year, month: 1 }, end: { year, month: 12 } } : { start: { year }, end: { year } };
  }
  if (years.length === 2) return { start: { year: years[0]! }, end: { year: years[1]! } };
  return null;
}

export function describeMonthYear(value: MonthYear): string {
  return value.month ? `${MONTH_NAMES[value.month - 1]} ${value.year}` : String(value.year);
}

function matches(expected: MonthYear, isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return expected.year === year && (expected.month === undefined || expected.month === month);
}

/** Where the label and the dates disagree, in words; empty when they agree or the label says nothing checkable. */
export function labelDateConflicts(label: string, type: PeriodType | undefined, start: string | undefined, end: string | undefined): string[] {
  const fromLabel = datesInLabel(label, type);
  if (!fromLabel) return [];
  const conflicts: string[] = [];
  if (fromLabel.start && start && !matches(fromLabel.start, start)) {
    conflicts.push(`the label starts in ${describeMonthYear(fromLabel.start)} but the start date is ${start}`);
  }
  if (fromLabel.end && end && !matches(fromLabel.end, end)) {
    conflicts.push(`the label ends in ${describeMonthYear(fromLabel.end)} but the end date is ${end}`);
  }
  return conflicts;
}

/** Whether a period is pinned down at all: by its dates, or by a label with a readable date. */
export function periodIsIdentified(label: string, type: PeriodType | undefined, start: string | undefined, end: string | undefined): boolean {
  if (start || end) return true;
  if (type === 'unspecified') return false;
  return datesInLabel(label, type) !== null;
}

/** Decimal places of a number as written (YAML drops trailing zeros: 33.80 reads as 33.8). */
export function decimalsOf(value: number): number {
  if (!Number.isFinite(value) || Number.isInteger(value)) return 0;
  const text = String(value);
  const exponent = /e-(\d+)$/.exec(text);
  if (exponent) return Number(exponent[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}
