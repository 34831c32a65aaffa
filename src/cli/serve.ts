import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Eleventy from '@11ty/eleventy';
import yjplan from '../render/plugin.ts';
import { packageRoot } from '../render/nunjucks.ts';
import { planIds, type PreparedPlan } from '../pipeline.ts';
import { countBySeverity, formatDiagnostic } from '../diagnostics.ts';

export interface ServeOptions {
  root: string;
  plans: string[];
  port: number;
  /** Where the preview is written; a temporary folder by default, so the published `_site/` is never touched. */
  outDir?: string;
  /** Where progress and errors are printed; the terminal by default. */
  log?: (line: string) => void;
}

export interface RunningPreview {
  url: string;
  outDir: string;
  close: () => Promise<void>;
}

/** The parts of Eleventy's programmatic API that watching and serving need (beyond src/types/eleventy.d.ts). */
interface WatchingEleventy {
  init(): Promise<void>;
  /** Resolves, once watching, to the function a file change runs (Eleventy returns it "for testability"). */
  watch(): Promise<((path: string) => Promise<void>) | undefined>;
  serve(port: number): Promise<void>;
  stopWatch(): Promise<void>;
}

type Config = Parameters<typeof yjplan>[0] & { setIncludesDirectory(dir: string): void; setChokidarConfig(options: Record<string, unknown>): void };

/** One line per rebuild, then the errors: what the terminal shows while the author edits. */
export function rebuildReport(prepared: readonly PreparedPlan[], milliseconds: number): string[] {
  const all = prepared.flatMap((p) => p.diagnostics);
  const { errors, warnings } = countBySeverity(all);
  const head = errors
    ? `✗ ${errors} error(s): the pages show the last good version, with the errors in a panel. Fix the file and save.`
    : `✓ built in ${milliseconds} ms: no errors${warnings ? `, ${warnings} warning(s) (run yjplan check to list them)` : ''}`;
  return [...all.filter((d) => d.severity === 'error').map(formatDiagnostic), head];
}

/**
 * Eleventy's dev server with live reload. Editing markdown or YAML under content/ or data/ rebuilds the site
 * and the browser shows the change; a validation error is printed and shown on the page, and the server
 * keeps running until `close()` (or Ctrl+C).
 */
export async function serve(options: ServeOptions): Promise<RunningPreview> {
  const log = options.log ?? ((line: string) => console.log(line));
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'yjplan-preview-'));
  let started = Date.now();
  let latest: PreparedPlan[] = [];
  let warmingUp = false;
  // The dev server moves to the next port when the one asked for is taken: the URL is known once it listens.
  let listening: (url: string) => void = () => {};
  const address = new Promise<string>((resolve) => (listening = resolve));

  const eleventy = new Eleventy(join(packageRoot, 'templates/pages'), outDir, {
    quietMode: true,
    configPath: join(packageRoot, 'src/render/eleventy-base.config.js'),
    // Eleventy reads runMode to inject the live-reload client; its declared options do not list it.
    ...({ runMode: 'serve' } as object),
    config: (config: Config) => {
      config.setIncludesDirectory('../layouts');
      yjplan(config, { root: options.root, plans: options.plans, mode: 'serve', onPrepared: (prepared) => (latest = prepared) });
      config.on('eleventy.before', () => {
        started = Date.now();
      });
      config.on('eleventy.after', () => {
        if (warmingUp) return;
        for (const line of rebuildReport(latest, Date.now() - started)) log(line);
      });
      // Eleventy waits 150 ms for a saved file to stop changing; editors write a section in one go.
      config.setChokidarConfig({ awaitWriteFinish: { stabilityThreshold: 40, pollInterval: 10 } });
      config.setServerOptions({
        port: options.port,
        showAllHosts: false,
        showVersion: false,
        messageOnStart: ({ localhostUrl }: { localhostUrl: string }) => {
          listening(localhostUrl);
          return false;
        },
        logger: { info: () => {}, log: () => {}, error: (message: string) => log(message) },
      });
    },
  }) as unknown as WatchingEleventy;
  await eleventy.init();
  const rebuild = await eleventy.watch();
  // Two rebuilds before anyone edits: the first runs of a rebuild are several times slower than later ones
  // (the code is not yet compiled), and the author's first save should show as quickly as every other.
  const firstFile = planIds(options.root, options.plans).map((id) => join(options.root, 'data', id, 'plan.yaml')).find((file) => existsSync(file));
  if (rebuild && firstFile) {
    warmingUp = true;
    try {
      await rebuild(firstFile);
      await rebuild(firstFile);
    } finally {
      warmingUp = false;
    }
  }
  await eleventy.serve(options.port);
  const url = await address;
  log(`Previewing on ${url} — edit a file in content/ or data/ and the page updates. Ctrl+C to stop.`);
  return {
    url,
    outDir,
    close: async () => {
      await eleventy.stopWatch();
      if (!options.outDir) rmSync(outDir, { recursive: true, force: true });
    },
  };
}
