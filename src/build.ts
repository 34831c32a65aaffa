import { copyFileSync, existsSync, mkdirSync, mkdtempSync, promises as fsPromises, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import Eleventy from '@11ty/eleventy';
import { PlanError, UserFacingError, countBySeverity, type Diagnostic } from './diagnostics.ts';
import { preparePlan, planIds, type PreparedPlan } from './pipeline.ts';
import type { ReadPlan } from './derive/index.ts';
import { SiteManifest, hashTree, type PlanRecord } from './incremental.ts';
import yjplan from './render/plugin.ts';
import { packageRoot } from './render/nunjucks.ts';
import { planSlug } from './blocks/plan/derive.ts';
import type { PlanContext } from './blocks/plan/types.ts';
import { INSTALL_HINT, browserIdentity, findBrowser, launchBrowser, type LaunchedBrowser } from './print/browser.ts';
import { printPlan, type PrintJob, type PrintResult } from './print/pdf.ts';

export interface BuildOptions {
  root: string;
  /** Output folder; replaced only when the whole build succeeds. */
  outDir?: string;
  plans?: string[];
  pdf?: boolean;
  strict?: boolean;
  /** How many plans print at once, each in its own page of the one browser; default: the number of cores. */
  concurrency?: number;
  /** Check, render and print every plan again, reusing nothing from the last build (src/incremental.ts). */
  fresh?: boolean;
  onStage?: (stage: Stage) => void;
}

export interface Stage {
  name: 'check' | 'html' | 'pdf' | 'publish';
  detail: string;
  milliseconds: number;
}

export interface BuildResult {
  outDir: string;
  /** Every plan on the site. */
  plans: string[];
  /** The plans checked and rendered by this build, in outline: context, sections, diagnostics, fingerprint. */
  prepared: PreparedPlan[];
  /** Plans unchanged since the last build into the same folder: their pages and PDF were kept. */
  reused: string[];
  /** Files in the site: written by this build, or kept from the last. */
  pages: number;
  pdfs: PrintResult[];
  warnings: Diagnostic[];
}

/**
 * check → HTML → PDF into a temporary folder beside the output, then swap it in. A failure at any stage
 * leaves the previous output exactly as it was.
 */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
  const outDir = resolve(options.root, options.outDir ?? '_site');
  const stage = (name: Stage['name'], detail: string, since: number) => options.onStage?.({ name, detail, milliseconds: Date.now() - since });
  refuseUnsafeOutput(options.root, outDir);

  let since = Date.now();
  const ids = planIds(options.root, options.plans);
  if (!ids.length) throw new UserFacingError(`no plans found under ${join(options.root, 'data')}: each plan is a folder such as data/2025-26/ holding a plan.yaml`);
  const browser = options.pdf !== false ? findBrowser() : undefined;
  // With no browser the HTML is still published, then the PDF step fails saying how to install one.
  const browserMissing = options.pdf !== false && !browser;
  const manifest = new SiteManifest({ root: options.root, outDir, pdf: Boolean(browser), strict: Boolean(options.strict), browser, fresh: options.fresh });
  manifest.snapshot(ids);
  const reused = new Map<string, PlanRecord>();
  for (const id of ids) {
    const record = manifest.reusable(id);
    if (record) reused.set(id, record);
  }
  const changed = ids.filter((id) => !reused.has(id));
  // A big site is checked and rendered by worker threads, a share of the plans each, one per core.
  const shards = shardCount(changed.length);
  // For a few plans, Chromium starts while they are checked and rendered, on a core Node leaves idle (a
  // big site's workers use every core). Printing reports a failed start; every way out closes it.
  const launching = browser && changed.length && shards === 1 ? launchBrowser() : undefined;
  launching?.catch(() => undefined);
  try {
    const workers = shards > 1 ? startShards(options, changed, shards) : undefined;
    let prepared: PreparedPlan[];
    try {
      const read = new Map<string, ReadPlan>();
      prepared = workers ? await workers.prepare() : changed.map((id) => preparePlan(options.root, id, { strict: options.strict, read }));
    } catch (error) {
      workers?.stop();
      throw error;
    }
    const all = [...prepared, ...reused.values()].flatMap((p) => p.diagnostics);
    const { errors, warnings } = countBySeverity(all);
    const checked = changed.length ? `${prepared.reduce((n, p) => n + p.files, 0)} files in ${changed.length} plan(s)` : 'no plan changed';
    const kept = reused.size ? `; ${reused.size} plan(s) unchanged since the last build, not checked again` : '';
    stage('check', `${checked}, ${errors} error(s), ${warnings} warning(s)${kept}`, since);
    if (errors) {
      workers?.stop();
      throw new PlanError(all.filter((d) => d.severity === 'error'));
    }

    let staging: string;
    try {
      mkdirSync(dirname(outDir), { recursive: true });
      // A unique folder per build, so two builds at once (or a stale one) never share a staging folder.
      staging = mkdtempSync(join(dirname(outDir), `.${basename(outDir)}.building-`));
    } catch (error) {
      workers?.stop();
      throw error;
    }
    const removeStaging = () => rmSync(staging, { recursive: true, force: true });
    // A build ended from outside (Ctrl+C; puppeteer exits the process on SIGINT) leaves no half-built folder.
    process.once('exit', removeStaging);
    let pages = 0;
    const pdfs: PrintResult[] = [];
    try {
      since = Date.now();
      const preparedById = new Map(prepared.map((plan) => [plan.id, plan]));
      // The home page lists every plan: those checked now, and those kept as the last build left them.
      const listed = ids.map((id) => ({ id, context: preparedById.get(id)?.derived!.context ?? reused.get(id)!.context }));
      if (workers) await workers.render(staging, listed);
      else await renderSite(options, changed, prepared, staging, 'all', listed);
      prepared = prepared.map(outline);
      const written = filesByFolder(staging);
      const kept = [...reused.values()].reduce((n, record) => n + record.outputs, 0);
      pages = [...written.values()].reduce((n, count) => n + count, kept);
      stage('html', `${pages - kept} files written${reused.size ? `; ${kept} files of unchanged plans kept from the last build` : ''}`, since);

      if (browser) {
        since = Date.now();
        const printing = await printPlans(prepared, staging, options.root, options.concurrency ?? availableParallelism(), launching);
        pdfs.push(...printing.results);
        pages += printing.results.length;
        for (const [id, record] of reused) if (record.pdf) pdfs.push({ file: join(outDir, record.pdf.file), pages: record.pdf.pages, renders: 0, milliseconds: 0 });
        stage('pdf', [printing.summary, reused.size ? `${reused.size} kept with their plans` : ''].filter(Boolean).join(', '), since);
      }

      since = Date.now();
      await publish(staging, outDir, [...reused.keys()]);
      stage('publish', outDir, since);
      // Printed into the staging folder: say where they are now.
      for (const pdf of pdfs) if (pdf.file.startsWith(staging + sep)) pdf.file = join(outDir, relative(staging, pdf.file));
      manifest.write({
        ...Object.fromEntries(reused),
        // printPlans answers in the order of `prepared`.
        ...Object.fromEntries(prepared.map((plan, index) => [plan.id, planRecord(plan, manifest, (written.get(plan.id) ?? 0) + (browser ? 1 : 0), browser ? pdfs[index] : undefined)])),
      });
    } catch (error) {
      workers?.stop();
      removeStaging();
      // Eleventy may still be copying assets into it: those late failures are expected, and whatever they
      // recreate is removed again when the process exits (the exit hook stays for that reason).
      abandonStaging(staging);
      throw unchanged(error, outDir);
    }
    process.off('exit', removeStaging);
    if (browserMissing) throw new UserFacingError(`the HTML site was built in ${outDir}, but no Chromium or Chrome was found to print the PDF. ${INSTALL_HINT}`);
    return { outDir, plans: ids, prepared, reused: [...reused.keys()], pages, pdfs, warnings: all.filter((d) => d.severity === 'warning') };
  } finally {
    await launching?.then(
      (launched) => launched.close(),
      () => undefined,
    );
  }
}

