import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { DerivedPlan } from '../derive/index.ts';

/** Raw HTML that markdown would show as text: flagged so the author knows it was not rendered as markup. */
const RAW_HTML = /<\/?(script|style|iframe|object|embed|svg|img|a|div|span|form|input|link|meta|base)\b[^>]*>|\son[a-z]+\s*=|javascript:|data:[a-z]+\/[a-z]/gi;
const REMOTE = /!\[[^\]]*\]\(\s*<?(https?:)?\/\//gi;

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
      for (const match of lineText.matchAll(REMOTE)) {
        diagnostics.push({
          severity: 'error',
          file: markdown.file,
          line: index + 1,
          col: match.index! + 1,
          code: 'content.remote-image',
          message: 'an image from another website: the site and the PDF must not depend on other hosts',
          hint: 'save the image in data/<plan>/ and refer to it by its file name',
          excerpt: lineText,
        });
      }
    });
  }
  return diagnostics;
}
