import { join } from 'node:path';
import Eleventy from '@11ty/eleventy';
import yjplan from '../render/plugin.ts';
import { packageRoot } from '../render/nunjucks.ts';

export interface ServeOptions {
  root: string;
  plans: string[];
  port: number;
  outDir?: string;
}

/** Eleventy's dev server with live reload; plan errors show on the page and in the terminal, and it keeps running. */
export async function serve(options: ServeOptions): Promise<{ close: () => Promise<void> }> {
  const eleventy = new Eleventy(join(packageRoot, 'templates/pages'), options.outDir ?? join(options.root, '_site'), {
    quietMode: false,
    configPath: join(packageRoot, 'src/render/eleventy-base.config.js'),
    config: (config: Parameters<typeof yjplan>[0] & { setIncludesDirectory(dir: string): void }) => {
      config.setIncludesDirectory('../layouts');
      yjplan(config, { root: options.root, plans: options.plans, mode: 'serve' });
      config.setServerOptions({ port: options.port, showAllHosts: false });
    },
  });
  await eleventy.watch();
  await eleventy.serve(options.port);
  console.log(`Previewing on http://localhost:${options.port}/ — edit content/ or data/ and the page reloads. Ctrl+C to stop.`);
  return {
    close: async () => {
      await eleventy.stopWatch?.();
    },
  };
}