/**
 * A plan as the stages after rendering need it (the PDF's metadata, the record of the build, the result):
 * its files, last year's plan and its derived blocks and tables are let go. For a big site that is a few
 * hundred megabytes, which Chromium needs more while it prints.
 */
function outline(plan: PreparedPlan): PreparedPlan {
  if (!plan.derived) return plan;
  const { previous, ...context } = plan.derived.context;
  return {
    ...plan,
    loaded: { ...plan.loaded, files: new Map(), markdown: [] },
    derived: { ...plan.derived, context, sections: plan.derived.sections.map(({ markdown, ...section }) => section), blocks: {}, figures: {}, tables: [] },
  };
}

/** What the next build needs to reuse a plan just built. */
function planRecord(plan: PreparedPlan, manifest: SiteManifest, outputs: number, printed: PrintResult | undefined): Omit<PlanRecord, 'stamp'> {
  const { context } = plan.derived!;
  const uses = typeof context.plan.previous === 'string' ? [context.plan.previous] : [];
  return {
    key: manifest.keyOf(plan.id, uses),
    uses,
    context,
    fingerprint: plan.fingerprint!,
    diagnostics: plan.diagnostics,
    files: plan.files,
    outputs,
    ...(printed ? { pdf: { file: `${plan.id}/${planSlug(context)}.pdf`, pages: printed.pages } } : {}),
  };
}

