import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build.ts';
import { preparePlan } from '../../src/pipeline.ts';
import { formatCell } from '../../src/render/format.ts';

const root = join(import.meta.dirname, '..', '..');
const PREFIX = '/council/youth-justice/';
let out: string;
let server: Server;
let base: string;

function files(dir: string, extension: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, extension) : name.endsWith(extension) ? [path] : [];
  });
}

/** RFC 4180 parsing, enough for our own output. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\n') row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = '');
    else cell += c;
  }
  return rows;
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'yjplan-site-'));
  await buildSite({ root, outDir: join(out, 'site'), pdf: false });
  // A council web server that publishes the site under a sub-path, and nothing else.
  const types: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.csv': 'text/csv', '.json': 'application/json' };
  server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url!, 'http://x').pathname);
    const file = path.startsWith(PREFIX) ? join(out, 'site', path.slice(PREFIX.length)) : '';
    const target = file && existsSync(file) && statSync(file).isDirectory() ? join(file, 'index.html') : file;
    if (!target || !existsSync(target)) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': types[extname(target)] ?? 'application/octet-stream' }).end(readFileSync(target));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}${PREFIX}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(out, { recursive: true, force: true });
});

describe('the published site', () => {
  it('offers every table as CSV and JSON with the same rows and columns as the page shows', () => {
    const plan = preparePlan(root, '2025-26').derived!;
    expect(plan.tables.length).toBeGreaterThan(20);
    const whole = readFileSync(join(out, 'site', '2025-26', 'whole-plan', 'index.html'), 'utf8');
    for (const table of plan.tables) {
      const csv = parseCsv(readFileSync(join(out, 'site', '2025-26', 'data', `${table.id}.csv`), 'utf8'));
      expect(csv[0], table.id).toEqual(table.columns.map((c) => c.label));
      expect(csv.length - 1, table.id).toBe(table.rows.length + (table.totals ? 1 : 0));
      table.rows.forEach((row, index) => expect(csv[index + 1], `${table.id} row ${index + 1}`).toEqual(table.columns.map((c) => (row[c.key] === null || row[c.key] === undefined ? '' : String(row[c.key])))));
      const json = JSON.parse(readFileSync(join(out, 'site', '2025-26', 'data', `${table.id}.json`), 'utf8'));
      expect(json.rows).toEqual(table.rows);
      // Where the page shows the table, its cells are the same values, formatted.
      const start = whole.indexOf(`id="table-${table.id}"`);
      if (start < 0) continue;
      const body = whole.slice(whole.indexOf('<tbody', start), whole.indexOf('</tbody>', start));
      // Footnote markers (<sup>) sit beside a row's label; the cell's own text is what the data holds.
      const cells = [...body.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => m[1]!.replace(/<sup>[\s\S]*?<\/sup>/g, '').replace(/<[^>]+>/g, '').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"').trim());
      const expected = table.rows.flatMap((row) => table.columns.map((c) => formatCell(row[c.key], c.kind, c.precision, c.per, c.signed)));
      expect(cells, table.id).toEqual(expected);
    }
  });

  it('works from a sub-path of a web server: every link and asset on every page resolves', async () => {
    const pages = files(join(out, 'site'), '.html');
    expect(pages.length).toBeGreaterThan(30);
    const checked = new Set<string>();
    const broken: string[] = [];
    for (const page of pages) {
      const pageUrl = new URL(relative(join(out, 'site'), page).split('\\').join('/'), base).href;
      const html = await (await fetch(pageUrl)).text();
      for (const [, url] of html.matchAll(/(?:href|src)="([^"#]+)(?:#[^"]*)?"/g)) {
        if (/^(mailto|tel):/.test(url!)) continue;
        expect(url, `${pageUrl} links to another host`).not.toMatch(/^(https?:)?\/\//);
        const target = new URL(url!, pageUrl).href;
        // This build prints no PDF (tests/e2e/build.test.ts does): its link must point at where the PDF goes.
        if (target.endsWith('.pdf')) {
          expect(target).toBe(`${base}2025-26/kelbridge-youth-justice-plan-2025-26.pdf`);
          continue;
        }
        if (checked.has(target)) continue;
        checked.add(target);
        const response = await fetch(target);
        if (response.status !== 200) broken.push(`${relative(join(out, 'site'), page)} → ${url} (${response.status})`);
      }
    }
    expect(checked.size).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });
});
