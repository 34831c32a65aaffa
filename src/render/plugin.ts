import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PlanError } from '../diagnostics.ts';
import { preparePlan, planIds, type PreparedPlan } from '../pipeline.ts';
import type { ReadPlan } from '../derive/index.ts';
import { createNunjucks, packageRoot } from './nunjucks.ts';
import { filters } from './filters.ts';
import { buildSiteModel, type ListedPlan, type SiteModel } from './site.ts';
import { tableToCsv, tableToJson } from './downloads.ts';
import { shortFingerprint } from '../print/fingerprint.ts';
import { blocks } from '../blocks/registry.ts';

export interface YjplanOptions {
  /** The project folder holding content/ and data/. */
  root: string;
  /** Plan ids to build; all plans under data/ when empty. */
  plans?: string[];
  /** Plans whose images this run copies (default: every plan it builds); a build leaves out the plans it keeps from the last. */
  media?: string[];
  /** Every plan the home page lists, when more than those rendered (a build keeps the others from the last). */
  listed?: Pick<ListedPlan, 'id' | 'context'>[];
  /** `serve` shows a plan's errors as a panel and keeps going; `build` fails on them. */
  mode?: 'build' | 'serve';
  strict?: boolean;
  /** Plans already prepared by the caller (`yjplan build` checks before it renders); prepared here when absent. */
  prepared?: PreparedPlan[];
  /** Told of every preparation, e.g. so `serve` can report each rebuild. */
  onPrepared?: (prepared: PreparedPlan[]) => void;
}

export interface PreviewPlans {
  /** What the pages show: each plan as it is now, or, while it has errors, as it last was without them. */
  shown: PreparedPlan[];
  failures: SiteModel['failures'];
}

/** Which version of each plan to show: the plan as it is, or its last version without errors. */
export function previewPlans(prepared: readonly PreparedPlan[], lastGood: Map<string, PreparedPlan>): PreviewPlans {
  const failed = (p: PreparedPlan) => !p.derived || p.diagnostics.some((d) => d.severity === 'error');
  const failures = prepared.filter(failed).map((p) => ({ id: p.id, diagnostics: p.diagnostics }));
  for (const p of prepared) if (!failed(p)) lastGood.set(p.id, p);
  const shown = prepared.flatMap((p) => {
    const good = failed(p) ? lastGood.get(p.id) : p;
    return good ? [good] : [];
  });
  return { shown, failures };
}

interface EleventyConfig {
  addGlobalData(name: string, data: unknown): void;
  addFilter(name: string, filter: (...args: never[]) => unknown): void;
  addPassthroughCopy(copy: Record<string, string>): void;
  addWatchTarget(path: string): void;
  addTemplate(path: string, content: string, data?: Record<string, unknown>): void;
  setServerOptions(options: Record<string, unknown>): void;
  ignores: { add(glob: string): void };
  on(event: string, callback: (...args: unknown[]) => unknown): void;
}

/** Rebuilds govuk-frontend's stylesheet without the GOV.UK font and crest, which councils must not use. */
export function councilStylesheet(): string {
  const css = readFileSync(join(packageRoot, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'), 'utf8');
  return css
    .replace(/@font-face\{[^}]*\}/g, '')
    .replace(/GDS Transport,arial,sans-serif/g, 'arial,"Liberation Sans",sans-serif')
    .replace(/font-family:GDS Transport/g, 'font-family:arial,"Liberation Sans",sans-serif')
    .replace(/url\(\/assets\/images\/govuk-crest\.svg\)/g, 'none')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//g, '');
}

/**
 * The one function that wires yjplan into Eleventy: the Nunjucks environment, the plan data as global
 * data, the page templates, the assets. `.eleventy.js` only adds this plugin.
 */
export default function yjplan(eleventyConfig: EleventyConfig, options: YjplanOptions): void {
  // Blocks render through yjplan's own Nunjucks environment (in the data stage, to plain HTML strings);
  // the pages render through Eleventy's, which bundles its own Nunjucks fork: mixing the two would make
  // one's "safe" strings unsafe to the other. The pages get the same filters.
  const env = createNunjucks();
  for (const [name, filter] of Object.entries(filters)) {
    eleventyConfig.addFilter(name, (...args: never[]) => {
      const value = (filter as (...a: never[]) => unknown)(...args);
      return value instanceof Object && 'val' in value ? String((value as { val: string }).val) : value;
    });
  }
  eleventyConfig.addFilter('shortFingerprint', (value: string) => shortFingerprint(value));
  /** Renders a block's template that a page (not the prose) includes, e.g. the home page's key figures. */
  eleventyConfig.addFilter('blockTemplate', (template: string, variables: Record<string, unknown>) => (existsSync(join(packageRoot, 'src/blocks', template)) ? env.render(template, variables) : ''));

  // In a preview, a plan with errors keeps its last good pages (under a panel listing the errors), so a typo
  // mid-edit never blanks the page the author is looking at; a build fails on them instead.
  const lastGood = new Map<string, PreparedPlan>();
  eleventyConfig.addGlobalData('site', (): SiteModel => {
    const read = new Map<string, ReadPlan>();
    const prepared = options.prepared ?? planIds(options.root, options.plans).map((id) => preparePlan(options.root, id, { strict: options.strict, read }));
    options.onPrepared?.(prepared);
    const { shown, failures } = previewPlans(prepared, lastGood);
    if (failures.length && options.mode !== 'serve') throw new PlanError(failures.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'error')));
    return buildSiteModel(
      env,
      shown.map((p) => ({ loaded: p.loaded, derived: p.derived!, diagnostics: p.diagnostics, fingerprint: p.fingerprint! })),
      failures,
      options.listed,
    );
  });

  eleventyConfig.addFilter('csv', (table: Parameters<typeof tableToCsv>[0]) => tableToCsv(table));
  eleventyConfig.addFilter('tableJson', (table: Parameters<typeof tableToJson>[0], plan: { id: string }) => tableToJson(table, plan));

  eleventyConfig.addPassthroughCopy({
    [join(packageRoot, 'node_modules/chart.js/dist/chart.umd.min.js')]: 'assets/chart.umd.min.js',
    [join(packageRoot, 'templates/assets')]: 'assets',
  });
  for (const block of blocks) {
    const client = join(packageRoot, 'src/blocks', block.id, 'client.js');
    if (existsSync(client)) eleventyConfig.addPassthroughCopy({ [client]: `assets/blocks/${block.id}.js` });
  }
  // Logos and images that plans keep beside their data.
  for (const id of options.media ?? planIds(options.root, options.plans)) {
    const dataDir = join(options.root, 'data', id);
    for (const name of existsSync(dataDir) ? readdirSync(dataDir) : []) {
      if (/\.(svg|png|jpe?g|webp)$/i.test(name)) eleventyConfig.addPassthroughCopy({ [join(dataDir, name)]: `${id}/media/${name}` });
    }
  }
  eleventyConfig.addGlobalData('blockScripts', blockClientScripts());
  eleventyConfig.addTemplate('assets/govuk-frontend.css.njk', '{{ css | safe }}', { permalink: '/assets/govuk-frontend.css', css: councilStylesheet(), eleventyExcludeFromCollections: true });
  eleventyConfig.addWatchTarget(join(options.root, 'content'));
  eleventyConfig.addWatchTarget(join(options.root, 'data'));
}

export const blockClientScripts = (): string[] =>
  blocks.filter((block) => existsSync(join(packageRoot, 'src/blocks', block.id, 'client.js'))).map((block) => `/assets/blocks/${block.id}.js`);