const abandoned = new Set<string>();

/**
 * When a template fails, Eleventy rejects at once but leaves its passthrough copies running into the staging
 * folder we have just removed; their failures arrive later as unhandled rejections. Those (and only those)
 * are ignored; any other unhandled rejection is rethrown, as Node would.
 */
function abandonStaging(staging: string): void {
  if (!abandoned.size) {
    process.on('unhandledRejection', (reason) => {
      const messages: string[] = [];
      for (let current = reason, depth = 0; current && depth < 10; depth++) {
        messages.push(current instanceof Error ? current.message : String(current));
        current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
      }
      if ([...abandoned].some((folder) => messages.some((message) => message.includes(folder)))) return;
      throw reason;
    });
  }
  abandoned.add(staging);
}

/**
 * Swaps the new site in, with the folders of the plans it keeps from the last build moved across (one
 * rename each, where linking or copying their files would be thousands of steps). If any step fails, the
 * previous output is put back as it was.
 */
export async function publish(staging: string, outDir: string, keptPlans: string[] = []): Promise<void> {
  const previous = `${staging}.previous`;
  const hadPrevious = existsSync(outDir);
  if (hadPrevious) renameSync(outDir, previous);
  const moved: string[] = [];
  try {
    for (const id of keptPlans) {
      renameSync(join(previous, id), join(staging, id));
      moved.push(id);
    }
    renameSync(staging, outDir);
  } catch (error) {
    for (const id of moved) renameSync(join(staging, id), join(previous, id));
    if (hadPrevious) renameSync(previous, outDir);
    throw error;
  }
  // fs.promises.rm unlinks in parallel on libuv's threads: 5x faster than rmSync for a 17,000-file site.
  await fsPromises.rm(previous, { recursive: true, force: true });
}

