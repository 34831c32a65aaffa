import { existsSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { fileSize, listFiles, pathProblem, projectPath, readBytes, type PathProblem } from './files.ts';
import type { YamlSource } from './source.ts';
import { MAX_YAML_BYTES, lineOfInvalidUtf8, parseYaml } from './yaml-file.ts';

/** A section's prose is a few pages at most; a larger file is a mistake (or a pasted export) and is refused unread. */
export const MAX_MARKDOWN_BYTES = 2 * 1024 * 1024;

export interface LoadedFile {
  source: YamlSource;
  data: unknown;
}

export interface MarkdownFile {
  /** Project-relative path. */
  file: string;
  /** File name without `.md`: the section id it fills. */
  sectionId: string;
  text: string;
}

/** Stage 1: read a plan's YAML and markdown from disk. Nothing is interpreted yet. */
export interface LoadedPlan {
  id: string;
  root: string;
  /** Keyed by file name without `.yaml` (the block id). */
  files: Map<string, LoadedFile>;
  markdown: MarkdownFile[];
  diagnostics: Diagnostic[];
}

function fileError(file: string, problem: PathProblem, line = 0, col = 0): Diagnostic {
  return { severity: 'error', file, line, col, ...problem };
}

/** Entries of a plan folder that lead out of the project: refused, since data/<plan>/ is published as media too. */
function linkProblems(root: string, dir: string): Diagnostic[] {
  if (!existsSync(dir)) return [];
  const folder = pathProblem(root, dir, 'folder');
  if (folder) return [fileError(projectPath(root, dir), folder)];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const problem = pathProblem(root, join(dir, name), 'any');
      return problem ? [fileError(projectPath(root, join(dir, name)), problem)] : [];
    });
}

export function loadPlan(root: string, id: string): LoadedPlan {
  const dataDir = join(root, 'data', id);
  const contentDir = join(root, 'content', id);
  const loaded: LoadedPlan = { id, root, files: new Map(), markdown: [], diagnostics: [] };
  if (!existsSync(join(dataDir, 'plan.yaml'))) {
    loaded.diagnostics.push({
      severity: 'error',
      file: projectPath(root, join(dataDir, 'plan.yaml')),
      line: 0,
      col: 0,
      code: 'load.missing-plan',
      message: `there is no plan "${id}"`,
      hint: `create data/${id}/plan.yaml, or start one with \`yjplan new ${id}\``,
    });
    return loaded;
  }
  // Nothing is read through a link that leads out of the project, nor from a pipe or device.
  const refused = [...linkProblems(root, dataDir), ...linkProblems(root, contentDir)];
  loaded.diagnostics.push(...refused);
  const usable = (path: string) => !refused.some((d) => join(root, d.file) === path || path.startsWith(join(root, d.file) + sep));

  for (const name of [...listFiles(dataDir, '.yaml'), ...listFiles(dataDir, '.yml')]) {
    const path = join(dataDir, name);
    if (!usable(path)) continue;
    const file = projectPath(root, path);
    const problem = pathProblem(root, path, 'file');
    if (problem) {
      loaded.diagnostics.push(fileError(file, problem));
      continue;
    }
    // Refused by size before reading, so a huge file never reaches memory.
    const size = fileSize(path);
    if (size > MAX_YAML_BYTES) {
      loaded.diagnostics.push(tooLarge(file, size, MAX_YAML_BYTES));
      continue;
    }
    const result = parseYaml(file, readBytes(path));
    if (result.ok) loaded.files.set(name.replace(/\.ya?ml$/, ''), { source: result.source, data: result.data });
    else loaded.diagnostics.push(...result.diagnostics);
  }
  for (const name of listFiles(contentDir, '.md')) {
    const path = join(contentDir, name);
    if (!usable(path)) continue;
    const file = projectPath(root, path);
    const problem = pathProblem(root, path, 'file');
    if (problem) {
      loaded.diagnostics.push(fileError(file, problem));
      continue;
    }
    const size = fileSize(path);
    if (size > MAX_MARKDOWN_BYTES) {
      loaded.diagnostics.push(tooLarge(file, size, MAX_MARKDOWN_BYTES));
      continue;
    }
    const bytes = readBytes(path);
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      loaded.markdown.push({ file, sectionId: name.replace(/\.md$/, ''), text });
    } catch {
      loaded.diagnostics.push({
        severity: 'error',
        file,
        line: lineOfInvalidUtf8(bytes),
        col: 1,
        code: 'load.encoding',
        message: 'the file is not valid UTF-8',
        hint: 'save it as UTF-8 (in Word, choose "Plain text" then "Unicode (UTF-8)")',
      });
    }
  }
  return loaded;
}

function tooLarge(file: string, size: number, limit: number): Diagnostic {
  return {
    severity: 'error',
    file,
    line: 0,
    col: 0,
    code: 'load.too-large',
    message: `the file is ${(size / 1048576).toFixed(1)} MB, over the ${limit / 1048576} MB limit`,
    hint: 'a plan file holds a few hundred lines; split it or remove pasted data',
  };
}
