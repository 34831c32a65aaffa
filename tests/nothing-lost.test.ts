/**
 * Nothing lost (issue 7): a failed build leaves the last good site as it was, builds are reproducible
 * byte for byte, builds side by side do not interfere, the output folder can never be the plan itself,
 * and a browser that hangs or crashes is killed with a clear message and no process left behind.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allText, openPdf } from '../src/print/read-pdf.ts';

const repo = join(import.meta.dirname, '..');
const cli = join(repo, 'src', 'cli', 'bin.js');
const minimal = join(import.meta.dirname, 'fixtures', 'good-minimal');
const scratch = mkdtempSync(join(tmpdir(), 'yjplan-nothing-lost-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const STACK_TRACE = /\n\s+at /;

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Every file under a folder, by relative path, with the SHA-256 of its bytes. */
function tree(dir: string, only: RegExp = /./): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(dir, name);
    if (only.test(name) && statSync(path).isFile()) files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return files;
}

/** A private copy of a project, so a test may break it. */
function copyProject(from: string, name: string): string {
  const root = join(scratch, name);
  for (const folder of ['data', 'content']) cpSync(join(from, folder), join(root, folder), { recursive: true });
  return root;
}

/** Staging folders a build leaves beside its output when it does not clean up. */
function leftovers(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.includes('.building-'));
}

