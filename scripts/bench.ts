/**
 * `npm run bench`: measures yjplan against its speed targets and writes BENCHMARKS.md.
 *
 *   npm run bench                  the full run (about 15 minutes on 2 cores): writes BENCHMARKS.md
 *   npm run bench -- --quick       10 plans, 1 run each (a minute or two): prints, writes nothing
 *   options: --plans N  --runs N  --seed N  --out FILE  --keep (keep the temporary projects)
 *            --only example,live,site (some parts only; writes nothing)
 *            --render FILE (write BENCHMARKS.md again from the figures a run saved, without measuring)
 *            --merge FILE (with --only: replace those parts' figures in a saved run and write BENCHMARKS.md)
 *
 * Every measured command runs as a child process, as an author would run it. Its wall time is taken from
 * spawn to exit; its memory is the peak, over samples every 250 ms, of the summed proportional set size
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
    only: { type: 'string' },
    render: { type: 'string' },
    merge: { type: 'string' },
  },
});
/** `--only example,live,site` runs just those parts (for trying one change); BENCHMARKS.md is then not written. */
const only = args.only ? new Set(args.only.split(',')) : undefined;
const want = (part: 'example' | 'live' | 'site') => !only || only.has(part);
const quick = Boolean(args.quick);
const PLANS = Number(args.plans ?? (quick ? 10 : 150));
const RUNS = Number(args.runs ?? (quick ? 1 : 5));
const SEED = Number(args.seed);
const outFile = args.out ? resolve(args.out) : quick || (args.only && !args.merge) ? undefined : join(repo, 'BENCHMARKS.md');

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
  load: number;
}

const TICKS = Number(safeExec('getconf', ['CLK_TCK']) || 100);
/**
 * How often the process tree is sampled. Reading smaps_rollup makes the kernel walk each process's page
 * tables: every 50 ms that cost the benchmark 40 % of a core, which on two cores slows what it measures.
 */
const SAMPLE_MS = 250;

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
    const timer = setInterval(sample, SAMPLE_MS);
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
        load: loadavg()[0]!,
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
  /** CPU time of the whole process tree per run (Node and Chromium), where it was measured. */
  cpuMs?: number[];
  /** The machine's 1-minute load average when each run ended: other people's work shows here. */
  load?: number[];
  target?: { limit: number; label: string };
  /** Which note explains a miss (see `boundBy`). */
  kind?: 'full' | 'ratio' | 'live' | 'site-html' | 'site-pdf' | 'memory' | 'incremental' | 'linear';
  /** Medians the note quotes: stage times, the floor, CPU seconds. */
  facts?: Record<string, number>;
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

const treeCpu = (run: Run) => run.cpu.reduce((n, p) => n + p.cpuMs, 0);

