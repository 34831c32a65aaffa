import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics.ts';
import { listFiles, projectPath, readBytes } from './files.ts';
import type { YamlSource } from './source.ts';
import { parseYaml } from './yaml-file.ts';

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
  for (const name of [...listFiles(dataDir, '.yaml'), ...listFiles(dataDir, '.yml')]) {
    const result = parseYaml(projectPath(root, join(dataDir, name)), readBytes(join(dataDir, name)));
    if (result.ok) loaded.files.set(name.replace(/\.ya?ml$/, ''), { source: result.source, data: result.data });
    else loaded.diagnostics.push(...result.diagnostics);
  }
  for (const name of listFiles(contentDir, '.md')) {
    const path = join(contentDir, name);
    const file = projectPath(root, path);
    const bytes = readBytes(path);
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      loaded.markdown.push({ file, sectionId: name.replace(/\.md$/, ''), text });
    } catch {
      loaded.diagnostics.push({ severity: 'error', file, line: 0, col: 0, code: 'load.encoding', message: 'the file is not valid UTF-8', hint: 'save it as UTF-8' });
    }
  }
  return loaded;
}
