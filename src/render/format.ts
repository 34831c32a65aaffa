import type { Cell, Figure, FigureKind } from '../blocks/types.ts';

/**
 * Display formatting, shared by tables, prose figures and charts, so a sentence and its table agree.
 * Derivations keep full precision; rounding happens here, once.
 */
const MINUS = '\u2212';

const DEFAULT_PRECISION: Record<FigureKind, number> = {
  count: 0,
  money: 0,
  percent: 1,
  pp: 1,
  rate: 2,
  ratio: 2,
  number: 0,
  text: 0,
  date: 0,
};

/** One formatter per precision: `toLocaleString` builds a new one on every call, the largest single cost of rendering a big site (profiled). */
const formatters = new Map<number, Intl.NumberFormat>();

function formatterFor(precision: number): Intl.NumberFormat {
  let formatter = formatters.get(precision);
  if (!formatter) formatters.set(precision, (formatter = new Intl.NumberFormat('en-GB', { minimumFractionDigits: precision, maximumFractionDigits: precision })));
  return formatter;
}

export function formatNumber(value: number, precision = 0, options: { signed?: boolean } = {}): string {
  const rounded = Math.abs(value) < 0.5 * 10 ** -precision ? 0 : value;
  const text = formatterFor(precision).format(Math.abs(rounded));
  const sign = rounded < 0 ? MINUS : options.signed && rounded > 0 ? '+' : '';
  return sign + text;
}

export function formatMoney(value: number, precision = 0): string {
  const body = formatNumber(Math.abs(value), precision);
  return (value < 0 ? MINUS : '') + '£' + body;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-31` → `31 March 2026`, `2026-03` → `March 2026` (GOV.UK style). */
export function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(iso);
  if (!match) return iso;
  const month = `${MONTHS[Number(match[2]) - 1]} ${match[1]}`;
  return match[3] ? `${Number(match[3])} ${month}` : month;
}

/** Plain text of a figure, units included (`£2,198,794`, `33.8%`, `−20.0 percentage points`, `0.25 per 1,000`). */
export function formatFigure(figure: Figure, options: { unit?: boolean } = { unit: true }): string {
  const { value, kind } = figure;
  if (value === null) return 'not available';
  if (typeof value === 'string') return kind === 'date' ? formatDate(value) : value;
  const precision = figure.precision ?? DEFAULT_PRECISION[kind];
  const signed = figure.signed ?? false;
  switch (kind) {
    case 'money':
      return (signed && value > 0 ? '+' : '') + formatMoney(value, precision);
    case 'percent':
      return formatNumber(value, precision, { signed }) + '%';
    case 'pp':
      return formatNumber(value, precision, { signed }) + (options.unit ? ' percentage points' : ' pp');
    case 'rate':
      return formatNumber(value, precision, { signed }) + (options.unit && figure.per ? ` per ${formatNumber(figure.per)}` : '');
    default:
      return formatNumber(value, precision, { signed });
  }
}

/** A table cell: blank stays blank, `N/A` stays `N/A`, numbers formatted by the column's kind without units. */
export function formatCell(cell: Cell | undefined, kind: FigureKind, precision?: number, per?: number, signed?: boolean): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return kind === 'date' ? formatDate(cell) : cell;
  return formatFigure({ kind, value: cell, precision, per, signed }, { unit: false });
}

export function isNumericKind(kind: FigureKind): boolean {
  return kind !== 'text' && kind !== 'date';
}