/** The median of each stage over the runs, and of the CPU time of Node and of Chromium. */
function facts(runs: Run[]): Record<string, number> {
  const all = runs.map(stages);
  const out: Record<string, number> = {};
  for (const key of ['startup', 'check', 'html', 'pdf', 'publish', 'exit']) if (all.some((s) => s[key] !== undefined)) out[key] = median(all.map((s) => s[key] ?? 0));
  const cpu = (test: (name: string) => boolean) => median(runs.map((r) => r.cpu.filter((p) => test(p.name)).reduce((n, p) => n + p.cpuMs, 0)));
  out.nodeCpu = cpu((name) => !name.startsWith('chromium'));
  out.chromiumCpu = cpu((name) => name.startsWith('chromium'));
  return out;
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
    log(`${name}: run ${index + 1}/${runs} ${seconds(result.ms)}, ${Math.round(result.peakMB)} MB, load ${result.load.toFixed(1)}`);
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

/**
 * Self time by package or source folder, and the top functions, of the busiest Node thread's profile;
 * only the samples inside `windows` (monotonic microseconds, the clock V8 stamps samples with) if given.
 */
function summariseProfiles(dir: string, windows?: [number, number][]): string[] {
  const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  let best: { groups: Map<string, number>; functions: Map<string, number>; total: number } | undefined;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const groups = new Map<string, number>();
    const functions = new Map<string, number>();
    let total = 0;
    let clock = profile.startTime;
    profile.samples.forEach((id, index) => {
      const node = byId.get(id)!;
      const us = profile.timeDeltas[index] ?? 0;
      clock += us;
      if (windows && !windows.some(([from, to]) => clock >= from && clock <= to)) return;
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

async function liveRebuild(project: string, edits: number, profileDir?: string): Promise<{ values: number[]; peakMB: number; reported: number[]; profile: string[] }> {
  const port = await freePort();
  const url = `http://localhost:${port}/2025-26/introduction/`;
  const file = join(project, 'content', '2025-26', 'introduction.md');
  const original = readFileSync(file, 'utf8');
  const reported: number[] = [];
  const values: number[] = [];
  let editing = false;
  const windows: [number, number][] = [];
  const now = () => Number(process.hrtime.bigint() / 1000n);
  const node = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...node, cli, 'serve', '--root', project, '--port', String(port)], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
    if (editing) for (const m of String(chunk).matchAll(/(?:re)?built in (\d+) ms/g)) reported.push(Number(m[1]));
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  let peakKB = 0;
  const sampler = setInterval(() => {
    if (child.pid) peakKB = Math.max(peakKB, tree(child.pid).reduce((n, pid) => n + memoryKB(pid), 0));
  }, SAMPLE_MS);
  try {
    const ready = Date.now();
    while (!(await fetchText(url)).includes('</html>')) {
      if (Date.now() - ready > 60_000 || child.exitCode !== null) throw new Error(`yjplan serve did not serve ${url} within a minute:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Let the first build's watcher settle before the first edit.
    await new Promise((r) => setTimeout(r, 1500));
    editing = true;
    for (let n = 1; n <= edits; n++) {
      const marker = `Benchmark edit number ${n} at ${Date.now()}.`;
      const started = performance.now();
      const from = now();
      writeFileSync(file, `${original.trimEnd()}\n\n${marker}\n`);
      while (!(await fetchText(url)).includes(marker)) {
        if (performance.now() - started > 30_000) throw new Error(`the edit did not reach ${url} within 30 s:\n${output}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      values.push(performance.now() - started);
      windows.push([from, now()]);
      log(`live rebuild: edit ${n}/${edits} served after ${seconds(values.at(-1)!)}`);
      await new Promise((r) => setTimeout(r, 700));
    }
  } finally {
    clearInterval(sampler);
    writeFileSync(file, original);
    child.kill('SIGINT');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('close', r)));
  }
  return { values, peakMB: peakKB / 1024, reported, profile: profileDir ? summariseProfiles(profileDir, windows) : [] };
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

  // 1. The example plan: check, HTML, full build cold, PDF step against the floor.
  if (want('example')) await examplePlan(example, site, work);
  // 2. Live rebuild while `serve` runs.
  if (want('live')) {
    const live = await liveRebuild(example, Math.max(RUNS, 3));
    figures.push({
      name: 'live rebuild after a prose edit, while serve runs (save → served page shows it)',
      unit: 'ms',
      values: live.values,
      memoryMB: [live.peakMB],
      target: { limit: TARGETS.liveMs, label: '≤ 300 ms' },
      kind: 'live',
      facts: { reported: live.reported.length ? median(live.reported) : 0 },
      detail: [`serve's own "rebuilt in" (median): ${live.reported.length ? seconds(median(live.reported)) : 'not reported'}`],
    });
  }
  // 3. The national site, the incremental build and linear growth.
  if (want('site')) await nationalSite(work);
  await profileMisses(example, site);

  if (args.merge) {
    // Figures of the parts not measured now come from the saved run.
    const earlier = JSON.parse(readFileSync(args.merge, 'utf8')) as Saved;
    const now = [...figures];
    figures.splice(0, figures.length, ...earlier.figures.map((f) => now.find((g) => g.name === f.name) ?? f), ...now.filter((f) => !earlier.figures.some((e) => e.name === f.name)));
  }
  const saved: Saved = { figures, info: machine(), load: { ...load, after: loadavg()[0]!.toFixed(2) }, elapsed: Date.now() - started, date: new Date().toISOString().slice(0, 10), quick, plans: PLANS, seed: SEED };
  // The raw figures, so the report can be written again without measuring (`--render FILE`).
  writeFileSync(RESULTS, JSON.stringify(saved, null, 1));
  log(`figures saved in ${RESULTS}`);
  const report = render(saved);
  console.log(`\n${report}`);
  if (outFile) {
    writeFileSync(outFile, report);
    log(`wrote ${outFile}`);
  }
  if (args.keep) log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

const removeCache = (root: string) => rmSync(join(root, '.yjplan-cache'), { recursive: true, force: true });

async function examplePlan(example: string, site: string, work: string): Promise<void> {
  const cache = removeCache;
  const checks = await repeat('check (example)', RUNS, () => undefined, () => [cli, 'check', '--root', example]);
  figures.push({ name: 'check, example plan', unit: 'ms', values: checks.map((r) => r.ms), memoryMB: checks.map((r) => r.peakMB), cpuMs: checks.map(treeCpu), load: checks.map((r) => r.load), detail: [cpuLine(checks)] });

  // Cold: no record of an earlier build, so nothing is kept from one (src/incremental.ts).
  const html = await repeat('HTML build (example)', RUNS, () => cache(example), () => [cli, 'build', '--no-pdf', '--root', example, '--out', site]);
  figures.push({ name: 'HTML build, example plan (check + HTML)', unit: 'ms', values: html.map((r) => r.ms), memoryMB: html.map((r) => r.peakMB), cpuMs: html.map(treeCpu), load: html.map((r) => r.load), detail: [stageLine(html)] });

  const full = await repeat('full build, cold (example)', RUNS, () => cache(example), () => [cli, 'build', '--root', example, '--out', site]);
  const fullFigure: Figure = {
    name: 'full build, example plan, cold (check + HTML + PDF, two-pass contents)',
    unit: 'ms',
    values: full.map((r) => r.ms),
    memoryMB: full.map((r) => r.peakMB), cpuMs: full.map(treeCpu), load: full.map((r) => r.load),
    target: { limit: TARGETS.fullBuildMs, label: '≤ 4 s' },
    kind: 'full',
    facts: facts(full),
    detail: [stageLine(full), cpuLine(full)],
  };
  figures.push(fullFigure);

  // The build an author runs all day: one section edited, the contents numbers of the last print to try.
  const warm = await repeat('full build after a prose edit (example)', RUNS, (index) => appendFileSync(join(example, 'content', '2025-26', 'introduction.md'), `\nA sentence added for warm build ${index + 1}.\n`), () => [cli, 'build', '--root', example, '--out', site]);
  figures.push({ name: 'full build, example plan, after a prose edit (the last print\'s contents numbers tried first)', unit: 'ms', values: warm.map((r) => r.ms), memoryMB: warm.map((r) => r.peakMB), cpuMs: warm.map(treeCpu), load: warm.map((r) => r.load), detail: [stageLine(warm)] });
  fullFigure.facts!.warm = median(warm.map((r) => r.ms));

  const floors = await repeat('floor: bare page.pdf (example)', RUNS, () => undefined, () => ['--import', 'tsx', join(repo, 'scripts', 'bench-print.ts'), 'floor', site, '2025-26', join(work, 'floor.pdf')]);
  const prints = await repeat('PDF step (example)', RUNS, () => undefined, () => ['--import', 'tsx', join(repo, 'scripts', 'bench-print.ts'), 'print', site, '2025-26', join(work, 'print.pdf')]);
  const inProcess = (runs: Run[]) => runs.map((r) => (JSON.parse(r.stdout.trim().split('\n').pop()!) as { ms: number; pdfMs?: number; renders?: number }));
  const floorMs = inProcess(floors).map((r) => r.ms);
  const printMs = inProcess(prints).map((r) => r.ms);
  figures.push({ name: 'floor: launch + one bare page.pdf of the print page + close', unit: 'ms', values: floorMs, memoryMB: floors.map((r) => r.peakMB), cpuMs: floors.map(treeCpu), load: floors.map((r) => r.load), detail: [`page.pdf call alone (median): ${seconds(median(inProcess(floors).map((r) => r.pdfMs ?? 0)))}`] });
  figures.push({ name: 'PDF step: launch + printPlan (contents measured, read back, metadata) + close', unit: 'ms', values: printMs, memoryMB: prints.map((r) => r.peakMB), cpuMs: prints.map(treeCpu), load: prints.map((r) => r.load), detail: [`renders per print: ${inProcess(prints).map((r) => r.renders).join(', ')}`] });
  figures.push({ name: 'PDF step ÷ floor', unit: 'x', values: printMs.map((ms, i) => ms / floorMs[i]!), memoryMB: [], target: { limit: TARGETS.pdfRatio, label: '≤ 2.5×' }, kind: 'ratio', detail: [] });
  fullFigure.facts!.floor = median(floorMs);
  fullFigure.facts!.printStep = median(printMs);

}

async function nationalSite(work: string): Promise<void> {
  const cache = removeCache;
  const national = join(work, 'national');
  const generated = generatePlans(readBasePlan(repo), { plans: PLANS, seed: SEED });
  writePlans(national, generated.files);
  log(`generated ${PLANS} plans of ${new Set(generated.plans.map((p) => p.service)).size} services (${generated.files.size} files)`);
  const nationalSite = join(national, '_site');
  const siteRuns = quick ? 1 : Math.min(RUNS, 3);
  const siteHtml = await repeat(`${PLANS}-plan site, HTML only`, siteRuns, () => cache(national), () => [cli, 'build', '--no-pdf', '--root', national, '--out', nationalSite]);
  figures.push({ name: `${PLANS}-plan site, HTML only`, unit: 'ms', values: siteHtml.map((r) => r.ms), memoryMB: siteHtml.map((r) => r.peakMB), cpuMs: siteHtml.map(treeCpu), load: siteHtml.map((r) => r.load), target: { limit: (TARGETS.siteHtmlMs * PLANS) / 150, label: PLANS === 150 ? '≤ 20 s' : `≤ ${seconds((TARGETS.siteHtmlMs * PLANS) / 150)} (20 s × ${PLANS}/150)` }, kind: 'site-html', facts: facts(siteHtml), detail: [stageLine(siteHtml), cpuLine(siteHtml)] });

  const sitePdfRuns = quick ? 1 : 1;
  const sitePdf = await repeat(`${PLANS}-plan site, HTML and PDFs, cold`, sitePdfRuns, () => cache(national), () => [cli, 'build', '--root', national, '--out', nationalSite]);
  figures.push({
    name: `${PLANS}-plan site, HTML and PDFs, cold (one browser, ${availableParallelism()} pages at a time)`,
    unit: 'ms',
    values: sitePdf.map((r) => r.ms),
    memoryMB: sitePdf.map((r) => r.peakMB), cpuMs: sitePdf.map(treeCpu), load: sitePdf.map((r) => r.load),
    target: { limit: (TARGETS.sitePdfMs * PLANS) / 150, label: PLANS === 150 ? '≤ 4 min' : `≤ ${seconds((TARGETS.sitePdfMs * PLANS) / 150)} (4 min × ${PLANS}/150)` },
    kind: 'site-pdf',
    facts: facts(sitePdf),
    detail: [stageLine(sitePdf), cpuLine(sitePdf)],
  });
  const sitePdfFigure = figures.at(-1)!;
  // The floor for the whole site: every print page through one bare page.pdf, with the same pool.
  const [bare] = await repeat(`${PLANS}-plan site floor (bare page.pdf of each print page)`, 1, () => undefined, () => ['--import', 'tsx', join(repo, 'scripts', 'bench-print.ts'), 'site-floor', nationalSite, String(availableParallelism())]);
  const bareMs = (JSON.parse(bare!.stdout.trim().split('\n').pop()!) as { ms: number }).ms;
  const pdfStage = median(sitePdf.map((r) => stages(r).pdf ?? 0));
  sitePdfFigure.facts!.floor = bareMs;
  sitePdfFigure.facts!.floorChromiumCpu = facts([bare!]).chromiumCpu!;
  sitePdfFigure.facts!.floorNodeCpu = facts([bare!]).nodeCpu!;
  figures.push({
    name: `${PLANS}-plan site floor: one bare page.pdf of every print page, same browser and pool`,
    unit: 'ms',
    values: [bareMs],
    memoryMB: [bare!.peakMB], cpuMs: [treeCpu(bare!)], load: [bare!.load],
    detail: [`the site's PDF stage took ${seconds(pdfStage)}: ${(pdfStage / bareMs).toFixed(2)}× this floor`, cpuLine([bare!])],
  });
  figures.push({ name: `${PLANS}-plan site with PDFs: peak memory of the process tree`, unit: 'ms', values: [], memoryMB: sitePdf.map((r) => r.peakMB), target: { limit: TARGETS.siteMemoryMB, label: '≤ 1.5 GB' }, kind: 'memory', facts: { floorMB: bare!.peakMB }, detail: [] });

  // 4. Incremental: one plan's prose changes; only its PDF is printed again.
  const incremental = await repeat(
    `${PLANS}-plan site, one plan changed`,
    quick ? 1 : 3,
    (index) => {
      // A plan no later year names as `previous:` (a later year's fingerprint covers its previous plan,
      // so editing an earlier year rightly reprints the later one too).
      const leaves = generated.plans.filter((plan) => !generated.plans.some((other) => other.previous === plan.id));
      const plan = leaves[(index * 37) % leaves.length]!.id;
      appendFileSync(join(national, 'content', plan, 'introduction.md'), `\nA sentence added for benchmark rebuild ${index + 1}.\n`);
    },
    () => [cli, 'build', '--root', national, '--out', nationalSite],
  );
  // The pdf stage says "N printed (…)" for many plans, or "P pages in R renders" once per plan for a few.
  const reprinted = incremental.map((r) => {
    const line = /^\s*pdf\s+(.*)$/m.exec(r.stdout)?.[1] ?? '';
    return /^(\d+) printed/.exec(line)?.[1] ?? String(line.match(/\d+ pages in \d+ renders?/g)?.length ?? 0);
  });
  figures.push({
    name: `${PLANS}-plan site, second build with one plan changed (its PDF reprinted, the rest from the cache)`,
    unit: 'ms',
    values: incremental.map((r) => r.ms),
    memoryMB: incremental.map((r) => r.peakMB), cpuMs: incremental.map(treeCpu), load: incremental.map((r) => r.load),
    target: { limit: TARGETS.incrementalMs, label: '≤ 5 s' },
    kind: 'incremental',
    facts: { ...facts(incremental), reprinted: median(reprinted.map(Number)) },
    detail: [`PDFs printed per rebuild: ${reprinted.join(', ')}`, stageLine(incremental)],
  });

  // 5. Linear growth: the same build at a third and two thirds of the plans.
  const sizes = [Math.max(2, Math.round(PLANS / 3)), Math.max(3, Math.round((2 * PLANS) / 3))];
  const growth: { plans: number; ms: number; cpuMs: number }[] = [];
  const totalCpu = (result: Run) => result.cpu.reduce((n, p) => n + p.cpuMs, 0);
  for (const size of sizes) {
    const project = join(work, `national-${size}`);
    writePlans(project, generatePlans(readBasePlan(repo), { plans: size, seed: SEED }).files);
    const [result] = await repeat(`${size}-plan site, HTML and PDFs, cold`, 1, () => undefined, () => [cli, 'build', '--root', project, '--out', join(project, '_site')]);
    growth.push({ plans: size, ms: result!.ms, cpuMs: totalCpu(result!) });
    rmSync(project, { recursive: true, force: true });
  }
  growth.push({ plans: PLANS, ms: median(sitePdf.map((r) => r.ms)), cpuMs: median(sitePdf.map(totalCpu)) });
  // A straight line through the two smaller sites, extrapolated to the largest. Judged on CPU time (of
  // Node and Chromium together), which other work on a shared machine disturbs far less than wall time.
  const line = (key: 'ms' | 'cpuMs') => {
    const [a, b, c] = growth as [(typeof growth)[0], (typeof growth)[0], (typeof growth)[0]];
    const predicted = b[key] + ((b[key] - a[key]) / (b.plans - a.plans)) * (c.plans - b.plans);
    return { predicted, deviation: Math.abs(c[key] - predicted) / predicted };
  };
  const cpu = line('cpuMs');
  const wall = line('ms');
  figures.push({
    name: `time grows linearly with plans (${growth.map((g) => g.plans).join(', ')} plans, with PDFs): the largest site's CPU time against the line through the smaller two`,
    unit: '%',
    values: [100 * cpu.deviation],
    memoryMB: [],
    target: { limit: 100 * TARGETS.linearTolerance, label: 'within 20 %' },
    kind: 'linear',
    detail: [
      `CPU time: ${growth.map((g) => `${g.plans} plans ${seconds(g.cpuMs)} (${seconds(g.cpuMs / g.plans)} a plan)`).join(' · ')}; the line predicts ${seconds(cpu.predicted)} for ${growth[2]!.plans}`,
      `wall time: ${growth.map((g) => `${g.plans} plans ${seconds(g.ms)} (${seconds(g.ms / g.plans)} a plan)`).join(' · ')}; the line predicts ${seconds(wall.predicted)} (${Math.round(100 * wall.deviation)} % off)`,
    ],
  });

  nationalRoot = national;
  nationalPlans = generated.plans.map((p) => p.id);
}

let nationalRoot = '';
let nationalPlans: string[] = [];

/** CPU profiles of the figures that miss their target, so the notes say what bounds them. */
async function profileMisses(example: string, site: string): Promise<void> {
  const cache = removeCache;
  const find = (test: (f: Figure) => boolean) => figures.find(test);
  const fullFigure = find((f) => f.name.startsWith('full build'));
  if (fullFigure && !met(fullFigure)) {
    log('profiling the example full build');
    cache(example);
    fullFigure.detail.push(...(await profiled([cli, 'build', '--root', example, '--out', site])));
  }
  const national = nationalRoot;
  const nationalSite = join(national, '_site');
  const htmlFigure = find((f) => f.name.endsWith('HTML only'));
  if (htmlFigure && !met(htmlFigure)) {
    log(`profiling the ${PLANS}-plan HTML build`);
    htmlFigure.detail.push(...(await profiled([cli, 'build', '--no-pdf', '--root', national, '--out', nationalSite])));
  }
  const liveFigure = find((f) => f.name.startsWith('live rebuild'));
  if (liveFigure && !met(liveFigure)) {
    log('profiling the live rebuild');
    const dir = mkdtempSync(join(tmpdir(), 'yjplan-bench-profile-'));
    const profiledLive = await liveRebuild(example, 3, dir);
    liveFigure.detail.push(...profiledLive.profile.map((line) => line.replace('CPU profile of the main Node thread', 'CPU profile of serve during the three rebuilds only')));
    rmSync(dir, { recursive: true, force: true });
  }
  const incrementalFigure = find((f) => f.name.includes('one plan changed'));
  if (incrementalFigure && !met(incrementalFigure)) {
    log(`profiling the ${PLANS}-plan incremental build`);
    appendFileSync(join(national, 'content', nationalPlans[0]!, 'introduction.md'), '\nOne more sentence for the profile.\n');
    incrementalFigure.detail.push(...(await profiled([cli, 'build', '--root', national, '--out', nationalSite])));
  }
}

const RESULTS = join(tmpdir(), 'yjplan-bench-results.json');

interface Saved {
  figures: Figure[];
  info: Record<string, string>;
  load: { before: string; after: string };
  elapsed: number;
  date: string;
  quick: boolean;
  plans: number;
  seed: number;
}

function render({ info, load, elapsed, date, quick, plans, seed }: Saved): string {
  const rows = figures.map((f) => {
    const value = f.values.length ? show(f, median(f.values)) : `${Math.round(Math.max(...f.memoryMB))} MB`;
    const range = f.values.length > 1 ? `${show(f, Math.min(...f.values))} – ${show(f, Math.max(...f.values))}` : '';
    const memory = f.memoryMB.length ? `${Math.round(Math.max(...f.memoryMB))} MB` : '';
    const verdict = f.target ? ((f.values.length ? median(f.values) : Math.max(...f.memoryMB)) <= f.target.limit ? '**met**' : '**missed**') : '';
    const cpu = f.cpuMs?.length ? seconds(median(f.cpuMs)) : '';
    const load = f.load?.length ? median(f.load).toFixed(1) : '';
    return `| ${f.name} | ${value} | ${range} | ${f.values.length || 1} | ${cpu} | ${memory} | ${load} | ${f.target?.label ?? ''} | ${verdict} |`;
  });
  const details = figures.filter((f) => f.detail.length).map((f) => `- **${f.name}**\n${f.detail.map((line) => `  - ${line}`).join('\n')}`);
  const misses = figures.filter((f) => f.target && (f.values.length ? median(f.values) : Math.max(...f.memoryMB)) > f.target.limit).map((f) => `- **${f.name}** (${f.target!.label}): ${boundBy(f)}`);
  return [
    '# Benchmarks',
    '',
    `Measured by \`npm run bench${quick ? ' -- --quick' : ''}\` (scripts/bench.ts) on ${date}, in ${seconds(elapsed)}.`,
    '',
    '| machine | |',
    '| --- | --- |',
    ...Object.entries(info).map(([key, value]) => `| ${key} | ${value} |`),
    `| load average (1 min) | ${load.before} at the start, ${load.after} at the end |`,
    '',
    `Each figure is the median of the runs shown, with min – max; "memory" is the highest peak, over those runs, of the summed PSS of the command's process tree (Node and every Chromium process), sampled every ${SAMPLE_MS} ms from /proc. "CPU time" is the median CPU time of that process tree (all cores together): other work on the machine inflates wall times far more than CPU times, so "load" gives the machine's 1-minute load average as the runs ended (on 2 cores, anything above 2 means other work was competing; the bench's own sampling of /proc adds some). Whole runs of the same code on this machine have differed by up to a quarter in wall time (e.g. the 150-plan site with PDFs at 210 s, 258 s and 296 s on one day), so a figure close to its target can land either side of it. Every command runs as a child process from a cold start, as an author would run it; "cold" builds start with no PDF cache. The ${plans} plans are generated by scripts/generate-plans.ts (seed ${seed}).`,
    '',
    '| figure | median | min – max | runs | CPU time | memory | load | target | |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## What bounds the misses',
    '',
    ...(misses.length ? misses : ['Every target was met.']),
    '',
    '## Where the time goes',
    '',
    ...details,
    '',
  ].join('\n');
}

/**
 * Why a figure missed its target, from the stages, CPU times and floors measured in this run. What each
 * stage is made of comes from the CPU profiles under "Where the time goes" and from the profiling done for
 * issue 8 (named in the text where a stage is someone else's module).
 */
function boundBy(figure: Figure): string {
  const f = figure.facts ?? {};
  const s = (key: string) => seconds(f[key] ?? 0);
  switch (figure.kind) {
    case 'full':
      return [
        `the PDF step alone is ${s('printStep')} against a floor of ${s('floor')} for launching Chromium, loading the print page with its charts, one page.pdf and closing, so the floor by itself is ${(f.floor ?? 0) > TARGETS.fullBuildMs ? 'over' : 'most of'} the 4 s.`,
        `On top of it: ${s('startup')} of process start-up before the check begins (Node compiling Eleventy, ajv, js-yaml and yjplan's modules through tsx: "Node internals (module loading)" in the profile below), ${s('check')} check and ${s('html')} HTML;`,
        `and inside the PDF step, ${seconds(Math.max(0, (f.printStep ?? 0) - (f.floor ?? 0)))} more than the floor, most of it the print that measures the contents page numbers, which a cold build cannot skip since it has no earlier print whose numbers to try.`,
        f.warm ? `After an edit, with the last print's numbers to try, the same build takes ${s('warm')} (the row below).` : '',
      ].join(' ');
    case 'ratio':
      return 'the second render is the cost of printed contents page numbers; see the PDF step and floor rows.';
    case 'live':
      return `serve's rebuild (it reports ${s('reported')}) loads, validates, derives and audits the plan again and has Eleventy render and write all of the plan's pages, not only the edited section's; the profile of serve during the rebuilds (below) shows where that time goes.`;
    case 'site-html':
      return [
        `${s('startup')} start-up, ${s('check')} to load, validate, derive and audit every plan, ${s('html')} for Eleventy to render and write every page, ${s('publish')} to swap the folders and delete the last site.`,
        `The plans are split between this thread and a worker thread per further core (${s('nodeCpu')} of CPU in all, on ${availableParallelism()} cores); a worker first spends about 1.5 s loading its modules through tsx. The CPU profile below names the hot spots.`,
      ].join(' ');
    case 'site-pdf':
      return [
        `the PDF stage took ${s('pdf')} against a floor of ${s('floor')} for one bare page.pdf of every print page with the same browser and pool, so Chromium's own work is the bound: Chromium used ${s('chromiumCpu')} of CPU and Node ${s('nodeCpu')}, on ${availableParallelism()} cores.`,
        `The floor's Chromium used ${s('floorChromiumCpu')}: per plan, yjplan adds to the floor's one print a measuring print (everything invisible, no tags) that finds the contents page numbers, which a cold build has from nowhere else, and checks every request the page makes against the site folder.`,
        `The rest is the HTML build (${s('check')} check, ${s('html')} HTML) and start-up (${s('startup')}).`,
      ].join(' ');
    case 'memory':
      return `the bare floor (${availableParallelism()} pages of one Chromium printing the same pages, no yjplan) itself peaks at ${Math.round(f.floorMB ?? 0)} MB: Chromium holds each plan being printed, about 80 pages with its charts drawn at 3 device pixels per CSS pixel. The rest is Node, which held 250–360 MB while printing when sampled each second outside the bench: its modules (Eleventy, puppeteer, pdf.js) and the heap left by rendering its share of the HTML (the plans themselves are cut down to outlines once rendered). Chromium's own peak varies by a fifth from run to run (1.23–1.45 GB in the floor of two runs). --concurrency 1 lowers the peak, at the cost of time.`;
    case 'incremental':
      return [
        `the build checks only the changed plan (${s('check')}, including reading every plan's files to see which changed), renders its pages and the home page (${s('html')}), and prints its PDF (${s('pdf')}, of which launching Chromium and one render with the last print's contents numbers are the floor);`,
        `start-up takes ${s('startup')} and publishing ${s('publish')}. The unchanged plans' folders are moved into the new site whole.`,
      ].join(' ');
    case 'linear':
      return 'per-plan times differ by more than a fifth between site sizes; see the detail below.';
    default:
      return 'see the detail below.';
  }
}

/** `--render FILE`: writes the report again from saved figures (after a change to the notes). */
function renderSaved(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Saved;
  figures.push(...saved.figures);
  const report = render(saved);
  console.log(report);
  writeFileSync(args.out ? resolve(args.out) : join(repo, 'BENCHMARKS.md'), report);
}

(args.render ? Promise.resolve(renderSaved(args.render)) : main()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
