/**
 * One timed print, run by scripts/bench.ts as a child process (so its memory is measured on its own):
 *
 *   floor <site> <plan> <pdf>   a bare puppeteer-core page.pdf of the plan's built print page: launch
 *                               Chromium, open the page, wait for the charts, open <details>, one
 *                               page.pdf with yjplan's options, write the file, close. Nothing else.
 *   print <site> <plan> <pdf>   yjplan's PDF step for the same page: launch, printPlan (contents measured
 *                               and read back, metadata and bookmarks written), close.
 *
 * Prints one line of JSON: { ms, pdfMs, pages, renders }.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { findBrowser, launchBrowser } from '../src/print/browser.ts';
import { printPlan } from '../src/print/pdf.ts';

const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, tagged: true, outline: true } as const;
// The same flags as src/print/browser.ts, so the floor runs the browser exactly as yjplan does.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'];

async function floor(site: string, plan: string, pdf: string): Promise<Record<string, number>> {
  const profile = mkdtempSync(join(tmpdir(), 'yjplan-floor-'));
  const started = performance.now();
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, userDataDir: profile, args: ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(site, plan, 'print', 'index.html')).href, { waitUntil: 'load' });
    if (await page.$('canvas[data-chart]')) await page.waitForFunction(() => document.documentElement.dataset.chartsReady === 'true', { timeout: 60_000 });
    await page.$$eval('details', (nodes) => nodes.forEach((node) => ((node as HTMLDetailsElement).open = true)));
    const before = performance.now();
    const bytes = await page.pdf({ ...PDF_OPTIONS, timeout: 120_000 });
    const pdfMs = performance.now() - before;
    writeFileSync(pdf, bytes);
    await browser.close();
    return { ms: performance.now() - started, pdfMs, renders: 1 };
  } finally {
    await browser.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function print(site: string, plan: string, pdf: string): Promise<Record<string, number>> {
  const started = performance.now();
  const launched = await launchBrowser();
  try {
    const result = await printPlan(launched.browser, {
      siteDir: site,
      planId: plan,
      pdfFile: relative(site, pdf),
      title: `Youth Justice Plan ${plan}`,
      author: 'Benchmark',
      subject: 'Benchmark print',
      keywords: ['youth justice plan'],
      fingerprint: '0'.repeat(64),
      sections: 40,
    });
    await launched.browser.close();
    return { ms: performance.now() - started, pages: result.pages, renders: result.renders };
  } finally {
    await launched.close();
  }
}

const [mode, site, plan, pdf] = process.argv.slice(2);
if (!site || !plan || !pdf || (mode !== 'floor' && mode !== 'print')) {
  console.error('usage: node --import tsx scripts/bench-print.ts floor|print <site> <plan> <pdf>');
  process.exit(1);
}
const result = await (mode === 'floor' ? floor(site, plan, pdf) : print(site, plan, pdf));
console.log(JSON.stringify(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Math.round(v)]))));
// Nothing is left to wait for: skip the browser wrapper's grace timer.
process.exit(0);
