import type { Diagnostic } from '../diagnostics.ts';
import type { AnyBlock } from '../blocks/types.ts';
import { blocks } from '../blocks/registry.ts';
import { closest } from '../validate/suggest.ts';

/**
 * Shortcodes in markdown (`{% budgetTable %}`, `{% fig "budget.total" %}`) are parsed here, not by
 * Nunjucks: authors' text never runs as a template, only the known shortcodes do, and each use has an
 * exact line and column for its errors.
 */
export interface ShortcodeCall {
  name: string;
  args: string[];
  /** Offsets of the whole `{% … %}` in the text. */
  start: number;
  end: number;
  line: number;
  col: number;
  /** Alone on its line: a block placement; otherwise inline (only `fig` may be inline). */
  standalone: boolean;
}

const CALL = /\{%-?\s*([A-Za-z][\w-]*)((?:\s+(?:"[^"\n]*"|'[^'\n]*'|[^\s%"']+))*)\s*-?%\}/g;
const ARG = /"([^"\n]*)"|'([^'\n]*)'|([^\s"']+)/g;

export function parseArgs(text: string): string[] {
  return [...text.matchAll(ARG)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

export function parseShortcodes(text: string): ShortcodeCall[] {
  const calls: ShortcodeCall[] = [];
  for (const match of text.matchAll(CALL)) {
    const start = match.index!;
    const end = start + match[0].length;
    const before = text.slice(0, start);
    const line = before.split('\n').length;
    const lineStart = before.lastIndexOf('\n') + 1;
    const lineEnd = text.indexOf('\n', end) === -1 ? text.length : text.indexOf('\n', end);
    const standalone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
    calls.push({ name: match[1]!, args: parseArgs(match[2] ?? ''), start, end, line, col: start - lineStart + 1, standalone });
  }
  return calls;
}

/** Parses a section's `blocks:` entry from an edition (`indicator "fte"`) as a call. */
export function parseBlockEntry(entry: string): { name: string; args: string[] } {
  const [name = '', ...rest] = parseArgs(entry);
  return { name, args: rest };
}

export interface ShortcodeOwner {
  block: AnyBlock;
  name: string;
}

export function shortcodeOwner(name: string): ShortcodeOwner | undefined {
  for (const block of blocks) if (block.shortcodes?.[name]) return { block, name };
  return undefined;
}

export function knownShortcodes(): string[] {
  return ['fig', ...blocks.flatMap((block) => Object.keys(block.shortcodes ?? {}))];
}

/** Checks every call in a markdown file against the plan: unknown names, missing data, unknown figures. */
export function checkCalls(
  file: string,
  text: string,
  figures: Record<string, unknown>,
  derivedBlocks: Record<string, unknown>,
  validateArgs: (owner: ShortcodeOwner, args: string[]) => string | undefined,
): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const lines = text.split('\n');
  const report = (call: ShortcodeCall, code: string, message: string, hint?: string) =>
    diagnostics.push({ severity: 'error', file, line: call.line, col: call.col, code, message, hint, excerpt: lines[call.line - 1] });
  for (const call of parseShortcodes(text)) {
    if (call.name === 'fig') {
      const key = call.args[0];
      if (!key) report(call, 'content.fig-args', '`fig` needs the key of a figure', 'write {% fig "budget.total" %}');
      else if (!(key in figures)) {
        const suggestion = closest(key, Object.keys(figures));
        report(call, 'content.unknown-figure', `there is no figure "${key}"`, suggestion ? `did you mean "${suggestion}"?` : 'run `yjplan check --figures` to list the figures the plan has');
      }
      continue;
    }
    const owner = shortcodeOwner(call.name);
    if (!owner) {
      const suggestion = closest(call.name, knownShortcodes());
      report(call, 'content.unknown-shortcode', `unknown shortcode "${call.name}"`, suggestion ? `did you mean "${suggestion}"?` : `shortcodes: ${knownShortcodes().join(', ')}`);
      continue;
    }
    if (!call.standalone) report(call, 'content.inline-block', `"${call.name}" places a whole block, so it must stand alone on its line`, 'put it on a line of its own, with blank lines around it');
    if (!(owner.block.id in derivedBlocks)) {
      report(call, 'content.missing-data', `"${call.name}" shows ${owner.block.title.toLowerCase()} data, but the plan has no ${owner.block.id}.yaml`, `add data/<plan>/${owner.block.id}.yaml, or remove the shortcode`);
      continue;
    }
    const problem = validateArgs(owner, call.args);
    if (problem) report(call, 'content.shortcode-args', problem);
  }
  return diagnostics;
}

/** The key that identifies one block placement: its name and arguments (`indicator fte`). */
export function callKey(name: string, args: readonly string[]): string {
  return [name, ...args].join(' ');
}

/** Every block placed by the prose of the plan, keyed by call, with where it stands. */
export function placements(markdown: readonly { file: string; sectionId: string; text: string }[]): Map<string, { file: string; sectionId: string; call: ShortcodeCall }[]> {
  const placed = new Map<string, { file: string; sectionId: string; call: ShortcodeCall }[]>();
  for (const file of markdown) {
    for (const call of parseShortcodes(file.text)) {
      if (call.name === 'fig') continue;
      const key = callKey(call.name, call.args);
      placed.set(key, [...(placed.get(key) ?? []), { file: file.file, sectionId: file.sectionId, call }]);
    }
  }
  return placed;
}
