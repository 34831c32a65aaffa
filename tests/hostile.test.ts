/**
 * Hostile and broken input (issue 7): every case under tests/fixtures/bad/ is a small project with the
 * error (file, line, column, code, message) or the warnings it must produce. Cases that must build also
 * have their HTML searched for anything an author could have injected. Large files are generated here,
 * into a temporary folder, never committed.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preparePlan } from '../src/pipeline.ts';
import { buildSite } from '../src/build.ts';
import type { Diagnostic } from '../src/diagnostics.ts';

const repo = join(import.meta.dirname, '..');
const cli = join(repo, 'src', 'cli', 'bin.js');
const corpus = join(import.meta.dirname, 'fixtures', 'bad');
const scratch = mkdtempSync(join(tmpdir(), 'yjplan-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Expected {
  exit: 0 | 1;
  file?: string;
  line?: number;
  col?: number;
  code?: string;
  /** A substring of the message. */
  message?: string;
  /** A substring of the hint. */
  hint?: string;
  /** Codes of further errors the case must also produce. */
  also?: string[];
  /** For cases that must work: exactly these warnings (message as a substring). */
  warnings?: { file: string; line: number; col: number; code: string; message: string }[];
  /** Build the HTML and search it for injected markup. */
  build?: boolean;
  html?: { contains?: string[] };
  /** Symbolic links made at run time (git need not carry links to /etc). */
  symlinks?: Record<string, string>;
  /** A large or pathological file written at run time. */
  generate?: string;
  /** Every .yaml and .md file gets Windows (CRLF) line endings at run time. */
  crlf?: boolean;
}

const cases = readdirSync(corpus)
  .filter((name) => existsSync(join(corpus, name, 'expected.json')))
  .sort()
  .map((name) => ({ name, expected: JSON.parse(readFileSync(join(corpus, name, 'expected.json'), 'utf8')) as Expected }));

const BASE_PLAN = readFileSync(join(corpus, '46-byte-order-mark', 'data', '2025-26', 'plan.yaml'), 'utf8').replace(/^\uFEFF/, '');

/** Writes the generated file of a case: 10 MB, deep nesting, alias bombs, a pasted spreadsheet. */
function generate(kind: string, planFile: string): void {
  const lines = (count: number, line: (i: number) => string) => Array.from({ length: count }, (_, i) => line(i)).join('\n') + '\n';
  switch (kind) {
    case 'ten-megabytes': {
      const padding = '    ' + 'Kelbridge youth justice partnership notes pasted from a spreadsheet export. '.repeat(2) + '\n';
      const head = BASE_PLAN + 'notes: |\n';
      const target = 10 * 1024 * 1024;
      const body = padding.repeat(Math.ceil((target - head.length) / padding.length));
      writeFileSync(planFile, (head + body).slice(0, target));
      break;
    }
    case 'deep-nesting':
      // A million brackets: refused at depth 64, long before the parser's own stack could overflow.
      writeFileSync(planFile, 'a: ' + '['.repeat(500_000) + ']'.repeat(500_000) + '\n');
      break;
    case 'billion-laughs':
      // Ten levels of ten aliases: 10^10 values if expanded.
      writeFileSync(planFile, `l0: &l0 [${Array(10).fill('"lol"').join(', ')}]\n` + lines(9, (i) => `l${i + 1}: &l${i + 1} [${Array(10).fill(`*l${i}`).join(', ')}]`));
      break;
    case 'alias-expansion':
      // Only 42 aliases, under the alias limit, yet 7^7 values once expanded.
      writeFileSync(planFile, `l0: &l0 [${Array(7).fill('"lol"').join(', ')}]\n` + lines(6, (i) => `l${i + 1}: &l${i + 1} [${Array(7).fill(`*l${i}`).join(', ')}]`));
      break;
    case 'pasted-spreadsheet':
      writeFileSync(planFile, BASE_PLAN + lines(20_000, (i) => `row${i + 1}: ${i * 17},${i * 3},Kelbridge`));
      break;
    default:
      throw new Error(`unknown generator ${kind}`);
  }
}

/** A private copy of a case (links and generated files made in it), so nothing can touch the committed corpus. */
function prepareCase(name: string, expected: Expected): string {
  const root = join(scratch, name);
  if (existsSync(root)) return root;
  cpSync(join(corpus, name), root, { recursive: true, filter: (source) => !source.endsWith('expected.json') });
  for (const [link, target] of Object.entries(expected.symlinks ?? {})) {
    mkdirSync(dirname(join(root, link)), { recursive: true });
    symlinkSync(target, join(root, link));
  }
  if (expected.crlf) {
    for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((n) => /\.(ya?ml|md)$/.test(n))) {
      const path = join(root, name);
      writeFileSync(path, readFileSync(path).toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
    }
  }
  if (expected.generate) {
    mkdirSync(join(root, 'data', '2025-26'), { recursive: true });
    generate(expected.generate, join(root, 'data', '2025-26', 'plan.yaml'));
  }
  return root;
}

