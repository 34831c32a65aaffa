import { LineCounter, parseDocument, isMap, isPair, isScalar, isSeq, type Node, type Document } from 'yaml';

/**
 * Positions in a YAML source, found lazily: js-yaml loads the data, and only when something must be
 * reported do we parse again with the `yaml` package, whose nodes keep their ranges.
 */
export interface Position {
  line: number;
  col: number;
}

export class YamlSource {
  private parsed?: { doc: Document; lines: LineCounter };
  private lines?: string[];

  constructor(
    /** Path relative to the project root. */
    readonly file: string,
    readonly text: string,
  ) {}

  private document() {
    if (!this.parsed) {
      const lines = new LineCounter();
      const doc = parseDocument(this.text, { lineCounter: lines, uniqueKeys: false });
      this.parsed = { doc, lines };
    }
    return this.parsed;
  }

  /** The source line (1-based) without its line ending. */
  lineText(line: number): string | undefined {
    // Split once: a file with many errors asks for many lines.
    this.lines ??= this.text.split(/\r?\n/);
    const text = this.lines[line - 1];
    return text === undefined ? undefined : text.replace(/\t/g, '→');
  }

  /**
   * Where the value at a JSON pointer (`/rows/2/staffing`) sits. With `key: true` the position of the
   * key itself (for an unknown key). Falls back to the deepest ancestor that exists.
   */
  positionOf(pointer: string, options: { key?: boolean } = {}): Position {
    const { doc, lines } = this.document();
    const segments = parsePointer(pointer);
    let node: unknown = doc.contents;
    let found: Node | undefined = (doc.contents as Node | null) ?? undefined;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      const isLast = i === segments.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        if (isLast && options.key) {
          found = pair.key as Node;
          break;
        }
        node = pair.value;
        if (node && typeof node === 'object' && 'range' in node) found = node as Node;
        else {
          found = pair.key as Node;
          break;
        }
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (!item) break;
        node = item;
        found = item as Node;
      } else break;
    }
    const offset = found?.range?.[0] ?? 0;
    const { line, col } = lines.linePos(offset);
    return { line, col };
  }
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function joinPointer(...segments: (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
