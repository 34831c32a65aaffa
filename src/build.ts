import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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

  let since = Date.now();
  const ids = planIds(options.root, options.plans);
  if (!ids.length) throw new UserFacingError(`no plans found under ${join(options.root, 'data')}: each plan is a folder such as data/2025-26/ holding a plan.yaml`);
  const prepared = ids.map((id) => preparePlan(options.root, id, { strict: options.strict }));
  const all = prepared.flatMap((p) => p.diagnostics);
  const { errors, warnings } = countBySeverity(all);
  stage('check', `${prepared.reduce((n, p) => n + p.files, 0)} files in ${ids.length} plan(s), ${errors} error(s), ${warnings} warning(s)`, since);
  if (errors) throw new PlanError(all.filter((d) => d.severity === 'error'));

  mkdirSync(dirname(outDir), { recursive: true });
  const staging = join(dirname(outDir), `.${basename(outDir)}.building-${process.pid}-${Date.now()}`);
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
    const pages = Array.isArray(written) ? written.flat().length : (written.results?.length ?? 0);
    stage('html', `${pages} files written`, since);

    const pdfs: PrintResult[] = [];
    // With no browser the HTML is still published, then the PDF step fails saying how to install one.
    const browserMissing = options.pdf !== false && !findBrowser();
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
      } finally {
        await launched.close();
      }
      stage('pdf', pdfs.map((p) => `${p.pages} pages in ${p.renders} renders`).join(', '), since);
    }

    since = Date.now();
    const previous = `${staging}.previous`;
    if (existsSync(outDir)) renameSync(outDir, previous);
    renameSync(staging, outDir);
    rmSync(previous, { recursive: true, force: true });
    stage('publish', outDir, since);
    if (browserMissing) throw new UserFacingError(`the HTML site was built in ${outDir}, but no Chromium or Chrome was found to print the PDF. ${INSTALL_HINT}`);
    return { outDir, prepared, pages, pdfs, warnings: all.filter((d) => d.severity === 'warning') };
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
