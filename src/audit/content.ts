import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { DerivedPlan } from '../derive/index.ts';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isAllowedLink, isLocalImage } from '../render/markdown.ts';
import { joinPointer } from '../load/source.ts';
import { isInside } from '../load/files.ts';
import { PROMPT_MARKER } from '../render/section.ts';

/**
 * Raw HTML (markdown-it runs with html off, so it shows as text): flagged so the author knows their
 * <script>, <iframe>, onclick= or <style> did nothing. A tag name must be followed by a space, `/` or `>`,
 * so autolinks (<https://…>) and comparisons (a < b) are not tags. Closing tags are not repeated.
 */
const TAG = /<[a-z][a-z0-9-]*(?=[\s/>])[^>]*>?|<!--/gi;
/** A link or image destination as markdown reads it: one level of balanced parentheses, as in alert(1). */
const DESTINATION = String.raw`<?((?:[^()\s>]|\([^()\s]*\))*)`;
const IMAGE = new RegExp(String.raw`!\[[^\]]*\]\(\s*` + DESTINATION, 'g');
/** Inline links (not images), autolinks, and reference definitions: the destination is group 1. */
const LINKS = [new RegExp(String.raw`(?<!!)\[[^\]]*\]\(\s*` + DESTINATION, 'g'), /<([a-z][a-z0-9+.-]{1,31}:[^<>\s]*)>/gi, /^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)/g];
/** What makes an SVG file run script or fetch from elsewhere when opened from the council's site. */
const SVG_ACTIVE = /<script\b|\son[a-z]+\s*=|javascript:|<foreignObject\b|<!ENTITY/i;
const SVG_REMOTE = /\b(?:href|src)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/|url\(\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/|@import/i;
const MAX_SVG_BYTES = 5 * 1024 * 1024;

type Problem = Pick<Diagnostic, 'code' | 'message' | 'hint'>;

/** Checks across the prose and text fields that no single block can see: raw HTML, unsafe links, images, SVG files. */
export function auditContent(loaded: LoadedPlan, _derived: DerivedPlan): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const markdown of loaded.markdown) {
    const masked = maskCode(markdown.text.replace(PROMPT_MARKER, ' '.repeat(PROMPT_MARKER.length)));
    const original = markdown.text.split('\n');
    masked.split('\n').forEach((lineText, index) => {
      for (const { col, severity, problem } of textProblems(lineText, loaded)) {
        diagnostics.push({ severity, file: markdown.file, line: index + 1, col, excerpt: original[index], ...problem });
      }
    });
  }
  // Text fields in the YAML render through the same markdown (or as escaped text): the same checks apply.
  for (const { source, data } of loaded.files.values()) {
    for (const { pointer, text } of strings(data)) {
      for (const { severity, problem } of textProblems(text, loaded)) {
        const position = source.positionOf(pointer);
        diagnostics.push({ severity, file: source.file, ...position, excerpt: source.lineText(position.line), ...problem });
      }
    }
  }
  const plan = loaded.files.get('plan');
  const logo = (plan?.data as { brand?: { logo?: unknown } } | undefined)?.brand?.logo;
  if (plan && typeof logo === 'string') {
    const problem = imageProblem(loaded.root, loaded.id, logo, 'logo');
    if (problem) {
      const position = plan.source.positionOf('/brand/logo');
      diagnostics.push({ severity: 'error', file: plan.source.file, ...position, excerpt: plan.source.lineText(position.line), ...problem });
    }
  }
  diagnostics.push(...svgProblems(loaded.root, loaded.id));
  return diagnostics;
}

/** Raw HTML and unsafe links (warnings: they are shown as text), images that cannot be published (errors). */
function textProblems(text: string, loaded: LoadedPlan): { col: number; severity: Diagnostic['severity']; problem: Problem }[] {
  const found: { col: number; severity: Diagnostic['severity']; problem: Problem }[] = [];
  for (const match of text.matchAll(TAG)) {
    const shown = match[0].trim().slice(0, 60) + (match[0].trim().length > 60 ? '…' : '');
    found.push({
      col: match.index! + 1,
      severity: 'warning',
      problem: {
        code: 'content.raw-html',
        message: `raw HTML "${shown}" is shown as plain text, not run`,
        hint: 'write plain markdown instead; links are [text](https://…), and blocks are placed with shortcodes',
      },
    });
  }
  for (const pattern of LINKS) {
    for (const match of text.matchAll(pattern)) {
      const destination = match[1] ?? '';
      if (!destination || isAllowedLink(destination)) continue;
      found.push({
        col: match.index! + 1,
        severity: 'warning',
        problem: {
          code: 'content.unsafe-link',
          message: `the link to "${destination.slice(0, 60)}" was not made: it is shown as plain text`,
          hint: 'a link may go to https://, http://, mailto:, tel:, a #heading, or a page of the plan; never to javascript:, data: or a file',
        },
      });
    }
  }
  for (const match of text.matchAll(IMAGE)) {
    const problem = imageProblem(loaded.root, loaded.id, match[1] ?? '', 'image');
    if (problem) found.push({ col: match.index! + 1, severity: 'error', problem });
  }
  return found.sort((a, b) => a.col - b.col);
}

