/**
 * Reading PDFs back: pdfjs-dist for text, `verify` and tests; and a small reader of the PDF's object
 * structure (cross-reference table, catalog, page tree, named destinations) for the contents page numbers
 * while printing. The small reader reads only the dozen objects it needs, where loading pdfjs alone costs
 * a second or more under tsx and a full parse of an 80-page PDF another few hundred milliseconds.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

export async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdfjs takes ownership of the buffer it is given, so hand it a copy.
  return pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
}

/** The 1-based page of each named destination (Chromium writes one per link target id). */
export async function destinationPages(pdf: PDFDocumentProxy, ids: readonly string[]): Promise<Map<string, number>> {
  const destinations = (await pdf.getDestinations()) as Record<string, unknown[] | null>;
  const pages = new Map<string, number>();
  for (const id of ids) {
    const destination = destinations[id];
    const ref = destination?.[0];
    if (ref && typeof ref === 'object') pages.set(id, (await pdf.getPageIndex(ref as Parameters<PDFDocumentProxy['getPageIndex']>[0])) + 1);
  }
  return pages;
}

export async function pageText(pdf: PDFDocumentProxy, pageNumber: number): Promise<string> {
  const page = await pdf.getPage(pageNumber);
  const content = await page.getTextContent();
  return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
}

export async function allText(pdf: PDFDocumentProxy): Promise<string[]> {
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) pages.push(await pageText(pdf, n));
  return pages;
}

// ---------------------------------------------------------------------------------------------------
// The small reader. It understands the classic cross-reference table that Chromium (Skia) writes, and
// the incremental updates yjplan appends to it; for anything else (cross-reference streams, object
// streams, a damaged file) `readPdfStructure` returns undefined and callers fall back to pdfjs.

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
export class PdfString {
  constructor(readonly bytes: string) {}
  /** The string as text: UTF-16BE after a byte-order mark, else PDFDocEncoding (read as Latin-1). */
  text(): string {
    const b = this.bytes;
    if (b.charCodeAt(0) === 0xfe && b.charCodeAt(1) === 0xff) {
      let out = '';
      for (let i = 2; i + 1 < b.length; i += 2) out += String.fromCharCode((b.charCodeAt(i) << 8) | b.charCodeAt(i + 1));
      return out;
    }
    return b;
  }
  static fromText(text: string): PdfString {
    let bytes = '\xfe\xff';
    for (let i = 0; i < text.length; i++) bytes += String.fromCharCode(text.charCodeAt(i) >> 8, text.charCodeAt(i) & 0xff);
    return new PdfString(bytes);
  }
}
export type PdfDict = Map<string, PdfValue>;
export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict;

class PdfSyntaxError extends Error {}

const WHITESPACE = new Set([0, 9, 10, 12, 13, 32]);
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)));

/** A tokenizer over the file as a Latin-1 string (one char per byte). */
class Cursor {
  constructor(
    readonly s: string,
    public i: number,
  ) {}