/** A failure after the check, restated so the user knows nothing was published and the last good site stands. */
function unchanged(error: unknown, outDir: string): unknown {
  // Plan errors (also when Eleventy wraps them) are printed as diagnostics, with their own "unchanged" line.
  for (let current = error, depth = 0; current && depth < 10; depth++) {
    if (current instanceof PlanError) return current;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  const what = error instanceof UserFacingError ? error.message : `the site could not be built: ${firstLine(error)} (run again with --debug for details)`;
  const previous = existsSync(outDir) ? `the previous output in ${outDir} is unchanged` : `${outDir} was not created`;
  return new UserFacingError(`${what}\nNothing was published: ${previous}.`, { cause: error });
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/**
 * The output folder is replaced wholesale, so it must never be the project, its content/ or data/, nor a
 * folder that holds anything but a site yjplan built: `--out .` or `--out content` would destroy the plan.
 */
export function refuseUnsafeOutput(root: string, outDir: string): void {
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : resolve(path));
  const out = real(outDir);
  const project = real(root);
  const within = (folder: string, path: string) => path === folder || path.startsWith(folder + sep);
  const advice = 'Choose another folder, e.g. --out _site';
  if (within(out, project)) throw new UserFacingError(`the output folder ${outDir} holds the project itself: building there would replace your plan. ${advice}`);
  for (const folder of ['content', 'data']) {
    if (within(join(project, folder), out)) throw new UserFacingError(`the output folder ${outDir} is in ${folder}/: building there would replace your plan's files. ${advice}`);
  }
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new UserFacingError(`the output folder ${outDir} is a file. ${advice}`);
  // Only a folder yjplan built before (or an empty one) may be replaced: never someone's documents.
  if (!existsSync(join(outDir, 'assets', 'yjplan.css')) && readdirSync(outDir).length > 0) {
    throw new UserFacingError(`the output folder ${outDir} holds files that yjplan did not build, and building would replace them all. Choose an empty or new folder, or delete it first`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Printing: one browser, a pool of pages, and a cache of PDFs outside the output folder.

function printJob(plan: PreparedPlan, siteDir: string): PrintJob {
  const derived = plan.derived!;
  const slug = planSlug(derived.context);
  return {
    siteDir,
    planId: plan.id,
    pdfFile: `${plan.id}/${slug}.pdf`,
    title: `${derived.context.title} – ${derived.context.plan.authority}`,
    author: derived.context.plan.service,
    subject: `${derived.context.title} for ${derived.context.plan.authority}, ${derived.context.plan.period.start} to ${derived.context.plan.period.end}`,
    keywords: ['youth justice plan', derived.context.plan.authority, derived.context.plan.period.label, derived.edition.id],
    fingerprint: plan.fingerprint!,
    sections: derived.sections.length,
  };
}

/**
 * Prints every plan not in the cache, `concurrency` at a time, in pages of one browser: Chromium lays out
 * and renders each page in a process of its own, so a pool of pages keeps every core busy while one
 * browser's memory is shared. The first failure stops the queue; plans already printing finish first.
 */
async function printPlans(prepared: PreparedPlan[], staging: string, root: string, concurrency: number, launching?: Promise<LaunchedBrowser>): Promise<{ results: PrintResult[]; summary: string }> {
  const cache = new PdfCache(root, staging);
  const jobs = prepared.map((plan) => printJob(plan, staging));
  const results = new Map<string, PrintResult>();
  const todo: { job: PrintJob; key: string }[] = [];
  for (const job of jobs) {
    const key = cache.keyOf(job);
    const cached = cache.copy(job, key);
    if (cached) results.set(job.planId, cached);
    else todo.push({ job: { ...job, contentsGuess: cache.contents(job.planId) }, key });
  }
  if (todo.length) {
    const launched = await (launching ?? launchBrowser());
    let failure: unknown;
    let next = 0;
    // Each worker keeps one page for all its plans.
    const worker = async (browser: Browser) => {
      let page: Page | undefined;
      while (failure === undefined && next < todo.length) {
        const { job, key } = todo[next++]!;
        try {
          page ??= await browser.newPage();
          const result = await printPlan(browser, job, page);
          results.set(job.planId, result);
          cache.store(job, key, result);
        } catch (error) {
          failure ??= error;
        }
      }
      await page?.close().catch(() => undefined);
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(Math.floor(concurrency) || 1, todo.length)) }, () => worker(launched.browser)));
      if (failure !== undefined) throw failure;
    } catch (error) {
      if (!(error instanceof UserFacingError) && !launched.browser.connected) {
        throw new UserFacingError(`the browser stopped while printing the PDF: it crashed, was killed or ran out of memory (${firstLine(error)})`, { cause: error });
      }
      throw error;
    } finally {
      await launched.close();
    }
  }
  const ordered = jobs.map((job) => results.get(job.planId)!);
  const printed = ordered.filter((result) => result.renders > 0);
  const cached = ordered.length - printed.length;
  const at = Math.min(Math.max(1, Math.floor(concurrency) || 1), Math.max(1, printed.length));
  const summary =
    ordered.length <= 3 && !cached
      ? printed.map((p) => `${p.pages} pages in ${p.renders} renders`).join(', ')
      : [
          printed.length ? `${printed.length} printed (${printed.reduce((n, p) => n + p.pages, 0)} pages, ${printed.reduce((n, p) => n + p.renders, 0)} renders, ${at} at a time)` : '',
          cached ? `${cached} unchanged, copied from ${CACHE_FOLDER}/` : '',
        ]
          .filter(Boolean)
          .join(', ');
  return { results: ordered, summary };
}

const CACHE_FOLDER = '.yjplan-cache';

