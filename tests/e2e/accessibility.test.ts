import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite } from '../../src/build.ts';
import { launchBrowser, type LaunchedBrowser } from '../../src/print/browser.ts';

const root = join(import.meta.dirname, '..', '..');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let out: string;
let launched: LaunchedBrowser;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'yjplan-axe-'));
  await buildSite({ root, outDir: out, pdf: false });
  launched = await launchBrowser();
});

afterAll(async () => {
  await launched?.close();
  rmSync(out, { recursive: true, force: true });
});

describe('accessibility of every generated page (axe-core, WCAG 2.2 AA)', () => {
  it('finds no violation on any page, at desktop and mobile widths', async () => {
    const pages = htmlFiles(out);
    expect(pages.length).toBeGreaterThan(30);
    const violations: string[] = [];
    const page = await launched.browser.newPage();
    for (const [width, height] of [[1280, 900], [375, 740]] as const) {
      await page.setViewport({ width, height });
      for (const file of pages) {
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
        await page.addScriptTag({ path: axePath });
        const found = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
          return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
        });
        for (const violation of found) violations.push(`${relative(out, file)} @${width}px — ${violation}`);
      }
    }
    await page.close();
    expect(violations).toEqual([]);
  });
});
