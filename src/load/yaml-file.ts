import { load, YAMLException } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { joinPointer, YamlSource } from './source.ts';

/** Plans are hand-written; anything this large is a mistake or an attack, and is refused before parsing. */
export const MAX_YAML_BYTES = 2 * 1024 * 1024;
const MAX_ALIASES = 50;
const MAX_DEPTH = 64;
/** Aliases share objects, so a small file can stand for billions of values: cap what validation would walk. */
const MAX_NODES = 200_000;

export type YamlLoad = { ok: true; source: YamlSource; data: unknown } | { ok: false; diagnostics: Diagnostic[] };

function fileError(file: string, code: string, message: string, hint: string, line = 0, col = 0, excerpt?: string): Diagnostic {
  return { severity: 'error', file, line, col, code, message, hint, excerpt };
}

/** Spaces that look like spaces but are not to YAML: pasted from Word, web pages and PDFs. */
const LOOKALIKE_SPACE = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;

/** Decodes and parses one YAML file; every failure becomes a located diagnostic, never an exception. */
export function parseYaml(file: string, bytes: Uint8Array): YamlLoad {
  if (bytes.byteLength > MAX_YAML_BYTES) {
    return {
      ok: false,
      diagnostics: [
        fileError(file, 'load.too-large', `the file is ${(bytes.byteLength / 1048576).toFixed(1)} MB, over the ${MAX_YAML_BYTES / 1048576} MB limit`, 'a plan file holds a few hundred lines; split it or remove pasted data'),
      ],
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = lineOfInvalidUtf8(bytes);
    const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? ' (it looks like UTF-16, which Notepad calls "Unicode")' : bytes[0] === 0xfe && bytes[1] === 0xff ? ' (it looks like UTF-16)' : '';
    return {
      ok: false,
      diagnostics: [fileError(file, 'load.encoding', `the file is not valid UTF-8${utf16}`, 'save it as UTF-8 (in Word or Excel, choose "UTF-8" when saving as text)', line, 1)],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = new YamlSource(file, text);
  if (text.trim() === '' || text.split(/\r?\n/).every((l) => /^\s*(#.*)?$/.test(l))) {
    return { ok: false, diagnostics: [fileError(file, 'load.empty', 'the file is empty', 'add its fields (see the README), or delete the file if the plan has no such block')] };
  }
  const lookalike = lookalikeSpace(source);
  if (lookalike) return { ok: false, diagnostics: [lookalike] };
  let data: unknown;
  try {
    data = load(text, { maxAliases: MAX_ALIASES, maxDepth: MAX_DEPTH });
  } catch (error) {
    return { ok: false, diagnostics: [syntaxError(source, error)] };
  }
  if (exceedsNodes(data, MAX_NODES)) {
    return { ok: false, diagnostics: [fileError(file, 'yaml.too-many-values', `the file expands to more than ${MAX_NODES.toLocaleString('en-GB')} values through its aliases`, 'write the values out instead of repeating anchors (*name)')] };
  }
  const infinite = nonFinite(data);
  if (infinite !== undefined) {
    const position = source.positionOf(infinite.pointer);
    return {
      ok: false,
      diagnostics: [fileError(file, 'yaml.not-finite', `${infinite.shown} is not a number a plan can use`, 'write a plain number, or leave the value empty when it is not known', position.line, position.col, source.lineText(position.line))],
    };
  }
  return { ok: true, source, data };
}

/** A no-break or other look-alike space where YAML needs a plain one: in the indentation, or after `key:` or `-`. */
function lookalikeSpace(source: YamlSource): Diagnostic | undefined {
  const lines = source.text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const structural = /^([ \t\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]*)((?:-|[^\s#'"{[][^:#]*:)(?=[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]))?/.exec(line)!;
    const at = structural[1]!.search(LOOKALIKE_SPACE);
    const col = at >= 0 ? at + 1 : structural[2] ? structural[1]!.length + structural[2].length + 1 : 0;
    if (!col) continue;
    const code = line.codePointAt(col - 1)!.toString(16).toUpperCase().padStart(4, '0');
    return fileError(
      source.file,
      'yaml.lookalike-space',
      `a no-break or other special space (U+${code}) is used where YAML needs an ordinary space`,
      'retype the spaces at the start of the line (and after the colon) with the space bar; they often come from copying out of Word or a web page',
      index + 1,
      col,
      source.lineText(index + 1),
    );
  }
  return undefined;
}

/** Turns any parse failure into one located diagnostic, pointing at its cause rather than where the parser gave up. */
function syntaxError(source: YamlSource, error: unknown): Diagnostic {
  if (!(error instanceof YAMLException)) {
    // js-yaml may throw other errors on hostile input (e.g. a stack overflow): still a diagnostic, never a crash.
    return fileError(source.file, 'yaml.unreadable', `the file could not be read as YAML (${error instanceof Error ? error.message : String(error)})`, 'compare it with the example plan; it may be damaged or not YAML at all');
  }
  const reason = error.reason ?? error.message;
  const position = error.mark?.position;
  let line = (error.mark?.line ?? -1) + 1;
  let col = (error.mark?.column ?? 0) + 1;
  let message = `YAML syntax: ${reason}`;
  let hint = yamlHint(reason, line > 0 ? source.lineText(line) : undefined);

  if (/single document/.test(reason)) {
    const second = secondDocument(source.text);
    if (second) [line, col] = [second, 1];
    message = 'the file holds more than one YAML document: a `---` line starts a second one';
    hint = 'remove the `---` line (or the text after it); each plan file holds one document';
  } else if (/non-printable/.test(reason) && typeof position === 'number') {
    const code = source.text.codePointAt(position)?.toString(16).toUpperCase().padStart(4, '0') ?? '?';
    message = `the file contains an invisible control character (U+${code})`;
    hint = 'delete it (retype the text around it); it often comes from pasting out of Word or a PDF';
  } else if (!/tag|alias|maxDepth|duplicated/.test(reason) && typeof position === 'number') {
    const open = unclosedAt(source.text, position);
    if (open) {
      [line, col] = [open.line, open.col];
      message = open.char === '"' || open.char === "'" ? `the quotation mark (${open.char}) opened here is never closed` : `the bracket (${open.char}) opened here is never closed`;
      hint = open.char === '"' || open.char === "'" ? `close it at the end of the value, e.g. key: ${open.char}value${open.char}` : `close it with ${open.char === '[' ? ']' : '}'}, or write the items as a list with one "- item" per line`;
    }
  }
  return fileError(source.file, 'yaml.syntax', message, hint, line, col, line > 0 ? source.lineText(line) : undefined);
}

/** Counts values as a walk over the data would meet them (shared objects counted each time), stopping early. */
function exceedsNodes(data: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length) {
    const value = stack.pop();
    if (++count > limit) return true;
    if (value && typeof value === 'object') for (const child of Object.values(value)) stack.push(child);
  }
  return false;
}

/** The first `.inf` or `.nan`: YAML reads them as numbers, but no figure in a plan can be infinite. */
function nonFinite(data: unknown, pointer = ''): { pointer: string; shown: string } | undefined {
  if (typeof data === 'number' && !Number.isFinite(data)) return { pointer, shown: Number.isNaN(data) ? '`.nan` (not a number)' : '`.inf` (infinity)' };
  if (data && typeof data === 'object') {
    for (const [key, value] of Object.entries(data)) {
      const found = nonFinite(value, pointer + joinPointer(key));
      if (found) return found;
    }
  }
  return undefined;
}

function yamlHint(reason: string, lineText: string | undefined): string {
  if (/\btab/.test(reason)) return 'indent with spaces, not tabs';
  if (/duplicat/.test(reason)) return 'each key may appear once in a block; remove or rename one of them';
  if (/alias/i.test(reason)) return 'the file uses too many anchors and aliases (*name); write the values out';
  if (/depth|nest/i.test(reason)) return 'the file is nested far deeper than a plan needs';
  if (/tag/.test(reason)) return 'remove the tag (the word after ! or !!): plan files hold plain text, numbers, lists and fields only';
  if (/mapping entry/.test(reason) && lineText && /:\s.*:\s/.test(lineText)) return 'a value that itself contains ": " must be in quotes, e.g. title: "Priority 1: education"';
  if (/quot|end of the stream|unexpected end/i.test(reason)) return 'check for a quotation mark or bracket that is opened but not closed';
  if (/indentation|mapping/.test(reason)) return 'check the indentation: items of one list or block must line up';
  return 'see https://yaml.org/spec/1.2.2/ for YAML syntax, or compare with the example plan';
}

/** The 1-based line of the `---` that starts a second document. */
function secondDocument(text: string): number | undefined {
  let content = false;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^(---|\.\.\.)(\s|$)/.test(line)) {
      if (content) return i + 1;
    } else if (!/^\s*(#.*)?$/.test(line)) content = true;
  }
  return undefined;
}

interface Opening {
  char: string;
  line: number;
  col: number;
}

/**
 * Where a quote or flow bracket still open at `offset` was opened, by a small scan of YAML's quoting rules:
 * a quote or bracket only opens where a value starts (after `key: `, `- `, `[`, `{` or `,`), so an
 * apostrophe inside plain text does not count.
 */
export function unclosedAt(text: string, offset: number): Opening | undefined {
  let line = 1;
  let lineStart = 0;
  let quote: Opening | undefined;
  const flows: Opening[] = [];
  let valueStart = true;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      if (!quote) valueStart = true;
      continue;
    }
    if (quote) {
      if (quote.char === '"' && c === '\\') i++;
      else if (quote.char === "'" && c === "'" && text[i + 1] === "'") i++;
      else if (c === quote.char) quote = undefined;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    if (c === '#' && (i === lineStart || /\s/.test(text[i - 1]!))) {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
      continue;
    }
    if (valueStart && (c === '"' || c === "'")) {
      quote = { char: c, line, col: i - lineStart + 1 };
      valueStart = false;
    } else if (valueStart && (c === '[' || c === '{')) {
      flows.push({ char: c, line, col: i - lineStart + 1 });
    } else if (flows.length && (c === ']' || c === '}')) {
      flows.pop();
      valueStart = false;
    } else if (flows.length && c === ',') {
      valueStart = true;
    } else if ((c === ':' || c === '-' || c === '?') && /\s/.test(text[i + 1] ?? '\n')) {
      valueStart = true;
    } else {
      valueStart = false;
    }
  }
  return quote ?? flows.at(-1);
}

/** The 1-based line holding the first byte sequence that is not UTF-8. */
export function lineOfInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.byteLength; i++) {
    if (i === bytes.byteLength || bytes[i] === 10) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return 0;
}