/**
 * Printed PDFs kept in `<project>/.yjplan-cache/pdf/<plan>/`, keyed by everything that decides the PDF:
 * the plan's print page as built (its data, text, templates and the code that derived them, fingerprint
 * included), the site's assets (CSS, scripts, fonts), the plan's media, the metadata, the printing code,
 * yjplan's version and the browser. An unchanged plan's PDF is copied, not printed. The cache is a
 * convenience: it is never required, and a cache that cannot be written is ignored.
 */
class PdfCache {
  private readonly dir: string;
  private readonly shared: string;

  constructor(
    root: string,
    private readonly siteDir: string,
  ) {
    this.dir = join(root, CACHE_FOLDER, 'pdf');
    const hash = createHash('sha256');
    const here = dirname(fileURLToPath(import.meta.url));
    for (const file of ['package.json', 'src/print/pdf.ts', 'src/print/read-pdf.ts']) hash.update(readOrEmpty(join(here, '..', file)));
    const browser = findBrowser();
    if (browser) hash.update(browserIdentity(browser));
    hashTree(hash, join(siteDir, 'assets'));
    this.shared = hash.digest('hex');
  }

  keyOf(job: PrintJob): string {
    const hash = createHash('sha256').update(this.shared);
    hash.update(JSON.stringify({ ...job, siteDir: undefined, contentsGuess: undefined }));
    hash.update(readFileSync(join(this.siteDir, job.planId, 'print', 'index.html')));
    hashTree(hash, join(this.siteDir, job.planId, 'media'));
    return hash.digest('hex').slice(0, 32);
  }

  /** Copies the cached PDF into the site when there is one for this key. */
  copy(job: PrintJob, key: string): PrintResult | undefined {
    try {
      const entry = JSON.parse(readFileSync(join(this.dir, job.planId, 'entry.json'), 'utf8')) as { key: string; pages: number; contents?: Record<string, string> };
      if (entry.key !== key) return undefined;
      const started = Date.now();
      const file = join(this.siteDir, job.pdfFile);
      copyFileSync(join(this.dir, job.planId, `${key}.pdf`), file);
      return { file, pages: entry.pages, renders: 0, milliseconds: Date.now() - started, contents: entry.contents };
    } catch {
      return undefined;
    }
  }

  /** The contents page numbers of the plan's last print, whatever has changed since. */
  contents(planId: string): Record<string, string> | undefined {
    try {
      return (JSON.parse(readFileSync(join(this.dir, planId, 'entry.json'), 'utf8')) as { contents?: Record<string, string> }).contents;
    } catch {
      return undefined;
    }
  }

  /** Keeps one PDF per plan: the newest. */
  store(job: PrintJob, key: string, result: PrintResult): void {
    try {
      const folder = join(this.dir, job.planId);
      mkdirSync(folder, { recursive: true });
      for (const name of readdirSync(folder)) if (name.endsWith('.pdf') && name !== `${key}.pdf`) rmSync(join(folder, name), { force: true });
      copyFileSync(result.file, join(folder, `${key}.pdf.tmp`));
      renameSync(join(folder, `${key}.pdf.tmp`), join(folder, `${key}.pdf`));
      writeFileSync(join(folder, 'entry.json.tmp'), JSON.stringify({ key, pages: result.pages, contents: result.contents }));
      renameSync(join(folder, 'entry.json.tmp'), join(folder, 'entry.json'));
    } catch {
      // A read-only project or a full disk: the next build prints again.
    }
  }
}

/** How many files each top-level folder of `folder` holds (its own files count under ''). */
function filesByFolder(folder: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const top = relative(folder, entry.parentPath).split(sep)[0]!;
    counts.set(top, (counts.get(top) ?? 0) + 1);
  }
  return counts;
}

function readOrEmpty(path: string): Buffer | string {
  return existsSync(path) ? readFileSync(path) : '';
}

// ---------------------------------------------------------------------------------------------------

let compiledOnce = false;

/**
 * Eleventy 3.1 makes a new Nunjucks Template for every page it renders and so parses and compiles a
 * paginated template's source once per page: 34,000 compiles and about a seventh of the HTML time for a
 * 150-plan site (profiled). The compiled code depends only on the environment and the source, so it is
 * kept per environment and source and handed to every later Template of the same text.
 */
