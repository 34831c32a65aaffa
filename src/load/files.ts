import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
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

export interface PathProblem {
  code: string;
  message: string;
  hint: string;
}

/** True when `path` is `folder` or lies inside it (both already resolved). */
export function isInside(folder: string, path: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * Why a path the plan reads or publishes cannot be used: a symbolic link that leads out of the project
 * (or nowhere), or something that is not an ordinary file or folder. Checked before anything is read, so
 * a link to /etc/passwd or a named pipe is never opened.
 */
export function pathProblem(root: string, path: string, expect: 'file' | 'folder' | 'any' = 'file'): PathProblem | undefined {
  const shown = projectPath(root, path);
  let target: string;
  try {
    target = realpathSync(path);
  } catch {
    const link = (() => {
      try {
        return lstatSync(path).isSymbolicLink();
      } catch {
        return false;
      }
    })();
    return link
      ? { code: 'load.broken-link', message: `"${shown}" is a link to a file that does not exist`, hint: 'replace the link with the file itself' }
      : { code: 'load.missing', message: `"${shown}" cannot be read`, hint: 'check that the file exists and that you may read it' };
  }
  // Compared after resolving every link on the way, so a linked folder cannot lead out either.
  if (!isInside(realpathSync(root), target)) {
    return {
      code: 'load.outside-project',
      message: `"${shown}" is a link to ${target}, outside the project: a plan may only use its own files`,
      hint: 'copy the file into the project instead of linking to it',
    };
  }
  const stats = statSync(path);
  if ((expect === 'file' && !stats.isFile()) || (expect === 'any' && !stats.isFile() && !stats.isDirectory())) {
    return { code: 'load.not-a-file', message: `"${shown}" is not an ordinary file`, hint: 'plan files must be ordinary files; remove or rename it' };
  }
  if (expect === 'folder' && !stats.isDirectory()) {
    return { code: 'load.not-a-folder', message: `"${shown}" is not a folder`, hint: 'remove or rename it' };
  }
  return undefined;
}

/** The size of a file in bytes, read without opening it. */
export function fileSize(path: string): number {
  return statSync(path).size;
}
