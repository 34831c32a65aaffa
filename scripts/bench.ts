/**
 * `npm run bench`: measures yjplan against its speed targets and writes BENCHMARKS.md.
 *
 *   npm run bench                  the full run (about 15 minutes on 2 cores): writes BENCHMARKS.md
 *   npm run bench -- --quick       10 plans, 1 run each (a minute or two): prints, writes nothing
 *   options: --plans N  --runs N  --seed N  --out FILE  --keep (keep the temporary projects)
 *
 * Every measured command runs as a child process, as an author would run it. Its wall time is taken from
 * spawn to exit; its memory is the peak, over samples every 50 ms, of the summed proportional set size
 * (PSS, so pages Chromium's processes share are counted once) of the child and all its descendants, read
 * from /proc. The CPU time of each process is read from /proc too, so a figure that misses its target can
 * say whether Node or Chromium spent the time. Each figure is the median of several runs, with min and max.
 */
import { spawn, execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { copyExample, generatePlans, readBasePlan, writePlans } from './generate-plans.ts';
import { findBrowser } from '../src/print/browser.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'src', 'cli', 'bin.js');

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean' },
    plans: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const quick = Boolean(args.quick);
const PLANS = Number(args.plans ?? (quick ? 10 : 150));
const RUNS = Number(args.runs ?? (quick ? 1 : 5));
const SEED = Number(args.seed);
const outFile = args.out ? resolve(args.out) : quick ? undefined : join(repo, 'BENCHMARKS.md');

const TARGETS = {
  fullBuildMs: 4_000,
  pdfRatio: 2.5,
  liveMs: 300,
  siteHtmlMs: 20_000,
  sitePdfMs: 240_000,
  siteMemoryMB: 1_536,
  incrementalMs: 5_000,
  linearTolerance: 0.2,
};

// ---------------------------------------------------------------------------------------------------
// Running a child and sampling its process tree.

interface ProcessCpu {
  name: string;
  cpuMs: number;
}

interface Run {
  ms: number;
  code: number;
  /** Peak summed PSS of the process tree, MB. */
  peakMB: number;
  stdout: string;
  stderr: string;
  /** Each stdout line with the milliseconds since spawn when it arrived. */
  lines: { at: number; text: string }[];
  /** CPU time per process name (node, chromium renderer, …), summed over the run. */
  cpu: ProcessCpu[];
}

const TICKS = Number(safeExec('getconf', ['CLK_TCK']) || 100);

function safeExec(command: string, argv: string[]): string {
  try {
    return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Every process whose ancestry leads to `root`, with its parent, from /proc/<pid>/stat. */
function tree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readText(`/proc/${name}/stat`);
    if (!stat) continue;
    parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  }
  const members = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!members.has(pid) && members.has(ppid)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  return [...members];
}

/** PSS in kB (RSS where smaps_rollup cannot be read). */
function memoryKB(pid: number): number {
  const rollup = readText(`/proc/${pid}/smaps_rollup`);
  const pss = rollup && /^Pss:\s+(\d+)/m.exec(rollup);
  if (pss) return Number(pss[1]);
  const status = readText(`/proc/${pid}/status`);
  return Number((status && /^VmRSS:\s+(\d+)/m.exec(status)?.[1]) ?? 0);
}

/** A short name for a process: node, or Chromium's role (browser, renderer, gpu-process, utility, zygote). */
function processName(pid: number): string {
  // Chromium rewrites its process title, so its arguments may be joined by spaces rather than NULs.
  const cmdline = (readText(`/proc/${pid}/cmdline`) ?? '').split(/\0| /);
  const exe = cmdline[0]?.split('/').pop() ?? '?';
  const type = cmdline.find((arg) => arg.startsWith('--type='))?.slice(7);
  if (/chrom/i.test(exe)) return `chromium ${type ?? 'browser'}`;
  return exe;
}

function cpuMs(pid: number): number {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return 0;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 (utime, stime) of stat are at 11 and 12 after the command name.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each stdout line; resolves `until` early (for servers that keep running). */
  onLine?: (text: string, child: ReturnType<typeof spawn>) => void;
  node?: string[];
}

function run(argv: string[], options: RunOptions = {}): Promise<Run> {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.node ?? []), ...argv], { cwd: options.cwd ?? repo, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const lines: Run['lines'] = [];
    let peakKB = 0;
    const lastCpu = new Map<number, ProcessCpu>();
    const sample = () => {
      if (!child.pid) return;
      let total = 0;
      for (const pid of tree(child.pid)) {
        total += memoryKB(pid);
        const ms = cpuMs(pid);
        if (ms) lastCpu.set(pid, { name: lastCpu.get(pid)?.name ?? processName(pid), cpuMs: ms });
      }
      peakKB = Math.max(peakKB, total);
    };
    const timer = setInterval(sample, 50);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      pending += chunk;
      const parts = pending.split('\n');
      pending = parts.pop()!;
      for (const text of parts) {
        lines.push({ at: performance.now() - started, text });
        options.onLine?.(text, child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    child.on('close', (code) => {
      clearInterval(timer);
      const byName = new Map<string, number>();
      for (const { name, cpuMs: ms } of lastCpu.values()) byName.set(name, (byName.get(name) ?? 0) + ms);
      done({
        ms: performance.now() - started,
        code: code ?? 1,
        peakMB: peakKB / 1024,
        stdout,
        stderr,
        lines,
        cpu: [...byName].map(([name, ms]) => ({ name, cpuMs: ms })).sort((a, b) => b.cpuMs - a.cpuMs),
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Figures.

interface Figure {
  name: string;
  unit: 'ms' | 'x' | '%';
  values: number[];
  memoryMB: number[];
  target?: { limit: number; label: string };
  note?: string;
  /** Extra lines printed under the table for this figure: stage breakdown, CPU by process, profile. */
  detail: string[];
}

const figures: Figure[] = [];
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const seconds = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);
const show = (figure: Figure, value: number) => (figure.unit === 'ms' ? seconds(value) : figure.unit === 'x' ? `${value.toFixed(2)}×` : `${Math.round(value)} %`);
const met = (figure: Figure) => (figure.target ? median(figure.values) <= figure.target.limit : undefined);

function log(line: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function failIf(result: Run, what: string): void {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
}

/** The build's own stage lines: check, html, pdf, publish (ms), with startup and the wait after the last line. */
function stages(result: Run): Record<string, number> {
  const found: Record<string, number> = {};
  let firstAt: number | undefined;
  let builtAt: number | undefined;
  for (const { at, text } of result.lines) {
    const stage = /^\s+(check|html|pdf|publish)\s+.*\((\d+) ms\)$/.exec(text);
    if (stage) {
      found[stage[1]!] = Number(stage[2]);
      if (stage[1] === 'check') firstAt = at;
    }
    if (/^✓ built /.test(text)) builtAt = at;
  }
  if (firstAt !== undefined && found.check !== undefined) found.startup = Math.max(0, firstAt - found.check);
  if (builtAt !== undefined) found.exit = Math.max(0, result.ms - builtAt);
  return found;
}

function stageLine(runs: Run[]): string {
  const keys = ['startup', 'check', 'html', 'pdf', 'publish', 'exit'];
  const all = runs.map(stages);
  const parts = keys.filter((k) => all.some((s) => s[k] !== undefined)).map((k) => `${k} ${seconds(median(all.map((s) => s[k] ?? 0)))}`);
  return `stages (median): ${parts.join(' · ')} — "startup" is process start until the check begins (module loading), "exit" is the last line until the process ends`;
}

function cpuLine(runs: Run[]): string {
  const totals = new Map<string, number[]>();
  for (const run of runs) for (const { name, cpuMs: ms } of run.cpu) totals.set(name, [...(totals.get(name) ?? []), ms]);
  const parts = [...totals].map(([name, values]) => [name, median(values)] as const).sort((a, b) => b[1] - a[1]);
  const sum = parts.reduce((n, [, ms]) => n + ms, 0);
  return `CPU time (median): ${parts.map(([name, ms]) => `${name} ${seconds(ms)}`).join(' · ')} — ${seconds(sum)} in all, on ${availableParallelism()} cores`;
}

async function repeat(name: string, runs: number, prepare: (index: number) => void, argv: (index: number) => string[], options: RunOptions = {}): Promise<Run[]> {
  const results: Run[] = [];
  for (let index = 0; index < runs; index++) {
    prepare(index);
    const result = await run(argv(index), options);
    failIf(result, name);
    results.push(result);
    log(`${name}: run ${index + 1}/${runs} ${seconds(result.ms)}, ${Math.round(result.peakMB)} MB`);
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------
// CPU profiles, for the figures that miss.

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by package or source folder, and the top functions, of the busiest Node thread's profile. */
function summariseProfiles(dir: string): string[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  let best: { groups: Map<string, number>; functions: Map<string, number>; total: number } | undefined;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const groups = new Map<string, number>();
    const functions = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, index) => {
      const node = byId.get(id)!;
      const us = profile.timeDeltas[index] ?? 0;
      const { functionName, url, lineNumber } = node.callFrame;
      if (functionName === '(idle)' || functionName === '(program)') return;
      total += us;
      const pkg = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1];
      const group =
        functionName === '(garbage collector)' ? 'garbage collection' : pkg ? pkg : url.startsWith('node:') ? 'Node internals (module loading, fs)' : url.includes('/src/') ? url.replace(/.*\/src\//, 'src/').split('/').slice(0, 2).join('/') : url ? 'other' : 'native (fs, regexp, JSON, Intl)';
      groups.set(group, (groups.get(group) ?? 0) + us);
      const fn = `${functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*\/(src|scripts)\//, '$1/')}:${lineNumber + 1}`;
      functions.set(fn, (functions.get(fn) ?? 0) + us);
    });
    if (!best || total > best.total) best = { groups, functions, total };
  }
  if (!best) return [];
  const top = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([key, us]) => `${key} ${seconds(us / 1000)} (${Math.round((100 * us) / best!.total)} %)`);
  return [`CPU profile of the main Node thread (${seconds(best.total / 1000)} busy): by package or folder — ${top(best.groups, 8).join(' · ')}`, `hottest functions (self time) — ${top(best.functions, 6).join(' · ')}`];
}

async function profiled(argv: string[], options: RunOptions = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'yjplan-bench-profile-'));
  try {
    const result = await run(argv, { ...options, node: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    failIf(result, `profiled ${argv.join(' ')}`);
    return summariseProfiles(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// The live rebuild: serve, edit, and wait for the served page to show the edit.

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function fetchText(url: string): Promise<string> {
  try {
    const response = await fetch(url);
    return response.ok ? await response.text() : '';
  } catch {
    return '';
  }
}

async function liveRebuild(project: string, edits: number): Promise<{ values: number[]; peakMB: number; reported: number[] }> {
  const port = await freePort();
  const url = `http://localhost:${port}/2025-26/introduction/`;
  const file = join(project, 'content', '2025-26', 'introduction.md');
  const original = readFileSync(file, 'utf8');
  const reported: number[] = [];
  const values: number[] = [];
  const child = spawn(process.execPath, [cli, 'serve', '--root', project, '--port', String(port)], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    for (const m of String(chunk).matchAll(/rebuilt in (\d+) ms/g)) reported.push(Number(m[1]));
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  let peakKB = 0;
  const sampler = setInterval(() => {
    if (child.pid) peakKB = Math.max(peakKB, tree(child.pid).reduce((n, pid) => n + memoryKB(pid), 0));
  }, 100);
  try {
    const ready = Date.now();
    while (!(await fetchText(url)).includes('</html>')) {
      if (Date.now() - ready > 60_000 || child.exitCode !== null) throw new Error(`yjplan serve did not serve ${url} within a minute:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Let the first build's watcher settle before the first edit.
    await new Promise((r) => setTimeout(r, 1500));
    for (let n = 1; n <= edits; n++) {
      const marker = `Benchmark edit number ${n} at ${Date.now()}.`;
      const started = performance.now();
      writeFileSync(file, `${original.trimEnd()}\n\n${marker}\n`);
      while (!(await fetchText(url)).includes(marker)) {
        if (performance.now() - started > 30_000) throw new Error(`the edit did not reach ${url} within 30 s:\n${output}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      values.push(performance.now() - started);
      log(`live rebuild: edit ${n}/${edits} served after ${seconds(values.at(-1)!)}`);
      await new Promise((r) => setTimeout(r, 700));
    }
  } finally {
    clearInterval(sampler);
    writeFileSync(file, original);
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('close', r)));
  }
  return { values, peakMB: peakKB / 1024, reported };
}

// ---------------------------------------------------------------------------------------------------

function machine(): Record<string, string> {
  const browser = findBrowser();
  const chromium = browser ? safeExec(browser, ['--version']).split('\n').pop() ?? '' : 'none';
  const os = readText('/etc/os-release')?.match(/^PRETTY_NAME="?([^"\n]+)/m)?.[1] ?? process.platform;
  return {
    cores: `${availableParallelism()} (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GB`,
    os,
    node: process.version,
    chromium: chromium || 'unknown',
    yjplan: (JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string }).version,
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const load = { before: loadavg()[0]!.toFixed(2) };
  if (!findBrowser()) throw new Error('no Chromium found: run `npm run setup` first');
  const work = mkdtempSync(join(tmpdir(), 'yjplan-bench-'));
  log(`${quick ? 'quick' : 'full'} run: ${PLANS} plans, ${RUNS} run(s) per figure, workspace ${work}`);
  const example = join(work, 'example');
  copyExample(repo, example);
  const site = join(example, '_site');
  const cache = (root: string) => rmSync(join(root, '.yjplan-cache'), { recursive: true, force: true });

  // 1. The example plan: check, HTML, full build cold, PDF step against the floor.
  const checks = await repeat('check (example)', RUNS, () => undefined, () => [cli, 'check', '--root', example]);
  figures.push({ name: 'check, example plan', unit: 'ms', values: checks.map((r) => r.ms), memoryMB: checks.map((r) => r.peakMB), detail: [cpuLine(checks)] });

  const html = await repeat('HTML build (example)', RUNS, () => undefined, () => [cli, 'build', '--no-pdf', '--root', example, '--out', site]);
  figures.push({ name: 'HTML build, example plan (check + HTML)', unit: 'ms', values: html.map((r) => r.ms), memoryMB: html.map((r) => r.peakMB), detail: [stageLine(html)] });

  const full = await repeat('full build, cold (example)', RUNS, () => cache(example), () => [cli, 'build', '--root', example, '--out', site]);
  const fullFigure: Figure = {
    name: 'full build, example plan, cold (check + HTML + PDF, two-pass contents)',
    unit: 'ms',
    values: full.map((r) => r.ms),
    memoryMB: full.map((r) => r.peakMB),
    target: { limit: TARGETS.fullBuildMs, label: '≤ 4 s' },
    detail: [stageLine(full), cpuLine(full)],
  };
  figures.push(fullFigure);

  const floors = await repeat('floor: bare page.pdf (example)', RUNS, () => undefined, () => ['--import', 'tsx', join(repo, 'scripts', 'bench-print.ts'), 'floor', site, '2025-26', join(work, 'floor.pdf')]);
  const prints = await repeat('PDF step (example)', RUNS, () => undefined, () => ['--import', 'tsx', join(repo, 'scripts', 'bench-print.ts'), 'print', site, '2025-26', join(work, 'print.pdf')]);
  const inProcess = (runs: Run[]) => runs.map((r) => (JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; pdfMs?: number; renders?: number }));
  const floorMs = inProcess(floors).map((r) => r.ms);
  const printMs = inProcess(prints).map((r) => r.ms);
  figures.push({ name: 'floor: launch + one bare page.pdf of the print page + close', unit: 'ms', values: floorMs, memoryMB: floors.map((r) => r.peakMB), detail: [`page.pdf call alone (median): ${seconds(median(inProcess(floors).map((r) => r.pdfMs ?? 0)))}`] });
  figures.push({ name: 'PDF step: launch + printPlan (contents measured, read back, metadata) + close', unit: 'ms', values: printMs, memoryMB: prints.map((r) => r.peakMB), detail: [`renders per print: ${inProcess(prints).map((r) => r.renders).join(', ')}`] });
  figures.push({ name: 'PDF step ÷ floor', unit: 'x', values: printMs.map((ms, i) => ms / floorMs[i]!), memoryMB: [], target: { limit: TARGETS.pdfRatio, label: '≤ 2.5×' }, detail: [] });

  // 2. Live rebuild while `serve` runs.
  const live = await liveRebuild(example, Math.max(RUNS, 3));
  figures.push({
    name: 'live rebuild after a prose edit, while serve runs (save → served page shows it)',
    unit: 'ms',
    values: live.values,
    memoryMB: [live.peakMB],
    target: { limit: TARGETS.liveMs, label: '≤ 300 ms' },
    detail: [`serve's own "rebuilt in" (median): ${live.reported.length ? seconds(median(live.reported.slice(1))) : 'not reported'}`],
  });

  // 3. The national site.
  const national = join(work, 'national');
  const generated = generatePlans(readBasePlan(repo), { plans: PLANS, seed: SEED });
  writePlans(national, generated.files);
  log(`generated ${PLANS} plans of ${new Set(generated.plans.map((p) => p.service)).size} services (${generated.files.size} files)`);
  const nationalSite = join(national, '_site');
  const siteRuns = quick ? 1 : Math.min(RUNS, 3);
  const siteHtml = await repeat(`${PLANS}-plan site, HTML only`, siteRuns, () => undefined, () => [cli, 'build', '--no-pdf', '--root', national, '--out', nationalSite]);
  figures.push({ name: `${PLANS}-plan site, HTML only`, unit: 'ms', values: siteHtml.map((r) => r.ms), memoryMB: siteHtml.map((r) => r.peakMB), target: { limit: (TARGETS.siteHtmlMs * PLANS) / 150, label: PLANS === 150 ? '≤ 20 s' : `≤ ${seconds((TARGETS.siteHtmlMs * PLANS) / 150)} (20 s × ${PLANS}/150)` }, detail: [stageLine(siteHtml), cpuLine(siteHtml)] });

  const sitePdfRuns = quick ? 1 : 1;
  const sitePdf = await repeat(`${PLANS}-plan site, HTML and PDFs, cold`, sitePdfRuns, () => cache(national), () => [cli, 'build', '--root', national, '--out', nationalSite]);
  figures.push({
    name: `${PLANS}-plan site, HTML and PDFs, cold (one browser, ${availableParallelism()} pages at a time)`,
    unit: 'ms',
    values: sitePdf.map((r) => r.ms),
    memoryMB: sitePdf.map((r) => r.peakMB),
    target: { limit: (TARGETS.sitePdfMs * PLANS) / 150, label: PLANS === 150 ? '≤ 4 min' : `≤ ${seconds((TARGETS.sitePdfMs * PLANS) / 150)} (4 min × ${PLANS}/150)` },
    detail: [stageLine(sitePdf), cpuLine(sitePdf)],
  });
  figures.push({ name: `${PLANS}-plan site with PDFs: peak memory of the process tree`, unit: 'ms', values: [], memoryMB: sitePdf.map((r) => r.peakMB), target: { limit: TARGETS.siteMemoryMB, label: '≤ 1.5 GB' }, detail: [] });

  // 4. Incremental: one plan's prose changes; only its PDF is printed again.
  const incremental = await repeat(
    `${PLANS}-plan site, one plan changed`,
    quick ? 1 : 3,
    (index) => {
      const plan = generated.plans[(index * 37) % generated.plans.length]!.id;
      appendFileSync(join(national, 'content', plan, 'introduction.md'), `\nA sentence added for benchmark rebuild ${index + 1}.\n`);
    },
    () => [cli, 'build', '--root', national, '--out', nationalSite],
  );
  const reprinted = incremental.map((r) => /pdf\s+(\d+) printed/.exec(r.stdout)?.[1] ?? '0');
  figures.push({
    name: `${PLANS}-plan site, second build with one plan changed (its PDF reprinted, the rest from the cache)`,
    unit: 'ms',
    values: incremental.map((r) => r.ms),
    memoryMB: incremental.map((r) => r.peakMB),
    target: { limit: TARGETS.incrementalMs, label: '≤ 5 s' },
    detail: [`PDFs printed per rebuild: ${reprinted.join(', ')}`, stageLine(incremental)],
  });

  // 5. Linear growth: the same build at a third and two thirds of the plans.
  const sizes = [Math.max(2, Math.round(PLANS / 3)), Math.max(3, Math.round((2 * PLANS) / 3))];
  const growth: { plans: number; ms: number }[] = [];
  for (const size of sizes) {
    const project = join(work, `national-${size}`);
    writePlans(project, generatePlans(readBasePlan(repo), { plans: size, seed: SEED }).files);
    const [result] = await repeat(`${size}-plan site, HTML and PDFs, cold`, 1, () => undefined, () => [cli, 'build', '--root', project, '--out', join(project, '_site')]);
    growth.push({ plans: size, ms: result!.ms });
    rmSync(project, { recursive: true, force: true });
  }
  growth.push({ plans: PLANS, ms: median(sitePdf.map((r) => r.ms)) });
  // A straight line through the two smaller sites, extrapolated to the largest.
  const [a, b, c] = growth as [(typeof growth)[0], (typeof growth)[0], (typeof growth)[0]];
  const slope = (b.ms - a.ms) / (b.plans - a.plans);
  const predicted = b.ms + slope * (c.plans - b.plans);
  const deviation = Math.abs(c.ms - predicted) / predicted;
  figures.push({
    name: `time grows linearly with plans (${growth.map((g) => g.plans).join(', ')} plans, with PDFs): largest site's distance from the line through the smaller two`,
    unit: '%',
    values: [100 * deviation],
    memoryMB: [],
    target: { limit: 100 * TARGETS.linearTolerance, label: '≤ 20 %' },
    detail: [`${growth.map((g) => `${g.plans} plans ${seconds(g.ms)} (${seconds(g.ms / g.plans)} a plan)`).join(' · ')}; the line predicts ${seconds(predicted)} for ${c.plans}`],
  });

  // 6. Profiles of what misses.
  if (!met(fullFigure)) {
    log('profiling the example full build');
    cache(example);
    fullFigure.detail.push(...(await profiled([cli, 'build', '--root', example, '--out', site])));
  }
  const htmlFigure = figures.find((f) => f.name.endsWith('HTML only'))!;
  if (!met(htmlFigure)) {
    log(`profiling the ${PLANS}-plan HTML build`);
    htmlFigure.detail.push(...(await profiled([cli, 'build', '--no-pdf', '--root', national, '--out', nationalSite])));
  }
  const incrementalFigure = figures.find((f) => f.name.includes('one plan changed'))!;
  if (!met(incrementalFigure)) {
    log(`profiling the ${PLANS}-plan incremental build`);
    appendFileSync(join(national, 'content', generated.plans[0]!.id, 'introduction.md'), '\nOne more sentence for the profile.\n');
    incrementalFigure.detail.push(...(await profiled([cli, 'build', '--root', national, '--out', nationalSite])));
  }

  const report = render(machine(), { ...load, after: loadavg()[0]!.toFixed(2) }, Date.now() - started);
  console.log(`\n${report}`);
  if (outFile) {
    writeFileSync(outFile, report);
    log(`wrote ${outFile}`);
  }
  if (args.keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

function render(info: Record<string, string>, load: { before: string; after: string }, elapsed: number): string {
  const rows = figures.map((f) => {
    const value = f.values.length ? show(f, median(f.values)) : `${Math.round(Math.max(...f.memoryMB))} MB`;
    const range = f.values.length > 1 ? `${show(f, Math.min(...f.values))} – ${show(f, Math.max(...f.values))}` : '';
    const memory = f.memoryMB.length ? `${Math.round(Math.max(...f.memoryMB))} MB` : '';
    const verdict = f.target ? ((f.values.length ? median(f.values) : Math.max(...f.memoryMB)) <= f.target.limit ? '**met**' : '**missed**') : '';
    return `| ${f.name} | ${value} | ${range} | ${f.values.length || 1} | ${memory} | ${f.target?.label ?? ''} | ${verdict} |`;
  });
  const details = figures.filter((f) => f.detail.length).map((f) => `- **${f.name}**\n${f.detail.map((line) => `  - ${line}`).join('\n')}`);
  return [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench${quick ? ' -- --quick' : ''}\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}, in ${seconds(elapsed)}.`,
    '',
    '| machine | |',
    '| --- | --- |',
    ...Object.entries(info).map(([key, value]) => `| ${key} | ${value} |`),
    `| load average (1 min) | ${load.before} at the start, ${load.after} at the end |`,
    '',
    `Each figure is the median of the runs shown, with min – max; "memory" is the highest peak, over those runs, of the summed PSS of the command's process tree (Node and every Chromium process), sampled every 50 ms from /proc. Every command runs as a child process from a cold start, as an author would run it; "cold" builds start with no PDF cache. The ${PLANS} plans are generated by scripts/generate-plans.ts (seed ${SEED}).`,
    '',
    '| figure | median | min – max | runs | memory | target | |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Where the time goes',
    '',
    ...details,
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
