import { describe, expect, it } from 'vitest';
import { formatCell, formatFigure, formatMoney, formatNumber } from './format.ts';
import { relativeUrl, filters } from './filters.ts';
import { parseShortcodes } from './shortcodes.ts';
import { createMarkdown } from './markdown.ts';
import { tableToCsv } from './downloads.ts';

describe('formatting', () => {
  it('formats money, percentages, changes and rates with UK conventions', () => {
    expect(formatMoney(2198794)).toBe('£2,198,794');
    expect(formatMoney(-1500.5, 2)).toBe('−£1,500.50');
    expect(formatFigure({ kind: 'percent', value: 33.846 })).toBe('33.8%');
    expect(formatFigure({ kind: 'pp', value: -20, signed: true })).toBe('−20.0 percentage points');
    expect(formatFigure({ kind: 'percent', value: -37.17, signed: true })).toBe('−37.2%');
    expect(formatFigure({ kind: 'rate', value: 212.29, per: 100000, precision: 0 })).toBe('212 per 100,000');
    expect(formatNumber(-0.0001, 2)).toBe('0.00');
  });

  it('keeps blank and N/A cells distinct from zero', () => {
    expect(formatCell(null, 'money')).toBe('');
    expect(formatCell('N/A', 'money')).toBe('N/A');
    expect(formatCell(0, 'money')).toBe('£0');
  });
});

describe('relative URLs', () => {
  it('makes site-absolute URLs relative to the page, ending in index.html for folders', () => {
    expect(relativeUrl('/2025-26/data/budget.csv', '/2025-26/resources/')).toBe('../data/budget.csv');
    expect(relativeUrl('/2025-26/', '/2025-26/resources/')).toBe('../index.html');
    expect(relativeUrl('/', '/2025-26/')).toBe('../index.html');
    expect(relativeUrl('/assets/x.css', '/')).toBe('assets/x.css');
    expect(relativeUrl('https://example.org/', '/a/')).toBe('https://example.org/');
  });
});

describe('escaping', () => {
  it('keeps JSON for script elements from closing the element', () => {
    expect(filters.jsonScript({ label: '</script><script>alert(1)</script>' })).not.toContain('</script>');
  });

  it('escapes CSS strings for running headers', () => {
    expect(filters.cssString('A "quoted" & <odd> title')).not.toMatch(/["<>&]/);
  });
});

describe('shortcodes', () => {
  it('finds calls with their line, column and arguments, and whether they stand alone', () => {
    const calls = parseShortcodes('Intro {% fig "budget.total" %} here.\n\n{% actionPlan "P2" %}\n');
    expect(calls).toMatchObject([
      { name: 'fig', args: ['budget.total'], line: 1, col: 7, standalone: false },
      { name: 'actionPlan', args: ['P2'], line: 3, col: 1, standalone: true },
    ]);
  });
});

describe('markdown', () => {
  it('renders raw HTML and script URLs inert', () => {
    const html = createMarkdown().render('<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
    expect(html).not.toMatch(/<script|<img|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('shifts headings under the section title and gives them unique ids', () => {
    const html = createMarkdown().render('## Aims\n\n## Aims\n', { headingOffset: 1 });
    expect(html).toContain('<h3 id="aims"');
    expect(html).toContain('<h3 id="aims-2"');
  });
});

describe('CSV downloads', () => {
  it('writes raw values, blanks and N/A, quotes where needed, and defuses spreadsheet formulas', () => {
    const csv = tableToCsv({
      id: 't',
      caption: 'T',
      rowHeader: 'agency',
      columns: [
        { key: 'agency', label: 'Agency', kind: 'text' },
        { key: 'amount', label: 'Amount (£)', kind: 'money' },
      ],
      rows: [
        { agency: 'Police, local', amount: 27360 },
        { agency: '=HYPERLINK("x")', amount: null },
        { agency: 'Welsh Government', amount: 'N/A' },
      ],
      totals: { amount: 27360 },
    });
    expect(csv).toBe('Agency,Amount (£)\r\n"Police, local",27360\r\n"\'=HYPERLINK(""x"")",\r\nWelsh Government,N/A\r\nTotal,27360\r\n');
  });
});