  skipSpace(): void {
    const s = this.s;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (WHITESPACE.has(c)) this.i++;
      else if (c === 37 /* % */) while (this.i < s.length && s[this.i] !== '\n' && s[this.i] !== '\r') this.i++;
      else return;
    }
  }

  keyword(word: string): boolean {
    this.skipSpace();
    if (!this.s.startsWith(word, this.i)) return false;
    const after = this.s.charCodeAt(this.i + word.length);
    if (!Number.isNaN(after) && !WHITESPACE.has(after) && !DELIMITERS.has(after)) return false;
    this.i += word.length;
    return true;
  }

  integer(): number | undefined {
    this.skipSpace();
    const m = /^\d+/.exec(this.s.slice(this.i, this.i + 12));
    if (!m) return undefined;
    this.i += m[0].length;
    return Number(m[0]);
  }

  value(depth = 0): PdfValue {
    if (depth > 64) throw new PdfSyntaxError('nested too deeply');
    this.skipSpace();
    const s = this.s;
    const c = s[this.i];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of file');
    if (c === '<' && s[this.i + 1] === '<') {
      this.i += 2;
      const dict: PdfDict = new Map();
      for (;;) {
        this.skipSpace();
        if (s.startsWith('>>', this.i)) {
          this.i += 2;
          return dict;
        }
        const key = this.value(depth + 1);
        if (!(key instanceof PdfName)) throw new PdfSyntaxError('a dictionary key is not a name');
        dict.set(key.name, this.value(depth + 1));
      }
    }
    if (c === '<') {
      const end = s.indexOf('>', this.i);
      if (end < 0) throw new PdfSyntaxError('unterminated hex string');
      const hex = s.slice(this.i + 1, end).replace(/[^0-9a-fA-F]/g, '');
      this.i = end + 1;
      let bytes = '';
      for (let k = 0; k < hex.length; k += 2) bytes += String.fromCharCode(parseInt(hex.slice(k, k + 2).padEnd(2, '0'), 16));
      return new PdfString(bytes);
    }
    if (c === '[') {
      this.i++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (s[this.i] === ']') {
          this.i++;
          return items;
        }
        items.push(this.value(depth + 1));
      }
    }
    if (c === '(') return this.literalString();
    if (c === '/') {
      let end = this.i + 1;
      while (end < s.length && !WHITESPACE.has(s.charCodeAt(end)) && !DELIMITERS.has(s.charCodeAt(end))) end++;
      const raw = s.slice(this.i + 1, end);
      this.i = end;
      return new PdfName(raw.replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))));
    }
    const number = /^[+-]?(\d+\.?\d*|\.\d+)/.exec(s.slice(this.i, this.i + 32));
    if (number) {
      this.i += number[0].length;
      // `12 0 R` is a reference: two unsigned integers and R.
      if (/^\d+$/.test(number[0])) {
        const save = this.i;
        const gen = this.integer();
        if (gen !== undefined && this.keyword('R')) return new PdfRef(Number(number[0]), gen);
        this.i = save;
      }
      return Number(number[0]);
    }
    if (this.keyword('true')) return true;
    if (this.keyword('false')) return false;
    if (this.keyword('null')) return null;
    throw new PdfSyntaxError(`unexpected "${s.slice(this.i, this.i + 10)}"`);
  }

  private literalString(): PdfString {
    const s = this.s;
    let depth = 0;
    let out = '';
    for (let i = this.i; i < s.length; i++) {
      const c = s[i]!;
      if (c === '\\') {
        const next = s[++i]!;
        const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
        if (next in escapes) out += escapes[next];
        else if (/[0-7]/.test(next)) {
          const octal = /^[0-7]{1,3}/.exec(s.slice(i, i + 3))![0];
          out += String.fromCharCode(parseInt(octal, 8) & 0xff);
          i += octal.length - 1;
        } else if (next === '\r') {
          if (s[i + 1] === '\n') i++;
        } else if (next !== '\n') out += next;
        continue;
      }
      if (c === '(') {
        if (depth++ > 0) out += c;
        continue;
      }
      if (c === ')') {
        if (--depth === 0) {
          this.i = i + 1;
          return new PdfString(out);
        }
        out += c;
        continue;
      }
      out += c;
    }
    throw new PdfSyntaxError('unterminated string');
  }
}

export interface PdfStructure {
  /** The whole file as a Latin-1 string. */
  text: string;
  /** Object number → byte offset and generation, newest update first. */
  offsets: Map<number, { offset: number; gen: number }>;
  trailer: PdfDict;
  /** Offset of the newest cross-reference section (the `startxref` value). */
  startxref: number;
  /** Object numbers of the pages, in order. */
  pages: number[];
  resolve(value: PdfValue | undefined): PdfValue | undefined;
  object(num: number): PdfValue | undefined;
}

