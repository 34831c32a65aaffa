import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { DerivedPlan } from '../derive/index.ts';
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { isLocalImage } from '../render/markdown.ts';

/** Raw HTML that markdown would show as text: flagged so the author knows it was not rendered as markup. */
const RAW_HTML = /<\/?(script|style|iframe|object|embed|svg|img|a|div|span|form|input|link|meta|base)\b[^>]*>|\son[a-z]+\s*=|javascript:|data:[a-z]+\/[a-z]/gi;
const IMAGE = /!\[[^\]]*\]\(\s*<?([^)\s>]*)/g;

/** Checks across the prose that no single block can see: raw HTML, remote images. */
export function auditContent(loaded: LoadedPlan, _derived: DerivedPlan): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const markdown of loaded.markdown) {
    const lines = markdown.text.split('\n');
    lines.forEach((lineText, index) => {
      for (const match of lineText.matchAll(RAW_HTML)) {
        diagnostics.push({
          severity: 'warning',
          file: markdown.file,
          line: index + 1,
          col: match.index! + 1,
          code: 'content.raw-html',
          message: `raw HTML or script "${match[0].trim().slice(0, 40)}" is shown as plain text, not run`,
          hint: 'write plain markdown; links are [text](https://…) and blocks are shortcodes',
          excerpt: lineText,
        });
      }
      for (const match of lineText.matchAll(IMAGE)) {
        const problem = imageProblem(loaded.root, loaded.id, match[1] ?? '');
        if (problem) diagnostics.push({ severity: 'error', file: markdown.file, line: index + 1, col: match.index! + 1, excerpt: lineText, ...problem });
      }
    });
  }
  return diagnostics;
}

/** Images must be files inside data/<plan>/: not remote, not outside the project, not through a link leading out. */
function imageProblem(root: string, planId: string, src: string): Pick<Diagnostic, 'code' | 'message' | 'hint'> | undefined {
  const hint = `save the image in data/${planId}/ and write its file name: ![what it shows](photo.jpg)`;
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src)) {
    return { code: 'content.remote-image', message: `the image "${src}" is not a local file: the site and the PDF must not depend on other hosts or schemes`, hint };
  }
  if (!isLocalImage(src)) return { code: 'content.image-path', message: `the image path "${src}" leaves the plan's folder or is not an image`, hint };
  const dataDir = resolve(root, 'data', planId);
  const path = join(dataDir, src);
  if (!existsSync(path)) return { code: 'content.missing-image', message: `the image "${src}" does not exist (looked for data/${planId}/${src})`, hint };
  if (lstatSync(path).isSymbolicLink() && !realpathSync(path).startsWith(realpathSync(dataDir) + sep)) {
    return { code: 'content.image-path', message: `the image "${src}" is a link to a file outside the plan's folder`, hint };
  }
  return undefined;
}
