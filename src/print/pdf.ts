import { writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PDFDict, PDFDocument, PDFObject } from 'pdf-lib';
import type { Browser, HTTPRequest, Page } from 'puppeteer-core';
import { UserFacingError } from '../diagnostics.ts';
import { PdfName as Name, PdfRef, PdfString, destinationPages, openPdf, quickDestinationPages, readPdfStructure, type PdfDict, type PdfStructure, type PdfValue } from './read-pdf.ts';

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
  /** The contents page numbers of this plan's last print (section id → page), tried before measuring. */
  contentsGuess?: Record<string, string>;
}

export interface PrintResult {
  file: string;
  pages: number;
  renders: number;
  milliseconds: number;
  /** The contents page numbers printed (section id → page). */
  contents?: Record<string, string>;
}

const FINGERPRINT_KEYWORD = 'yjplan-fingerprint:';

/**
 * Prints a plan's print page to PDF: every request must stay inside the site folder, every chart must
 * draw, and the contents page numbers are read back from the PDF and written in until they are stable.
 * `reuse` is a page of an earlier print to load this one in (its listeners are removed after each print):
 * a new tab costs Chromium a renderer process, and reusing one keeps chart.js compiled.
 */
export async function printPlan(browser: Browser, job: PrintJob, reuse?: Page): Promise<PrintResult> {
  const started = Date.now();
  const page = reuse ?? (await browser.newPage());
  const problems: string[] = [];
  const detach: (() => void)[] = [];
  try {
    detach.push(await guardRequests(page, job.siteDir, problems));
    const onError = (error: unknown) => problems.push(`a script on the print page failed: ${(error as Error).message}`);
    page.on('pageerror', onError);
    detach.push(() => page.off('pageerror', onError));
    const timeout = 30_000 + job.sections * 2_000;
    page.setDefaultTimeout(timeout);
    const url = pathToFileURL(join(job.siteDir, job.planId, 'print', 'index.html')).href;
    await page.goto(url, { waitUntil: 'load' });
    await waitForCharts(page, timeout, problems);
    failOn(problems, job);
    // Closed <details> (a chart's data table, last year's budget) print nothing: open them all on paper.
    // Each call below is one page.evaluate over document.querySelectorAll: `$$eval` makes a handle per
    // element, several protocol messages each, which cost more than the print's own work for a long plan.
    await page.evaluate(() => document.querySelectorAll('details').forEach((node) => (node.open = true)));

    const targets = await page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('[data-toc-target]')).map((node) => node.dataset.tocTarget!));
    const fill = (numbers: Record<string, string>) =>
      page.evaluate((values) => document.querySelectorAll<HTMLElement>('[data-toc-target]').forEach((node) => (node.textContent = values[node.dataset.tocTarget!] ?? '?')), numbers);
    const numbersIn = async (pdf: Uint8Array, structure: PdfStructure | undefined): Promise<Record<string, string>> => {
      const pages = structure ? quickDestinationPages(structure, targets) : await destinationPagesWithPdfjs(pdf, targets);
      return Object.fromEntries(targets.map((id) => [id, String(pages.get(id) ?? '?')]));
    };
    let renders = 0;
    // The contents page numbers: last print's when the caller has them (a small edit rarely moves a
    // section to another page), else measured by a quick print with everything invisible (visibility keeps
    // every box where it was, and Chromium still writes the sections' destinations) and without tags or
    // outline, which lays out exactly like the real print in a quarter of the time. Either way the real
    // print below is read back and reprinted until its numbers are right.
    let numbers = job.contentsGuess && sameKeys(job.contentsGuess, targets) ? job.contentsGuess : undefined;
    if (!numbers) {
      await setEverythingHidden(page, true);
      const draft = await page.pdf({ preferCSSPageSize: true, printBackground: false, tagged: false, outline: false, timeout });
      renders++;
      await setEverythingHidden(page, false);
      numbers = await numbersIn(draft, readPdfStructure(draft));
    }
    let pdf: Uint8Array = new Uint8Array();
    let structure: PdfStructure | undefined;
    // Page numbers change the contents' own width only within fixed-width slots, so this settles at once.
    for (let pass = 0; pass < 4; pass++) {
      await fill(numbers);
      pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true, timeout });
      renders++;
      structure = readPdfStructure(pdf);
      const printed = await numbersIn(pdf, structure);
      if (JSON.stringify(printed) === JSON.stringify(numbers)) break;
      numbers = printed;
    }
    failOn(problems, job);
    const headings = await page.evaluate(() => Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6')).map((node) => (node.textContent ?? '').replace(/\s+/g, ' ').trim()));
    const final = (structure && withMetadataAppended(pdf, structure, job, headings)) ?? (await withMetadata(pdf, job, headings));
    const file = join(job.siteDir, job.pdfFile);
    writeFileSync(file, final);
    return { file, pages: structure?.pages.length ?? (await pageCountWithPdfjs(final)), renders, milliseconds: Date.now() - started, contents: numbers };
  } finally {
    for (const undo of detach) undo();
    if (!reuse) await page.close().catch(() => undefined);
  }
}

