import nunjucks from 'nunjucks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filters } from './filters.ts';

const srcDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const packageRoot = join(srcDir, '..');

/**
 * One Nunjucks environment for the site's layouts (templates/) and the blocks' templates (src/blocks/),
 * with autoescape on: every value from the plan is text unless a filter built it as HTML.
 */
export function createNunjucks(): nunjucks.Environment {
  const loader = new nunjucks.FileSystemLoader([join(packageRoot, 'templates'), join(srcDir, 'blocks'), join(packageRoot, 'node_modules', 'govuk-frontend', 'dist')], { noCache: false });
  const env = new nunjucks.Environment(loader, { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });
  for (const [name, filter] of Object.entries(filters)) env.addFilter(name, filter as (...args: unknown[]) => unknown);
  return env;
}
