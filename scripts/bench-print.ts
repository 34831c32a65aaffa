/**
 * One timed print, run by scripts/bench.ts as a child process (so its memory is measured on its own):
 *
 *   floor <site> <plan> <pdf>   a bare puppeteer-core page.pdf of the plan's built print page: launch
 *                               Chromium, open the page, wait for the charts, open <details>, one
 *                               page.pdf with yjplan's options, write the file, close. Nothing else.
 *   print <site> <plan> <pdf>   yjplan's PDF step for the same page: launch, printPlan (contents measured
 *                               and read back, metadata and bookmarks written), close.
 *   site-floor <site> <n>       the floor for a whole site: every plan's print page through one bare
 *                               page.pdf, n pages at a time in one browser (as yjplan's pool runs).
 *
 * Prints one line of JSON: { ms, pdfMs, pages, renders }.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { findBrowser, launchBrowser } from '../src/print/browser.ts';
import { printPlan } from '../src/print/pdf.ts';

const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true, tagged: true, outline: true } as const;
// The same flags as src/print/browser.ts, so the floor runs the browser exactly as yjplan does.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'];

/** Open the print page, wait for the charts, open <details>, one page.pdf: returns the page.pdf time. */
async function barePrint(page: Page, site: string, plan: string, pdf: string): Promise<number> {
  await page.goto(pathToFileURL(join(site, plan, 'print', 'index.html')).href, { waitUntil: 'load' });
  if (await page.$('canvas[data-chart]')) await page.waitForFunction(() => document.documentElement.dataset.chartsReady === 'true', { timeout: 60_000 });
  await page.evaluate(() => document.querySelectorAll('details').forEach((node) => (node.open = true)));
  const before = performance.now();
  const bytes = await page.pdf({ ...PDF_OPTIONS, timeout: 120_000 });
  const ms = performance.now() - before;
  writeFileSync(pdf, bytes);
  return ms;
}

async function bareBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'yjplan-floor-'));
  const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, userDataDir: profile, args: ARGS });
  try {
    const result = await use(browser);
    await browser.close();
    return result;
  } finally {
    await browser.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

async function floor(site: string, plan: string, pdf: string): Promise<Record<string, number>> {
  const started = performance.now();
  const pdfMs = await bareBrowser(async (browser) => barePrint(await browser.newPage(), site, plan, pdf));
  return { ms: performance.now() - started, pdfMs, renders: 1 };
}

async function siteFloor(site: string, concurrency: number): Promise<Record<string, number>> {
  const plans = readdirSync(site).filter((name) => existsSync(join(site, name, 'print', 'index.html')));
  const scratch = mkdtempSync(join(tmpdir(), 'yjplan-site-floor-'));
  const started = performance.now();
  let next = 0;
  await bareBrowser((browser) =>
    Promise.all(
      Array.from({ length: concurrency }, async () => {
        const page = await browser.newPage();
        while (next < plans.length) {
          const plan = plans[next++]!;
          await barePrint(page, site, plan, join(scratch, `${plan}.pdf`));
        }
      }),
    ),
  );
  rmSync(scratch, { recursive: true, force: true });
  return { ms: performance.now() - started, plans: plans.length };
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
if (!site || !plan || (mode === 'site-floor' ? false : !pdf || (mode !== 'floor' && mode !== 'print'))) {
  console.error('usage: node --import tsx scripts/bench-print.ts floor|print <site> <plan> <pdf>  |  site-floor <site> <concurrency>');
  process.exit(1);
}
const result = await (mode === 'site-floor' ? siteFloor(site, Number(plan)) : mode === 'floor' ? floor(site, plan, pdf!) : print(site, plan, pdf!));
console.log(JSON.stringify(Object.fromEntries(Object.entries(result).map(([k, v]) => [k, Math.round(v)]))));
// Nothing is left to wait for: skip the browser wrapper's grace timer.
process.exit(0);