function sameKeys(numbers: Record<string, string>, targets: string[]): boolean {
  const keys = Object.keys(numbers);
  return keys.length === targets.length && targets.every((id) => id in numbers);
}

/** Hides or shows the whole page without moving anything: `visibility` keeps each box in place. */
async function setEverythingHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((hide) => {
    const id = 'yjplan-measuring';
    if (!hide) return document.getElementById(id)?.remove();
    const style = document.head.appendChild(document.createElement('style'));
    style.id = id;
    style.textContent = 'body * { visibility: hidden !important; }';
  }, hidden);
}

async function destinationPagesWithPdfjs(pdf: Uint8Array, targets: string[]): Promise<Map<string, number>> {
  const document = await openPdf(pdf);
  try {
    return await destinationPages(document, targets);
  } finally {
    await document.destroy();
  }
}

async function pageCountWithPdfjs(pdf: Uint8Array): Promise<number> {
  const document = await openPdf(pdf);
  const count = document.numPages;
  await document.destroy();
  return count;
}

/** Only files inside the built site may load; anything else fails the print with its URL named. */
async function guardRequests(page: Page, siteDir: string, problems: string[]): Promise<() => void> {
  const root = resolve(siteDir) + sep;
  await page.setRequestInterception(true);
  const onRequest = (request: HTTPRequest) => {
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
  };
  const onFailed = (request: HTTPRequest) => {
    const reason = request.failure()?.errorText ?? 'failed';
    if (reason !== 'net::ERR_BLOCKED_BY_CLIENT') problems.push(`missing file: ${decodeURIComponent(request.url().replace(/^file:\/\//, ''))} (${reason})`);
  };
  page.on('request', onRequest);
  page.on('requestfailed', onFailed);
  return () => {
    page.off('request', onRequest);
    page.off('requestfailed', onFailed);
  };
}

