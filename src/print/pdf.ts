import { writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFString, type PDFObject } from 'pdf-lib';
import type { Browser, Page } from 'puppeteer-core';
import { UserFacingError } from '../diagnostics.ts';
import { destinationPages, openPdf } from './read-pdf.ts';

export interface PrintJob {
  /** The built site's folder. */
  siteDir: string;
  planId: string;
  /** Path of the PDF under the site folder, e.g. `2025-26/kelbridge-youth-justice-plan-2025-26.pdf`. */
  pdfFile: string;
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  fingerprint: string;
  /** Number of sections: timeouts grow with the plan. */
  sections: number;
}

export interface PrintResult {
  file: string;
  pages: number;
  renders: number;
  milliseconds: number;
}

const FINGERPRINT_KEYWORD = 'yjplan-fingerprint:';

/**
 * Prints a plan's print page to PDF: every request must stay inside the site folder, every chart must
 * draw, and the contents page numbers are read back from the PDF and written in until they are stable.
 */
export async function printPlan(browser: Browser, job: PrintJob): Promise<PrintResult> {
  const started = Date.now();
  const page = await browser.newPage();
  const problems: string[] = [];
  try {
    await guardRequests(page, job.siteDir, problems);
    page.on('pageerror', (error) => problems.push(`a script on the print page failed: ${(error as Error).message}`));
    const timeout = 30_000 + job.sections * 2_000;
    page.setDefaultTimeout(timeout);
    const url = pathToFileURL(join(job.siteDir, job.planId, 'print', 'index.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    await waitForCharts(page, timeout, problems);
    failOn(problems, job);
    // Closed <details> (a chart's data table, last year's budget) print nothing: open them all on paper.
    await page.$$eval('details', (nodes) => nodes.forEach((node) => ((node as HTMLDetailsElement).open = true)));

    const targets = await page.$$eval('[data-toc-target]', (nodes) => nodes.map((node) => (node as HTMLElement).dataset.tocTarget!));
    let pdf: Uint8Array = new Uint8Array();
    let renders = 0;
    let previous = '';
    // Page numbers change the contents' own width only within fixed-width slots, so this settles in 2 passes.
    for (let pass = 0; pass < 4; pass++) {
      pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout });
      renders++;
      const document = await openPdf(pdf);
      const pages = await destinationPages(document, targets);
      await document.destroy();
      const numbers = Object.fromEntries(targets.map((id) => [id, String(pages.get(id) ?? '?')]));
      const signature = JSON.stringify(numbers);
      if (signature === previous) break;
      previous = signature;
      await page.$$eval(
        '[data-toc-target]',
        (nodes, values) => nodes.forEach((node) => (node.textContent = (values as Record<string, string>)[(node as HTMLElement).dataset.tocTarget!] ?? '?')),
        numbers,
      );
    }
    failOn(problems, job);
    const headings = await page.$$eval('h1, h2, h3, h4, h5, h6', (nodes) => nodes.map((node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim()));
    const final = await withMetadata(pdf, job, headings);
    const file = join(job.siteDir, job.pdfFile);
    writeFileSync(file, final);
    const document = await openPdf(final);
    const pageCount = document.numPages;
    await document.destroy();
    return { file, pages: pageCount, renders, milliseconds: Date.now() - started };
  } finally {
    await page.close().catch(() => undefined);
  }
}

/** Only files inside the built site may load; anything else fails the print with its URL named. */
async function guardRequests(page: Page, siteDir: string, problems: string[]): Promise<void> {
  const root = resolve(siteDir) + sep;
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('file:')) {
      const path = resolve(fileURLToPath(url));
      if (path.startsWith(root)) return void request.continue();
      problems.push(`the print page asked for a file outside the site: ${path}`);
    } else if (!url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`the print page asked for ${url}; the PDF must not depend on other hosts`);
    } else {
      return void request.continue();
    }
    void request.abort('blockedbyclient');
  });
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? 'failed';
    if (reason !== 'net::ERR_BLOCKED_BY_CLIENT') problems.push(`missing file: ${decodeURIComponent(request.url().replace(/^file:\/\//, ''))} (${reason})`);
  });
}

async function waitForCharts(page: Page, timeout: number, problems: string[]): Promise<void> {
  const charts = await page.$$eval('canvas[data-chart]', (nodes) => nodes.length);
  if (charts === 0) return;
  try {
    await page.waitForFunction(() => document.documentElement.dataset.chartsReady === 'true' || document.documentElement.dataset.chartsError !== undefined, { timeout: Math.min(timeout, 20_000) });
  } catch {
    problems.push(`${charts} chart(s) never signalled that they were drawn`);
    return;
  }
  const error = await page.evaluate(() => document.documentElement.dataset.chartsError);
  if (error) problems.push(`a chart failed to draw: ${error}`);
}

function failOn(problems: string[], job: PrintJob): void {
  if (problems.length) throw new UserFacingError(`printing plan ${job.planId} failed:\n  - ${[...new Set(problems)].join('\n  - ')}`);
}

/** Author, subject and keywords set in place: loading and saving keeps Chromium's tags and outline. */
async function withMetadata(pdf: Uint8Array, job: PrintJob, headings: string[]): Promise<Uint8Array> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  repairOutlineTitles(document, headings);
  document.setTitle(job.title, { showInWindowTitleBar: true });
  document.setAuthor(job.author);
  document.setSubject(job.subject);
  document.setKeywords([...job.keywords, `${FINGERPRINT_KEYWORD}${job.fingerprint}`]);
  document.setCreator('yjplan');
  document.setProducer('yjplan with Chromium');
  return document.save({ useObjectStreams: false });
}

export function fingerprintFromKeywords(keywords: string | undefined): string | undefined {
  return keywords?.split(/[\s;,]+/).find((k) => k.startsWith(FINGERPRINT_KEYWORD))?.slice(FINGERPRINT_KEYWORD.length);
}

/**
 * Chromium builds bookmark titles from the laid-out heading and drops the space wherever a heading wraps
 * ("partnershiparrangements"). Each title is matched to the page's heading with the same letters and
 * replaced by it.
 */
function repairOutlineTitles(document: PDFDocument, headings: string[]): void {
  const squash = (text: string) => text.replace(/\s+/g, '');
  const byLetters = new Map(headings.map((heading) => [squash(heading), heading]));
  const outlines = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const visit = (item: PDFDict | undefined, depth: number) => {
    for (let current = item; current && depth < 12; current = current.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = current.lookup(PDFName.of('Title')) as PDFObject | undefined;
      if (title instanceof PDFString || title instanceof PDFHexString) {
        const fixed = byLetters.get(squash(title.decodeText()));
        if (fixed && fixed !== title.decodeText()) current.set(PDFName.of('Title'), PDFHexString.fromText(fixed));
      }
      visit(current.lookupMaybe(PDFName.of('First'), PDFDict), depth + 1);
    }
  };
  visit(outlines?.lookupMaybe(PDFName.of('First'), PDFDict), 0);
}
