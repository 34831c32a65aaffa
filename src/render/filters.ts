import { posix } from 'node:path';
import nunjucks from 'nunjucks';
import type { Cell, Figure, FigureKind, TableColumn } from '../blocks/types.ts';
import { formatCell, formatDate, formatFigure, formatMoney, formatNumber, isNumericKind } from './format.ts';
import { renderBlock, renderInline, slugify } from './markdown.ts';

/**
 * Filters for every Nunjucks template, the site's layouts and the blocks' templates alike.
 * Each returns plain text (escaped by autoescape) unless its name says html.
 */
export const filters = {
  cell: (value: Cell | undefined, column: TableColumn) => formatCell(value, column.kind, column.precision, column.per, column.signed),
  isNumeric: (kind: FigureKind) => isNumericKind(kind),
  figure: (figure: Figure, unit = true) => formatFigure(figure, { unit }),
  money: (value: number | null | undefined, precision = 0) => (typeof value === 'number' ? formatMoney(value, precision) : ''),
  number: (value: number | null | undefined, precision = 0) => (typeof value === 'number' ? formatNumber(value, precision) : ''),
  percent: (value: number | null | undefined, precision = 1) => (typeof value === 'number' ? formatNumber(value, precision) + '%' : ''),
  date: (value: string | null | undefined) => (value ? formatDate(value) : ''),
  slug: (value: string) => slugify(String(value)),
  /** Footnote markers (`*`, `**`, `†`, `a`) as id-safe text, distinct for each marker. */
  markerId: (marker: string) => [...String(marker)].map((c) => (/[a-z0-9]/i.test(c) ? c : `x${c.codePointAt(0)!.toString(16)}`)).join(''),
  /** A site-absolute URL (`/2025-26/data/budget.csv`) made relative to the page, so the site works from any folder. */
  rel: (url: string, page: { url?: string | false } | undefined) => relativeUrl(String(url), page?.url || '/'),
  /** JSON for a `<script type="application/json">`: `<` is escaped so no text can close the script element. */
  jsonScript: (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029'),
  /** Author text as inline markdown; HTML already escaped by markdown-it (raw HTML is off). */
  /** A value for a CSS string literal (`content: "…"`): quotes, backslashes and line breaks escaped. */
  cssString: (value: string) => String(value).replace(/[\\"\n\r<>&']/g, (c) => `\\${c.charCodeAt(0).toString(16)} `),
  markdownInline: (text: string | undefined) => new nunjucks.runtime.SafeString(text ? renderInline(text) : ''),
  markdown: (text: string | undefined) => new nunjucks.runtime.SafeString(text ? renderBlock(text) : ''),
};

export function relativeUrl(target: string, from: string): string {
  if (/^[a-z]+:/i.test(target) || target.startsWith('#') || !target.startsWith('/')) return target;
  const fromDir = from.endsWith('/') ? from : posix.dirname(from) + '/';
  const [path, hash] = target.split('#') as [string, string | undefined];
  let relative = posix.relative(fromDir, path) || '.';
  if (path.endsWith('/') && !relative.endsWith('/')) relative += '/';
  if (relative === './' || relative === '') relative = './';
  // Point at index.html so the site also works opened from disk, without a web server.
  if (relative.endsWith('/')) relative += 'index.html';
  return hash !== undefined ? `${relative}#${hash}` : relative;
}
