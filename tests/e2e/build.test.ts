import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  await run(process.execPath, [cli, 'build', '2025-26', '--out', join(out, 'site'), '--quiet']);
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
    expect(stdout.split('\n').filter((line) => line.includes('yjplan-chromium-'))).toEqual([]);
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
});
