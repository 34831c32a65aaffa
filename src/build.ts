import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import Eleventy from '@11ty/eleventy';
import { PlanError, UserFacingError, countBySeverity, type Diagnostic } from './diagnostics.ts';
import { preparePlan, planIds, type PreparedPlan } from './pipeline.ts';
import yjplan from './render/plugin.ts';
import { packageRoot } from './render/nunjucks.ts';
import { planSlug } from './blocks/plan/derive.ts';
import { INSTALL_HINT, findBrowser, launchBrowser } from './print/browser.ts';
import { printPlan, type PrintResult } from './print/pdf.ts';
import { fingerprintOf } from './print/fingerprint.ts';

export interface BuildOptions {
  root: string;
  /** Output folder; replaced only when the whole build succeeds. */
  outDir?: string;
  plans?: string[];
  pdf?: boolean;
  strict?: boolean;
  onStage?: (stage: Stage) => void;
}

export interface Stage {
  name: 'check' | 'html' | 'pdf' | 'publish';
  detail: string;
  milliseconds: number;
}

export interface BuildResult {
  outDir: string;
  prepared: PreparedPlan[];
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
  const prepared = ids.map((id) => preparePlan(options.root, id, { strict: options.strict }));
  const all = prepared.flatMap((p) => p.diagnostics);
  const { errors, warnings } = countBySeverity(all);
  stage('check', `${prepared.reduce((n, p) => n + p.files, 0)} files in ${ids.length} plan(s), ${errors} error(s), ${warnings} warning(s)`, since);
  if (errors) throw new PlanError(all.filter((d) => d.severity === 'error'));

  mkdirSync(dirname(outDir), { recursive: true });
  // A unique folder per build, so two builds at once (or a stale one) never share a staging folder.
  const staging = mkdtempSync(join(dirname(outDir), `.${basename(outDir)}.building-`));
  const removeStaging = () => rmSync(staging, { recursive: true, force: true });
  // A build ended from outside (Ctrl+C; puppeteer exits the process on SIGINT) leaves no half-built folder.
  process.once('exit', removeStaging);
  let pages = 0;
  const pdfs: PrintResult[] = [];
  // With no browser the HTML is still published, then the PDF step fails saying how to install one.
  const browserMissing = options.pdf !== false && !findBrowser();
  try {
    since = Date.now();
    const eleventy = new Eleventy(join(packageRoot, 'templates/pages'), staging, {
      quietMode: true,
      configPath: join(packageRoot, 'src/render/eleventy-base.config.js'),
      config: (config: Parameters<typeof yjplan>[0] & { setIncludesDirectory(dir: string): void }) => {
        config.setIncludesDirectory('../layouts');
        yjplan(config, { root: options.root, plans: ids, mode: 'build', strict: options.strict, prepared });
      },
    });
    const written = (await eleventy.write()) as unknown as [unknown[], unknown[]] | { results?: unknown[] };
    pages = Array.isArray(written) ? written.flat().length : (written.results?.length ?? 0);
    stage('html', `${pages} files written`, since);

    if (options.pdf !== false && !browserMissing) {
      since = Date.now();
      const launched = await launchBrowser();
      try {
        for (const plan of prepared) {
          const derived = plan.derived!;
          const slug = planSlug(derived.context);
          pdfs.push(
            await printPlan(launched.browser, {
              siteDir: staging,
              planId: plan.id,
              pdfFile: `${plan.id}/${slug}.pdf`,
              title: `${derived.context.title} – ${derived.context.plan.authority}`,
              author: derived.context.plan.service,
              subject: `${derived.context.title} for ${derived.context.plan.authority}, ${derived.context.plan.period.start} to ${derived.context.plan.period.end}`,
              keywords: ['youth justice plan', derived.context.plan.authority, derived.context.plan.period.label, derived.edition.id],
              fingerprint: fingerprintOf(plan.loaded),
              sections: derived.sections.length,
            }),
          );
        }
      } catch (error) {
        if (!(error instanceof UserFacingError) && !launched.browser.connected) {
          throw new UserFacingError(`the browser stopped while printing the PDF: it crashed, was killed or ran out of memory (${firstLine(error)})`, { cause: error });
        }
        throw error;
      } finally {
        await launched.close();
      }
      stage('pdf', pdfs.map((p) => `${p.pages} pages in ${p.renders} renders`).join(', '), since);
    }

    since = Date.now();
    publish(staging, outDir);
    stage('publish', outDir, since);
  } catch (error) {
    removeStaging();
    throw unchanged(error, outDir);
  } finally {
    process.off('exit', removeStaging);
  }
  if (browserMissing) throw new UserFacingError(`the HTML site was built in ${outDir}, but no Chromium or Chrome was found to print the PDF. ${INSTALL_HINT}`);
  return { outDir, prepared, pages, pdfs, warnings: all.filter((d) => d.severity === 'warning') };
}

/** Swaps the new site in; if the swap itself fails, the previous output is put back. */
function publish(staging: string, outDir: string): void {
  const previous = `${staging}.previous`;
  const hadPrevious = existsSync(outDir);
  if (hadPrevious) renameSync(outDir, previous);
  try {
    renameSync(staging, outDir);
  } catch (error) {
    if (hadPrevious) renameSync(previous, outDir);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}

/** A failure after the check, restated so the user knows nothing was published and the last good site stands. */
function unchanged(error: unknown, outDir: string): unknown {
  // Plan errors (also when Eleventy wraps them) are printed as diagnostics, with their own "unchanged" line.
  for (let current = error, depth = 0; current && depth < 10; depth++) {
    if (current instanceof PlanError) return current;
    current = (current as { originalError?: unknown; cause?: unknown }).originalError ?? (current as { cause?: unknown }).cause;
  }
  const what = error instanceof UserFacingError ? error.message : `the build failed unexpectedly: ${firstLine(error)}`;
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