/** Reads the cross-reference table, trailer and page tree; undefined when the file is not laid out so. */
export function readPdfStructure(bytes: Uint8Array): PdfStructure | undefined {
  try {
    return readStructure(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
  } catch (error) {
    if (error instanceof PdfSyntaxError) return undefined;
    throw error;
  }
}

function readStructure(text: string): PdfStructure | undefined {
  const tail = text.slice(-1024);
  const at = tail.lastIndexOf('startxref');
  if (at < 0) return undefined;
  const startxref = Number(/^startxref\s+(\d+)/.exec(tail.slice(at))?.[1] ?? NaN);
  if (!Number.isFinite(startxref)) return undefined;

  const offsets = new Map<number, { offset: number; gen: number }>();
  let trailer: PdfDict | undefined;
  const seen = new Set<number>();
  for (let section: number | undefined = startxref; section !== undefined; ) {
    if (seen.has(section) || seen.size > 32) return undefined;
    seen.add(section);
    const cursor: Cursor = new Cursor(text, section);
    // A cross-reference stream (PDF 1.5 compression) is not read here.
    if (!cursor.keyword('xref')) return undefined;
    for (;;) {
      if (cursor.keyword('trailer')) break;
      const first = cursor.integer();
      const count = cursor.integer();
      if (first === undefined || count === undefined) return undefined;
      for (let n = 0; n < count; n++) {
        const offset = cursor.integer();
        const gen = cursor.integer();
        const inUse = cursor.keyword('n');
        if (offset === undefined || gen === undefined || (!inUse && !cursor.keyword('f'))) return undefined;
        // Newer sections are read first, so an object already listed keeps its newer offset.
        if (inUse && !offsets.has(first + n)) offsets.set(first + n, { offset, gen });
        else if (!inUse && !offsets.has(first + n)) offsets.set(first + n, { offset: -1, gen });
      }
    }
    const dict: PdfValue = cursor.value();
    if (!(dict instanceof Map) || dict.has('XRefStm') || dict.has('Encrypt')) return undefined;
    trailer ??= dict;
    const previous: PdfValue | undefined = dict.get('Prev');
    section = typeof previous === 'number' ? previous : undefined;
  }
  if (!trailer) return undefined;

  const cache = new Map<number, PdfValue>();
  const object = (num: number): PdfValue | undefined => {
    if (cache.has(num)) return cache.get(num);
    const entry = offsets.get(num);
    if (!entry || entry.offset < 0) return undefined;
    const cursor = new Cursor(text, entry.offset);
    if (cursor.integer() !== num || cursor.integer() === undefined || !cursor.keyword('obj')) throw new PdfSyntaxError(`object ${num} is not at its offset`);
    const value = cursor.value();
    cache.set(num, value);
    return value;
  };
  const resolve = (value: PdfValue | undefined): PdfValue | undefined => (value instanceof PdfRef ? object(value.num) : value);

  const pages: number[] = [];
  const visited = new Set<number>();
  const walk = (ref: PdfValue | undefined, depth: number) => {
    if (!(ref instanceof PdfRef) || visited.has(ref.num) || depth > 32) throw new PdfSyntaxError('unexpected page tree');
    visited.add(ref.num);
    const node = object(ref.num);
    if (!(node instanceof Map)) throw new PdfSyntaxError('a page tree node is not a dictionary');
    const kids = resolve(node.get('Kids'));
    if (Array.isArray(kids)) for (const kid of kids) walk(kid, depth + 1);
    else pages.push(ref.num);
  };
  const catalog = resolve(trailer.get('Root'));
  if (!(catalog instanceof Map)) return undefined;
  walk(catalog.get('Pages'), 0);
  return { text, offsets, trailer, startxref, pages, resolve, object };
}

/**
 * The 1-based page of each named destination, from the catalog's /Dests dictionary (as Chromium writes
 * them) or the /Names tree; the same answer as `destinationPages` without loading pdfjs.
 */
export function quickDestinationPages(structure: PdfStructure, ids: readonly string[]): Map<string, number> {
  const { resolve } = structure;
  const catalog = resolve(structure.trailer.get('Root')) as PdfDict;
  const named = new Map<string, PdfValue | undefined>();
  const dests = resolve(catalog.get('Dests'));
  if (dests instanceof Map) for (const [name, value] of dests) named.set(name, value);
  const names = resolve(catalog.get('Names'));
  if (names instanceof Map) {
    const visit = (node: PdfValue | undefined, depth: number) => {
      const dict = resolve(node);
      if (!(dict instanceof Map) || depth > 32) return;
      const pairs = resolve(dict.get('Names'));
      if (Array.isArray(pairs)) for (let k = 0; k + 1 < pairs.length; k += 2) if (pairs[k] instanceof PdfString && !named.has((pairs[k] as PdfString).text())) named.set((pairs[k] as PdfString).text(), pairs[k + 1]);
      const kids = resolve(dict.get('Kids'));
      if (Array.isArray(kids)) for (const kid of kids) visit(kid, depth + 1);
    };
    visit(names.get('Dests'), 0);
  }
  const pageIndex = new Map(structure.pages.map((num, index) => [num, index]));
  const pages = new Map<string, number>();
  for (const id of ids) {
    let destination = resolve(named.get(id));
    if (destination instanceof Map) destination = resolve(destination.get('D'));
    const target = Array.isArray(destination) ? destination[0] : undefined;
    const index = target instanceof PdfRef ? pageIndex.get(target.num) : undefined;
    if (index !== undefined) pages.set(id, index + 1);
  }
  return pages;
}
