import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPdf, destinationPages, allText } from '../../src/print/read-pdf.ts';
import { preparePlan } from '../../src/pipeline.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'src', 'cli', 'bin.js');
let out: string;
let pdfPath: string;
const prepared = preparePlan(root, '2025-26');

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'yjplan-e2e-'));
  // A private TMPDIR: this build's Chromium profile lives there, so its processes can be told from others'.
  mkdirSync(join(out, 'tmp'));
  await run(process.execPath, [cli, 'build', '2025-26', '--out', join(out, 'site'), '--quiet'], { env: { ...process.env, TMPDIR: join(out, 'tmp') } });
  pdfPath = join(out, 'site', '2025-26', 'kelbridge-youth-justice-plan-2025-26.pdf');
});

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('building the example plan', () => {
  it('writes the home page and one page per section, each with the plan title', () => {
    const home = readFileSync(join(out, 'site', '2025-26', 'index.html'), 'utf8');
    expect(home).toContain('<h1 class="govuk-heading-xl">Youth Justice Plan 2025-26</h1>');
    const sections = prepared.derived!.sections;
    expect(sections.length).toBeGreaterThan(20);
    for (const section of sections) {
      const html = readFileSync(join(out, 'site', '2025-26', section.id, 'index.html'), 'utf8');
      expect(html).toContain(`<title>${section.title.replace(/&/g, '&amp;')} – Youth Justice Plan 2025-26`);
    }
  });

  it('prints a tagged A4 PDF with a title, language and an outline of every section', async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(pdfPath)));
    expect(pdf.numPages).toBeGreaterThan(prepared.derived!.sections.length);
    const info = (await pdf.getMetadata()).info as Record<string, string>;
    expect(info.Title).toBe('Youth Justice Plan 2025-26 – Kelbridge Borough Council');
    expect(info.Author).toBe('Kelbridge Youth Justice Service');
    expect(await pdf.getMarkInfo()).toMatchObject({ Marked: true });
    const outline = (await pdf.getOutline()) ?? [];
    const titles = JSON.stringify(outline);
    for (const section of prepared.derived!.sections) expect(titles).toContain(JSON.stringify(section.title).slice(1, -1));
    const page = await pdf.getPage(1);
    const [, , width, height] = page.view as [number, number, number, number];
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    await pdf.destroy();
  });

  it('prints contents page numbers equal to the pages the sections start on', async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(pdfPath)));
    const sections = prepared.derived!.sections;
    const pages = await destinationPages(pdf, sections.map((s) => s.id));
    const contents = (await allText(pdf)).slice(1, 4).join('\n');
    for (const section of sections) {
      const page = pages.get(section.id);
      expect(page, section.id).toBeGreaterThan(2);
      const escaped = section.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s*');
      expect(contents, section.title).toMatch(new RegExp(`${escaped}[\\s\\S]{0,40}?\\b${page}\\b`));
    }
    await pdf.destroy();
  });

  it('leaves no Chromium running', async () => {
    const { stdout } = await run('ps', ['-eo', 'args']).catch(() => ({ stdout: '' }));
    expect(stdout.split('\n').filter((line) => line.includes(join(out, 'tmp')))).toEqual([]);
  });

  it('builds the HTML but fails the PDF step with install advice when no browser is found', async () => {
    const target = join(out, 'no-browser');
    const failure = await run(process.execPath, [cli, 'build', '2025-26', '--out', target], { env: { ...process.env, YJPLAN_BROWSER: '/nonexistent/chromium' } }).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toMatch(/apt-get install -y chromium/);
    expect(failure?.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(target, '2025-26', 'index.html'))).toBe(true);
  });

  it('sets the document language from the plan', async () => {
    const document = await PDFDocument.load(readFileSync(pdfPath), { updateMetadata: false });
    expect(String(document.catalog.get(PDFName.of('Lang')))).toBe('(en-GB)');
  });

  it('marks every page of a draft plan DRAFT, and leaves no page blank', async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(pdfPath)));
    const pages = await allText(pdf);
    expect(pages.filter((text) => !/DRAFT/.test(text))).toEqual([]);
    expect(pages.filter((text) => text.replace(/DRAFT – not approved|Page \d+ of \d+/g, '').trim().length < 20)).toEqual([]);
    await pdf.destroy();
  });

  it('tags tables as tables and charts as figures with alternative text', async () => {
    const pdf = await openPdf(new Uint8Array(readFileSync(pdfPath)));
    const roles = new Set<string>();
    const figureAlts: string[] = [];
    const walk = (node: { role?: string; alt?: string; children?: unknown[] } | null) => {
      if (!node) return;
      if (node.role) roles.add(node.role);
      if (node.role === 'Figure' && node.alt) figureAlts.push(node.alt);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    for (let n = 1; n <= pdf.numPages; n++) walk((await (await pdf.getPage(n)).getStructTree()) as never);
    expect([...roles]).toEqual(expect.arrayContaining(['H1', 'H2', 'Table', 'TH', 'TD', 'L', 'LI']));
    expect(figureAlts.length).toBeGreaterThan(0);
    await pdf.destroy();
  });

  it('prints charts at 250 ppi or more', async () => {
    const { stdout } = await run('pdfimages', ['-list', pdfPath]);
    const rows = stdout.split('\n').slice(2).filter(Boolean).map((line) => line.trim().split(/\s+/));
    // Columns: page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
    const charts = rows.filter((cols) => cols[2] === 'image' && Number(cols[3]) > 300);
    expect(charts.length).toBeGreaterThan(0);
    for (const cols of charts) expect(Math.min(Number(cols[12]), Number(cols[13]))).toBeGreaterThanOrEqual(250);
  });

  it('verifies the PDF against the plan, and refuses it once the plan changes', async () => {
    const ok = await run(process.execPath, [cli, 'verify', pdfPath, '2025-26']);
    expect(ok.stdout).toMatch(/matches plan 2025-26/);
    const text = (await allText(await openPdf(new Uint8Array(readFileSync(pdfPath))))).join('\n');
    const printed = /Plan fingerprint:\s*([0-9a-f\s]{64,80})/.exec(text)?.[1]?.replace(/\s+/g, '').slice(0, 64);
    expect(printed).toBe(prepared.loaded && (await import('../../src/print/fingerprint.ts')).fingerprintOf(prepared.loaded));

    const copy = join(out, 'changed');
    cpSync(join(root, 'data'), join(copy, 'data'), { recursive: true });
    cpSync(join(root, 'content'), join(copy, 'content'), { recursive: true });
    writeFileSync(join(copy, 'content', '2025-26', 'introduction.md'), readFileSync(join(copy, 'content', '2025-26', 'introduction.md'), 'utf8') + '\nOne more sentence.\n');
    const changed = await run(process.execPath, [cli, 'verify', pdfPath, '2025-26', '--root', copy]).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(changed?.code).toBe(1);
    expect(changed?.stdout).toMatch(/does not match plan 2025-26/);
  });

  it('prints no DRAFT mark once the board has approved the plan', async () => {
    const approved = join(out, 'approved');
    cpSync(join(root, 'data'), join(approved, 'data'), { recursive: true });
    cpSync(join(root, 'content'), join(approved, 'content'), { recursive: true });
    const planFile = join(approved, 'data', '2025-26', 'plan.yaml');
    writeFileSync(
      planFile,
      readFileSync(planFile, 'utf8')
        .replace('current: draft', 'current: board-approved')
        .replace(/(history:\n(?:    .*\n|  - .*\n)*)/, '$1    - status: board-approved\n      date: 2025-06-20\n      by: Youth Justice Management Board\n'),
    );
    await run(process.execPath, [cli, 'build', '2025-26', '--root', approved, '--out', join(approved, '_site'), '--quiet']);
    const pdf = await openPdf(new Uint8Array(readFileSync(join(approved, '_site', '2025-26', 'kelbridge-youth-justice-plan-2025-26.pdf'))));
    const pages = await allText(pdf);
    expect(pages.filter((text) => /DRAFT/.test(text))).toEqual([]);
    await pdf.destroy();
  });
});