describe('a failed build', () => {
  it('leaves the last good site exactly as it was, and says so', async () => {
    const project = copyProject(minimal, 'failing');
    const out = join(scratch, 'failing-site');
    const good = await run(['build', '--no-pdf', '--quiet', '--root', project, '--out', out]);
    expect(good.code, good.stderr).toBe(0);
    const before = tree(out);
    expect(Object.keys(before).length).toBeGreaterThan(20);

    const planFile = join(project, 'data', '2025-26', 'plan.yaml');
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace('age10to17: 21480', 'age10to17: "21,480"'));
    const failed = await run(['build', '--no-pdf', '--root', project, '--out', out]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('data/2025-26/plan.yaml:12:14  error  `population.age10to17` is the text "21,480", not a number');
    expect(failed.stderr).toMatch(/nothing was written; the previous output is unchanged/);
    expect(failed.stderr).not.toMatch(STACK_TRACE);
    expect(tree(out)).toEqual(before);
    expect(leftovers(scratch)).toEqual([]);
  });

  it('refuses an output folder that would replace the plan or someone else’s files', async () => {
    const project = copyProject(minimal, 'guarded');
    const mine = join(scratch, 'my-documents');
    mkdirSync(mine);
    writeFileSync(join(mine, 'budget-2024.xlsx'), 'not a site');
    const before = { content: tree(join(project, 'content')), data: tree(join(project, 'data')) };
    const attempts = [
      [project, /holds the project itself/],
      [join(project, 'content'), /is in content\//],
      [join(project, 'data', '2025-26'), /is in data\//],
      [scratch, /holds the project itself/],
      [mine, /holds files that yjplan did not build/],
    ] as const;
    const results = await Promise.all(attempts.map(([out]) => run(['build', '--no-pdf', '--root', project, '--out', out])));
    for (const [index, [out, message]] of attempts.entries()) {
      expect(results[index]!.code, out).toBe(1);
      expect(results[index]!.stderr, out).toMatch(message);
      expect(results[index]!.stderr).not.toMatch(STACK_TRACE);
    }
    expect({ content: tree(join(project, 'content')), data: tree(join(project, 'data')) }).toEqual(before);
    expect(readFileSync(join(mine, 'budget-2024.xlsx'), 'utf8')).toBe('not a site');
  });
});

describe('building the example plan', () => {
  const outputs = ['first', 'second', 'together-a', 'together-b'].map((name) => join(scratch, `example-${name}`));
  const published = /\.(html|csv|json)$/;
  let first: Record<string, string>;

  beforeAll(async () => {
    const result = await run(['build', '2025-26', '--no-pdf', '--quiet', '--root', repo, '--out', outputs[0]!]);
    expect(result.code, result.stderr).toBe(0);
    first = tree(outputs[0]!, published);
  });

  it('gives byte-identical HTML, CSV and JSON twice over (no build timestamps)', async () => {
    const result = await run(['build', '2025-26', '--no-pdf', '--quiet', '--root', repo, '--out', outputs[1]!]);
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(first).filter((name) => name.endsWith('.html')).length).toBeGreaterThan(30);
    expect(Object.keys(first).some((name) => name.endsWith('.csv'))).toBe(true);
    expect(Object.keys(first).some((name) => name.endsWith('.json'))).toBe(true);
    expect(tree(outputs[1]!, published)).toEqual(first);
  });

  it('runs two builds at once into different folders without either disturbing the other', async () => {
    const results = await Promise.all([run(['build', '2025-26', '--no-pdf', '--quiet', '--root', repo, '--out', outputs[2]!]), run(['build', '2025-26', '--no-pdf', '--quiet', '--root', repo, '--out', outputs[3]!])]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(tree(outputs[2]!, published)).toEqual(first);
    expect(tree(outputs[3]!, published)).toEqual(first);
    expect(leftovers(scratch)).toEqual([]);
  });
});

describe('printing twice', () => {
  it('gives PDFs with the same text, pages and outline', async () => {
    const project = copyProject(minimal, 'pdf-twice');
    const pdfs: { pages: string[]; outline: string }[] = [];
    for (const name of ['pdf-a', 'pdf-b']) {
      const result = await run(['build', '--quiet', '--root', project, '--out', join(scratch, name)]);
      expect(result.code, result.stderr).toBe(0);
      const pdf = await openPdf(new Uint8Array(readFileSync(join(scratch, name, '2025-26', 'kelbridge-youth-justice-plan-2025-26.pdf'))));
      pdfs.push({ pages: await allText(pdf), outline: JSON.stringify(await pdf.getOutline()) });
      await pdf.destroy();
    }
    expect(pdfs[0]!.pages.length).toBeGreaterThan(5);
    expect(pdfs[1]).toEqual(pdfs[0]);
  });
});

describe('a browser that hangs or crashes', () => {
  const fake = join(scratch, 'fake-browser');
  const pids = join(fake, 'pids');
  const project = join(scratch, 'printing');
  const out = join(scratch, 'printing-site');
  let before: Record<string, string>;

  beforeAll(async () => {
    mkdirSync(fake, { recursive: true });
    // Starts a helper process (as Chromium does), records both, and never announces a DevTools endpoint.
    writeFileSync(join(fake, 'hang.sh'), `#!/bin/sh\necho $$ >> "${pids}"\nsleep 600 &\necho $! >> "${pids}"\nwait\n`);
    writeFileSync(join(fake, 'crash.sh'), '#!/bin/sh\necho "chromium: cannot open shared object file" >&2\nexit 127\n');
    chmodSync(join(fake, 'hang.sh'), 0o755);
    chmodSync(join(fake, 'crash.sh'), 0o755);
    copyProject(minimal, 'printing');
    const good = await run(['build', '--no-pdf', '--quiet', '--root', project, '--out', out]);
    expect(good.code, good.stderr).toBe(0);
    before = tree(out);
  });

  /** True while the process exists and is not a zombie waiting to be reaped. */
  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return true;
    }
  }

  it('kills a browser that never starts, within the launch timeout, and leaves no process behind', async () => {
    const result = await run(['build', '--root', project, '--out', out], { YJPLAN_BROWSER: join(fake, 'hang.sh'), YJPLAN_BROWSER_TIMEOUT: '3' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the browser at .*hang\.sh did not start within 3 s and was stopped/);
    expect(result.stderr).toMatch(/Nothing was published: the previous output in .* is unchanged/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.ms).toBeLessThan(30_000);
    const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(started.length).toBe(2);
    expect(started.filter(alive)).toEqual([]);
    expect(tree(out)).toEqual(before);
    expect(leftovers(scratch)).toEqual([]);
  });

  it('reports a browser that crashes at once, with what it said', async () => {
    const result = await run(['build', '--root', project, '--out', out], { YJPLAN_BROWSER: join(fake, 'crash.sh') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/the browser at .*crash\.sh stopped as soon as it started .*cannot open shared object file/);
    expect(result.stderr).toMatch(/the previous output in .* is unchanged/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(tree(out)).toEqual(before);
  });

  it('shows the stack trace only when asked with --debug', async () => {
    const result = await run(['build', '--debug', '--root', project, '--out', out], { YJPLAN_BROWSER: join(fake, 'crash.sh') });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(STACK_TRACE);
  });
});