async function waitForCharts(page: Page, timeout: number, problems: string[]): Promise<void> {
  const charts = await page.evaluate(() => document.querySelectorAll('canvas[data-chart]').length);
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

/**
 * Author, subject and keywords set in place: loading and saving keeps Chromium's tags and outline. The
 * fallback of `withMetadataAppended`; pdf-lib is loaded only then.
 */
async function withMetadata(pdf: Uint8Array, job: PrintJob, headings: string[]): Promise<Uint8Array> {
  const pdfLib = await import('pdf-lib');
  const document = await pdfLib.PDFDocument.load(pdf, { updateMetadata: false });
  repairOutlineTitles(pdfLib, document, headings);
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
function repairOutlineTitles(pdfLib: typeof import('pdf-lib'), document: PDFDocument, headings: string[]): void {
  const { PDFDict, PDFHexString, PDFName, PDFString } = pdfLib;
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

/**
 * The same metadata and bookmark titles as `withMetadata`, written as an incremental update appended to
 * Chromium's file (PDF 32000-1 §7.5.6): a new Info dictionary and the changed bookmarks, with their own
 * cross-reference section. Nothing of Chromium's output is rewritten, so tags, outline and destinations
 * stay byte for byte; it takes milliseconds where pdf-lib's load and save of an 80-page plan take most of
 * a second. Undefined when the file is not laid out as expected: the caller then uses pdf-lib.
 */
export function withMetadataAppended(pdf: Uint8Array, structure: PdfStructure, job: PrintJob, headings: string[]): Uint8Array | undefined {
  try {
    const { trailer, resolve } = structure;
    const rootRef = trailer.get('Root');
    const catalog = resolve(rootRef);
    const size = trailer.get('Size');
    if (!(rootRef instanceof PdfRef) || !(catalog instanceof Map) || typeof size !== 'number') return undefined;
    const changed = new Map<number, { gen: number; value: PdfValue }>();

    const previousInfo = resolve(trailer.get('Info'));
    const info: PdfDict = new Map(previousInfo instanceof Map ? previousInfo : []);
    const text = (value: string) => PdfString.fromText(value);
    info.set('Title', text(job.title));
    info.set('Author', text(job.author));
    info.set('Subject', text(job.subject));
    info.set('Keywords', text([...job.keywords, `${FINGERPRINT_KEYWORD}${job.fingerprint}`].join(' ')));
    info.set('Creator', text('yjplan'));
    info.set('Producer', text('yjplan with Chromium'));
    const infoNum = size;
    changed.set(infoNum, { gen: 0, value: info });

    // The window shows the title, not the file name (pdf-lib's showInWindowTitleBar).
    const preferences = resolve(catalog.get('ViewerPreferences'));
    if (!(preferences instanceof Map) || preferences.get('DisplayDocTitle') !== true) {
      const updated: PdfDict = new Map(preferences instanceof Map ? preferences : []);
      updated.set('DisplayDocTitle', true);
      const preferencesRef = catalog.get('ViewerPreferences');
      if (preferencesRef instanceof PdfRef) changed.set(preferencesRef.num, { gen: preferencesRef.gen, value: updated });
      else changed.set(rootRef.num, { gen: rootRef.gen, value: new Map([...catalog, ['ViewerPreferences', updated]]) });
    }

    const squash = (value: string) => value.replace(/\s+/g, '');
    const byLetters = new Map(headings.map((heading) => [squash(heading), heading]));
    const outlines = resolve(catalog.get('Outlines'));
    const visited = new Set<number>();
    const visit = (ref: PdfValue | undefined, depth: number) => {
      for (let current = ref; current instanceof PdfRef && depth < 12 && !visited.has(current.num); ) {
        visited.add(current.num);
        const item = resolve(current);
        if (!(item instanceof Map)) return;
        const title = item.get('Title');
        if (title instanceof PdfString) {
          const fixed = byLetters.get(squash(title.text()));
          if (fixed && fixed !== title.text()) changed.set(current.num, { gen: current.gen, value: new Map([...item, ['Title', text(fixed)]]) });
        }
        visit(item.get('First'), depth + 1);
        current = item.get('Next');
      }
    };
    if (outlines instanceof Map) visit(outlines.get('First'), 0);

    let body = pdf[pdf.length - 1] === 10 ? '' : '\n';
    const base = pdf.length;
    const offsets = new Map<number, { offset: number; gen: number }>();
    for (const [num, { gen, value }] of [...changed].sort(([a], [b]) => a - b)) {
      offsets.set(num, { offset: base + body.length, gen });
      body += `${num} ${gen} obj\n${serialize(value)}\nendobj\n`;
    }
    const xrefAt = base + body.length;
    body += 'xref\n0 1\n0000000000 65535 f \n';
    const numbers = [...offsets.keys()].sort((a, b) => a - b);
    for (let start = 0; start < numbers.length; ) {
      let end = start;
      while (end + 1 < numbers.length && numbers[end + 1] === numbers[end]! + 1) end++;
      body += `${numbers[start]} ${end - start + 1}\n`;
      for (let k = start; k <= end; k++) {
        const entry = offsets.get(numbers[k]!)!;
        body += `${String(entry.offset).padStart(10, '0')} ${String(entry.gen).padStart(5, '0')} n \n`;
      }
      start = end + 1;
    }
    const newTrailer: PdfDict = new Map([...trailer].filter(([key]) => key !== 'Prev' && key !== 'XRefStm'));
    newTrailer.set('Size', Math.max(size, infoNum + 1));
    newTrailer.set('Info', new PdfRef(infoNum, 0));
    newTrailer.set('Prev', structure.startxref);
    body += `trailer\n${serialize(newTrailer)}\nstartxref\n${xrefAt}\n%%EOF\n`;

    const out = new Uint8Array(base + body.length);
    out.set(pdf, 0);
    out.set(Buffer.from(body, 'latin1'), base);
    return out;
  } catch {
    return undefined;
  }
}

/** PDF syntax for a value read by the small reader; strings are written as hex, so the output is ASCII. */
function serialize(value: PdfValue): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('not a PDF number');
    return Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  }
  if (value instanceof Name) return '/' + value.name.replace(/[^!-~]|[#()<>[\]{}/%]/g, (c) => `#${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  if (value instanceof PdfRef) return `${value.num} ${value.gen} R`;
  if (value instanceof PdfString) return `<${[...value.bytes].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('')}>`;
  if (Array.isArray(value)) return `[${value.map(serialize).join(' ')}]`;
  return `<<${[...value].map(([key, item]) => `${serialize(new Name(key))} ${serialize(item)}`).join('\n')}>>`;
}
