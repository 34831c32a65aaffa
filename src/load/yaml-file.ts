import { load, YAMLException } from 'js-yaml';
import type { Diagnostic } from '../diagnostics.ts';
import { YamlSource } from './source.ts';

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
    return {
      ok: false,
      diagnostics: [fileError(file, 'load.encoding', 'the file is not valid UTF-8', 'save it as UTF-8 (in Word or Excel, choose "UTF-8" when saving as text)', line, 1)],
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const source = new YamlSource(file, text);
  if (text.trim() === '' || text.split(/\r?\n/).every((l) => /^\s*(#.*)?$/.test(l))) {
    return { ok: false, diagnostics: [fileError(file, 'load.empty', 'the file is empty', 'add its fields (see the README), or delete the file if the plan has no such block')] };
  }
  try {
    const data = load(text, { maxAliases: MAX_ALIASES, maxDepth: MAX_DEPTH });
    if (exceedsNodes(data, MAX_NODES)) {
      return { ok: false, diagnostics: [fileError(file, 'yaml.too-many-values', `the file expands to more than ${MAX_NODES.toLocaleString('en-GB')} values through its aliases`, 'write the values out instead of repeating anchors (*name)')] };
    }
    return { ok: true, source, data };
  } catch (error) {
    if (error instanceof YAMLException) {
      const line = (error.mark?.line ?? -1) + 1;
      const col = (error.mark?.column ?? 0) + 1;
      return {
        ok: false,
        diagnostics: [fileError(file, 'yaml.syntax', `YAML syntax: ${error.reason}`, yamlHint(error.reason), line, col, line > 0 ? source.lineText(line) : undefined)],
      };
    }
    throw error;
  }
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

function yamlHint(reason: string): string {
  if (/tab/.test(reason)) return 'indent with spaces, not tabs';
  if (/duplicat/.test(reason)) return 'each key may appear once in a block; remove or rename one of them';
  if (/alias/i.test(reason)) return 'the file uses too many anchors and aliases (*name); write the values out';
  if (/depth|nest/i.test(reason)) return 'the file is nested far deeper than a plan needs';
  if (/quot|end of the stream|unexpected end/i.test(reason)) return 'check for a quotation mark that is opened but not closed';
  if (/indentation|mapping/.test(reason)) return 'check the indentation: items of one list or block must line up';
  return 'see https://yaml.org/spec/1.2.2/ for YAML syntax, or compare with the example plan';
}

/** The 1-based line holding the first byte sequence that is not UTF-8. */
function lineOfInvalidUtf8(bytes: Uint8Array): number {
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