function compileEachTemplateOnce(): void {
  if (compiledOnce) return;
  compiledOnce = true;
  // Eleventy renders with its own Nunjucks fork, resolved from Eleventy's folder.
  const nunjucks = createRequire(createRequire(import.meta.url).resolve('@11ty/eleventy'))('nunjucks') as { Template?: { prototype: CompilableTemplate } };
  const prototype = nunjucks.Template?.prototype;
  if (!prototype || typeof prototype._compile !== 'function') return;
  const compile = prototype._compile;
  const compiled = new WeakMap<object, Map<string, Pick<CompilableTemplate, 'blocks' | 'rootRenderFunc'>>>();
  prototype._compile = function (this: CompilableTemplate) {
    if (this.tmplProps || typeof this.tmplStr !== 'string' || !this.env) return compile.call(this);
    let known = compiled.get(this.env);
    if (!known) compiled.set(this.env, (known = new Map()));
    const key = `${this.path ?? ''}\0${this.tmplStr}`;
    const done = known.get(key);
    if (!done) {
      compile.call(this);
      known.set(key, { blocks: this.blocks, rootRenderFunc: this.rootRenderFunc });
      return;
    }
    this.blocks = done.blocks;
    this.rootRenderFunc = done.rootRenderFunc;
    this.compiled = true;
  };
}

/** The parts of a Nunjucks Template that compiling sets (nunjucks/src/environment.js). */
interface CompilableTemplate {
  _compile(this: CompilableTemplate): void;
  env?: object;
  path?: string;
  tmplStr?: unknown;
  tmplProps?: unknown;
  blocks?: unknown;
  rootRenderFunc?: unknown;
  compiled?: boolean;
}

// ---------------------------------------------------------------------------------------------------
// The HTML: one Eleventy run, or for a big site one per worker thread.

/**
 * Renders the plans `ids` with Eleventy into `staging`. `all` also writes the home page, listing `listed`,
 * the assets and the plans' images; `plans` writes the plans' own pages only (a worker's share of a big site).
 */
async function renderSite(options: Pick<BuildOptions, 'root' | 'strict'>, ids: string[], prepared: PreparedPlan[], staging: string, part: 'all' | 'plans', listed?: { id: string; context: PlanContext }[], media = ids): Promise<void> {
  compileEachTemplateOnce();
  const eleventy = new Eleventy(join(packageRoot, 'templates/pages'), staging, {
    quietMode: true,
    configPath: join(packageRoot, 'src/render/eleventy-base.config.js'),
    config: (config: Parameters<typeof yjplan>[0] & { setIncludesDirectory(dir: string): void; addPreprocessor(name: string, extensions: string, callback: (data: { page: { inputPath: string } }, content: string) => unknown): void }) => {
      config.setIncludesDirectory('../layouts');
      // A worker's share copies no assets: the main thread's copies them once, with every plan's media.
      const target = part === 'plans' ? withoutPassthrough(config) : config;
      yjplan(target, { root: options.root, plans: ids, media, listed, mode: 'build', strict: options.strict, prepared });
      if (part === 'plans') config.addPreprocessor('yjplan-share', 'njk', (data, content) => (isSiteLevel(data.page.inputPath) ? false : content));
    },
  });
  // Eleventy would print its own report of a failure, stack trace included: the CLI reports it instead.
  (eleventy as unknown as { disableLogger(): void }).disableLogger();
  await eleventy.write();
}

/** Pages that are not one plan's: the home page listing them all, and the stylesheet built from a template. */
function isSiteLevel(inputPath: string): boolean {
  return /(^|[/\\])index\.njk$/.test(inputPath) || /govuk-frontend\.css\.njk$/.test(inputPath);
}