/** Images must be files inside data/<plan>/: not remote, not outside the project, not through a link leading out. */
function imageProblem(root: string, planId: string, src: string, what: 'image' | 'logo'): Problem | undefined {
  const hint = what === 'logo' ? `save the logo in data/${planId}/ and write its file name: logo: logo.svg` : `save the image in data/${planId}/ and write its file name: ![what it shows](photo.jpg)`;
  if (/^[a-z]:[\\/]|\\/i.test(src.trim())) {
    return { code: 'content.image-path', message: `the ${what} "${src}" is a path on one computer, not a file of the plan`, hint };
  }
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(src.trim())) {
    return { code: 'content.remote-image', message: `the ${what} "${src}" is not a file of the plan: the site and the PDF must not depend on other hosts or schemes`, hint };
  }
  if (!isLocalImage(src)) return { code: 'content.image-path', message: `the ${what} path "${src}" leaves the plan's folder or is not an image (.png, .jpg, .svg, .webp, .gif)`, hint };
  const dataDir = resolve(root, 'data', planId);
  const path = join(dataDir, src.trim());
  if (!existsSync(path)) return { code: 'content.missing-image', message: `the ${what} "${src}" does not exist (looked for data/${planId}/${src.trim().replace(/^\.\//, '')})`, hint };
  if (!isInside(realpathSync(dataDir), realpathSync(path))) {
    return { code: 'content.image-path', message: `the ${what} "${src}" is a link to a file outside the plan's folder`, hint };
  }
  return undefined;
}

/**
 * SVG files in data/<plan>/ are published as they are, on the council's own domain: one that runs script
 * (or fetches from another host) would run it there when opened. Refused, with the line that does it.
 */
function svgProblems(root: string, planId: string): Diagnostic[] {
  const dataDir = join(root, 'data', planId);
  if (!existsSync(dataDir)) return [];
  const diagnostics: Diagnostic[] = [];
  for (const name of readdirSync(dataDir).filter((n) => /\.svg$/i.test(n)).sort()) {
    const path = join(dataDir, name);
    const file = `data/${planId}/${name}`;
    if (!statSync(path).isFile()) continue;
    if (statSync(path).size > MAX_SVG_BYTES) {
      diagnostics.push({ severity: 'error', file, line: 0, col: 0, code: 'content.image-too-large', message: `the image is over ${MAX_SVG_BYTES / 1048576} MB`, hint: 'save a smaller version; a logo is a few kilobytes' });
      continue;
    }
    const lines = readFileSync(path, 'utf8').split(/\r?\n/);
    const report = (pattern: RegExp, code: string, message: string, hint: string) => {
      const index = lines.findIndex((line) => pattern.test(line));
      if (index < 0) return;
      const match = pattern.exec(lines[index]!)!;
      const col = match.index + match[0].length - match[0].trimStart().length + 1;
      diagnostics.push({ severity: 'error', file, line: index + 1, col, code, message, hint, excerpt: lines[index]!.slice(0, 400) });
    };
    report(SVG_ACTIVE, 'content.svg-script', 'the SVG image holds script (a <script>, an on…= handler, javascript: or embedded HTML), which would run on the site', 'export the image again as a plain SVG (or as PNG) without scripts');
    report(SVG_REMOTE, 'content.svg-remote', 'the SVG image loads something from another host (an image, font or stylesheet): the site and the PDF must not depend on other hosts', 'embed what it needs in the file, or export it as PNG');
  }
  return diagnostics;
}

/** Code spans and fenced code are shown as code, on purpose: their content is blanked out before the checks. */
function maskCode(text: string): string {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  return text.replace(/^( {0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(^ {0,3}\2[^\n]*$|(?![\s\S]))/gm, blank).replace(/(`+)[^`\n][\s\S]*?\1/g, (span) => blank(span));
}

/** Every string value in a YAML file, with its JSON pointer. */
function* strings(data: unknown, pointer = ''): Generator<{ pointer: string; text: string }> {
  if (typeof data === 'string') yield { pointer, text: data };
  else if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) yield* strings(value, pointer + joinPointer(key));
  }
}