/** Every file under content/ and data/ with a hash of its bytes (links by their target, never followed). */
function snapshot(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stats = lstatSync(path);
      if (stats.isSymbolicLink()) files[relative(root, path)] = `link:${readlinkSync(path)}`;
      else if (stats.isDirectory()) walk(path);
      else files[relative(root, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(join(root, 'content'));
  walk(join(root, 'data'));
  return files;
}

function matchesError(d: Diagnostic, expected: Expected): boolean {
  return d.severity === 'error' && d.file === expected.file && d.line === expected.line && d.col === expected.col && d.code === expected.code;
}

function describeAll(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.severity} [${d.code}] ${d.message} — ${d.hint ?? ''}`).join('\n');
}

function filesUnder(dir: string, extensions: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => extensions.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** The attributes of one tag, names lower-cased, values as written (entities left as they are). */
function attributes(tag: string): [string, string][] {
  return [...tag.replace(/^<[\w-]+/, '').matchAll(/([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)].map((m) => [m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '']);
}

/** Everything an author's text could do if it reached the page as markup. Empty when the HTML is inert. */
function injectedMarkup(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<[a-zA-Z][^<>]*>/g)) {
    const name = /^<([a-zA-Z][\w-]*)/.exec(tag)![1]!.toLowerCase();
    const attrs = attributes(tag);
    for (const [attr, value] of attrs) {
      if (/^on[a-z]+$/.test(attr)) found.push(`event handler: ${tag}`);
      if (['href', 'src', 'action', 'data', 'formaction', 'xlink:href', 'poster', 'srcset'].includes(attr) && /^\s*(javascript|vbscript|data|file):/i.test(value.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))))) {
        found.push(`script or data URL: ${tag}`);
      }
      if (attr === 'style' && /position\s*:\s*fixed|url\(|expression\(/i.test(value)) found.push(`style attribute: ${tag}`);
      if (['src', 'href', 'srcset'].includes(attr) && /^\s*(https?:)?\/\//i.test(value) && ['img', 'script', 'link', 'iframe', 'source', 'video', 'audio'].includes(name)) found.push(`remote resource: ${tag}`);
    }
    if (['iframe', 'object', 'embed', 'form', 'input', 'base', 'frame', 'frameset', 'applet', 'svg', 'math', 'template'].includes(name)) found.push(`element: ${tag}`);
    if (name === 'meta' && attrs.some(([attr]) => attr === 'http-equiv')) found.push(`meta refresh: ${tag}`);
    // The site's own scripts are files under assets/ and JSON data islands; anything else is injected.
    if (name === 'script' && !/^<script (src="[^"]*assets\/[^"]*"|type="application\/json" id="[\w-]+")>$/.test(tag)) found.push(`script: ${tag}`);
  }
  // The site's own <style> blocks set the brand colour and print layout: never anything an author wrote.
  // Text inside CSS strings (running headers hold section titles) is only text: it is left out.
  for (const [style] of html.matchAll(/<style>[\s\S]*?<\/style>/g)) {
    if (/display:\s*none|@import|url\(|<\/style/i.test(style.slice(7, -8).replace(/"(?:[^"\\\n]|\\.)*"/g, '""'))) found.push(`style element: ${style.slice(0, 80)}`);
  }
  return found;
}

describe('the search for injected markup', () => {
  it('finds each way script could reach a page, and nothing in escaped text', () => {
    const injected = [
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(1)">',
      '<a href="javascript:alert(1)">x</a>',
      '<a href="&#106;avascript:alert(1)">x</a>',
      '<iframe src="https://evil.example/"></iframe>',
      '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
      '<link rel="stylesheet" href="https://fonts.example.com/css">',
      '<style>body { display: none }</style>',
      '<p style="position:fixed;top:0">Pay here</p>',
      '<svg onload="alert(1)"></svg>',
    ];
    for (const html of injected) expect(injectedMarkup(`<p class="govuk-body">${html}</p>`), html).not.toEqual([]);
    const inert = [
      '<p class="govuk-body">&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))</p>',
      '<meta name="description" content="Service &lt;img src=x onerror=alert(1)&gt;">',
      '<script src="../../assets/chart.umd.min.js"></script><script type="application/json" id="chart-fte-config">{"a":"\\u003cscript"}</script>',
      '<style>@page s-1 { @top-left { content: "Offer\\22 ; } body { display: none }"; } }</style>',
    ];
    for (const html of inert) expect(injectedMarkup(html), html).toEqual([]);
  });
});

describe(`the corpus of ${cases.length} bad inputs`, () => {
  it('has at least 40 cases, each with an exact expectation', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const { name, expected } of cases) {
      if (expected.exit === 1) expect([expected.file, expected.line, expected.col, expected.code, expected.message].every((v) => v !== undefined), name).toBe(true);
      else expect(expected.warnings, name).toBeDefined();
    }
  });

  it.each(cases)('$name', async ({ name, expected }) => {
    const root = prepareCase(name, expected);
    if (expected.crlf) expect(readFileSync(join(root, 'data', '2025-26', 'plan.yaml'), 'latin1')).toMatch(/\r\n/);
    const before = snapshot(root);
    const started = Date.now();
    const prepared = preparePlan(root, '2025-26');
    // Even the 10 MB file, the billion laughs and the million brackets are refused quickly.
    expect(Date.now() - started, 'check time in ms').toBeLessThan(10_000);
    const errors = prepared.diagnostics.filter((d) => d.severity === 'error');
    // A minimal plan leaves most sections unwritten: those completeness warnings are not what a case is about.
    const warnings = prepared.diagnostics.filter((d) => d.severity === 'warning' && !d.code.startsWith('completeness.'));
    if (expected.exit === 1) {
      const error = errors.find((d) => matchesError(d, expected));
      expect(error, `expected ${expected.file}:${expected.line}:${expected.col} [${expected.code}] among:\n${describeAll(prepared.diagnostics)}`).toBeDefined();
      expect(error!.message).toContain(expected.message);
      if (expected.hint) expect(error!.hint).toContain(expected.hint);
      for (const code of expected.also ?? []) expect(errors.map((d) => d.code)).toContain(code);
    } else {
      expect(errors, describeAll(errors)).toEqual([]);
      expect(warnings.length, describeAll(warnings)).toBe(expected.warnings!.length);
      for (const want of expected.warnings!) {
        const got = warnings.find((d) => d.file === want.file && d.line === want.line && d.col === want.col && d.code === want.code);
        expect(got, `expected warning ${want.file}:${want.line}:${want.col} [${want.code}] among:\n${describeAll(warnings)}`).toBeDefined();
        expect(got!.message).toContain(want.message);
      }
    }
    if (expected.build) {
      const out = join(scratch, `${name}-site`);
      await buildSite({ root, outDir: out, pdf: false });
      const pages = filesUnder(out, /\.html$/);
      expect(pages.length).toBeGreaterThan(5);
      const all = pages.map((page) => readFileSync(page, 'utf8'));
      for (const [index, html] of all.entries()) expect(injectedMarkup(html), relative(out, pages[index]!)).toEqual([]);
      for (const text of expected.html?.contains ?? []) expect(all.some((html) => html.includes(text)), `some page contains ${text}`).toBe(true);
    }
    // The tool never writes into content/ or data/.
    expect(snapshot(root)).toEqual(before);
  });
});

const run = (args: string[], options: { env?: NodeJS.ProcessEnv; nodeOptions?: string[] } = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string; ms: number }>((resolve) => {
    const started = Date.now();
    execFile(process.execPath, [...(options.nodeOptions ?? []), cli, ...args], { env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });

const STACK_TRACE = /\n\s+at /;

describe('the command line on bad input', () => {
  // One or two cases from each group, and every generated one: exit code, JSON and no stack trace.
  const subset = cases.filter(({ name }) =>
    /tab-indentation|invalid-utf8|code-execution|ten-megabyte|deep-nesting|alias-expansion|crlf-line-endings|svg-logo-with-script|image-link-leading-out|remote-image$/.test(name),
  );

  it('exits with the expected code, reports the expected place, and never shows a stack trace', async () => {
    expect(subset.length).toBeGreaterThanOrEqual(10);
    const results = await Promise.all(subset.map(({ name, expected }) => run(['check', '--json', '--root', prepareCase(name, expected)]).then((result) => ({ name, expected, result }))));
    for (const { name, expected, result } of results) {
      expect(result.code, `${name}: ${result.stderr}`).toBe(expected.exit);
      expect(result.stderr, name).not.toMatch(STACK_TRACE);
      const report = JSON.parse(result.stdout) as { errors: number; diagnostics: Diagnostic[] };
      if (expected.exit === 1) expect(report.diagnostics.some((d) => matchesError(d, expected)), `${name}:\n${describeAll(report.diagnostics)}`).toBe(true);
      else expect(report.errors).toBe(0);
    }
  });

  it('prints file:line:col with the fix, and a stack trace only with --debug', async () => {
    const { name, expected } = cases.find((c) => c.name.endsWith('unclosed-double-quote'))!;
    const plain = await run(['check', '--root', prepareCase(name, expected)]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toContain('data/2025-26/plan.yaml:2:10  error  the quotation mark (") opened here is never closed — close it at the end of the value');
    expect(plain.stderr).not.toMatch(STACK_TRACE);

    const nowhere = await run(['build', '--no-pdf', '--root', join(scratch, 'no-such-project'), '--out', join(scratch, 'no-such-site')]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/no plans found/);
    expect(nowhere.stderr).not.toMatch(STACK_TRACE);
  });

  it('refuses the billion laughs within a small, fixed amount of memory', async () => {
    const { name, expected } = cases.find((c) => c.name.endsWith('billion-laughs'))!;
    // 10^10 strings would need hundreds of gigabytes: with a 192 MB heap the check must still finish cleanly.
    const result = await run(['check', '--json', '--root', prepareCase(name, expected)], { nodeOptions: ['--max-old-space-size=192'] });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/heap out of memory/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(JSON.parse(result.stdout).diagnostics[0].message).toMatch(/maxAliases/);
    expect(result.ms).toBeLessThan(20_000);
  });
});