function withoutPassthrough<T extends object>(config: T): T {
  return new Proxy(config, {
    get(target, key) {
      if (key === 'addPassthroughCopy') return () => undefined;
      const value = Reflect.get(target, key, target) as unknown;
      // Eleventy's config uses private fields: its methods must run on the object itself.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Shares of the plans for a site of this many plans: one per core, from 16 plans (below that, starting a worker costs more than it saves). */
export function shardCount(plans: number, cores = availableParallelism()): number {
  return plans >= 16 ? Math.max(1, Math.min(cores, Math.floor(plans / 8))) : 1;
}

interface ShardData {
  root: string;
  strict?: boolean;
  ids: string[];
}

type ShardMessage = { type: 'prepared'; prepared: PreparedPlan[] } | { type: 'rendered' } | { type: 'error'; message: string; stack?: string };

/**
 * Splits the plans into `shards` shares of consecutive plans, so a service's years (ids sort by service,
 * then year) mostly fall in one share and the plan a `previous:` names is read once.
 * This thread takes the first share and a worker thread each of the others: each loads, validates, derives
 * and audits its share and, on `render`, writes its plans' pages, while this thread also writes the home
 * page and the assets. The pages are byte for byte those of one Eleventy run (the home page, the only page
 * that lists plans, is rendered from every plan's context).
 */
function startShards(options: BuildOptions, ids: string[], shards: number) {
  const share = (shard: number) => ids.filter((_, index) => Math.floor((index * shards) / ids.length) === shard);
  const tsx = import.meta.resolve('tsx/esm/api');
  // The worker registers tsx (as src/cli/bin.js does) and runs `runShard` of this module.
  const bootstrap = `const { workerData, parentPort } = require('node:worker_threads');
import(workerData.tsx).then(({ register }) => { register(); return import(workerData.entry); }).then((m) => m.runShard())
  .catch((error) => parentPort.postMessage({ type: 'error', message: String(error && error.message || error), stack: error && error.stack }));`;
  const workers = Array.from({ length: shards - 1 }, (_, index) => {
    const data: ShardData = { root: options.root, strict: options.strict, ids: share(index + 1) };
    return new Worker(bootstrap, { eval: true, workerData: { ...data, tsx, entry: import.meta.url } });
  });
  const next = (worker: Worker, type: ShardMessage['type']) =>
    new Promise<ShardMessage>((resolve, reject) => {
      const onMessage = (message: ShardMessage) => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (message.type === 'error') reject(Object.assign(new Error(message.message), { stack: message.stack }));
        else if (message.type !== type) reject(new Error(`a build worker sent "${message.type}" where "${type}" was expected`));
        else resolve(message);
      };
      const onError = (error: Error) => reject(error);
      const onExit = (code: number) => reject(new Error(`a build worker stopped (exit code ${code})`));
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
  const fromWorkers = workers.map((worker) => next(worker, 'prepared'));
  for (const answer of fromWorkers) answer.catch(() => undefined);
  const mine = share(0);
  let minePrepared: PreparedPlan[] = [];
  return {
    /** This thread's share is prepared while the workers start. */
    async prepare(): Promise<PreparedPlan[]> {
      const read = new Map<string, ReadPlan>();
      minePrepared = mine.map((id) => preparePlan(options.root, id, { strict: options.strict, read }));
      const answers = await Promise.all(fromWorkers);
      const byId = new Map([...minePrepared, ...answers.flatMap((answer) => (answer.type === 'prepared' ? answer.prepared : []))].map((plan) => [plan.id, plan]));
      return ids.map((id) => byId.get(id)!);
    },
    /** Renders every share's pages; this thread's share comes with the home page listing `listed`, and the assets. */
    async render(staging: string, listed: { id: string; context: PlanContext }[]): Promise<void> {
      const rendered = workers.map((worker) => {
        const answer = next(worker, 'rendered');
        worker.postMessage({ type: 'render', staging });
        return answer;
      });
      for (const answer of rendered) answer.catch(() => undefined);
      await renderSite(options, mine, minePrepared, staging, 'all', listed, ids);
      minePrepared = [];
      await Promise.all(rendered);
    },
    stop(): void {
      for (const worker of workers) void worker.terminate();
    },
  };
}

/** A worker's side of `startShards`. */
export async function runShard(): Promise<void> {
  const data = workerData as ShardData;
  const port = parentPort!;
  try {
    const read = new Map<string, ReadPlan>();
    const prepared = data.ids.map((id) => preparePlan(data.root, id, { strict: data.strict, read }));
    // The main thread needs only their outlines: the whole plans stay here, where they are rendered.
    port.postMessage({ type: 'prepared', prepared: prepared.map(outline) } satisfies ShardMessage);
    const message = await new Promise<{ type: string; staging?: string }>((resolve) => port.once('message', resolve));
    if (message.type !== 'render' || !message.staging) return;
    await renderSite(data, data.ids, prepared, message.staging, 'plans');
    port.postMessage({ type: 'rendered' } satisfies ShardMessage);
  } catch (error) {
    port.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } satisfies ShardMessage);
  } finally {
    port.close();
  }
}
