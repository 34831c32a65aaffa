import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Project-relative path with forward slashes, as printed in diagnostics. */
export function projectPath(root: string, absolute: string): string {
  return relative(root, absolute).split(sep).join('/');
}

export function listFiles(dir: string, extension: string): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith(extension) && !name.startsWith('.'))
    .sort();
}

export function readBytes(path: string): Uint8Array {
  return readFileSync(path);
}

/** Plan ids are folder names under data/ that hold a plan.yaml, e.g. `2025-26`. */
export function listPlanIds(root: string): string[] {
  const dataDir = join(root, 'data');
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir)
    .filter((name) => existsSync(join(dataDir, name, 'plan.yaml')))
    .sort();
}
