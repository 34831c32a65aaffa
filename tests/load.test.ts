import { describe, expect, it } from 'vitest';
import { parseYaml, MAX_YAML_BYTES } from '../src/load/yaml-file.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function failure(text: string | Uint8Array) {
  const result = parseYaml('data/x/plan.yaml', typeof text === 'string' ? bytes(text) : text);
  if (result.ok) throw new Error('expected a failure');
  return result.diagnostics[0]!;
}

describe('parseYaml', () => {
  it('reads CRLF line endings and a byte-order mark as ordinary YAML', () => {
    const result = parseYaml('p.yaml', bytes('\uFEFFauthority: Kelbridge\r\nperiod:\r\n  start: 2025-04-01\r\n'));
    expect(result.ok && result.data).toEqual({ authority: 'Kelbridge', period: { start: '2025-04-01' } });
  });

  it('keeps dates as strings (YAML 1.2 core schema)', () => {
    const result = parseYaml('p.yaml', bytes('due: 2025-03-31\n'));
    expect(result.ok && result.data).toEqual({ due: '2025-03-31' });
  });

  it('locates tab indentation at its line with a fix', () => {
    const d = failure('a:\n\tb: 1\n');
    expect([d.line, d.code]).toEqual([2, 'yaml.syntax']);
    expect(d.hint).toMatch(/spaces, not tabs/);
  });

  it('refuses duplicate keys at the second one', () => {
    const d = failure('authority: A\nservice: B\nauthority: C\n');
    expect(d.line).toBe(3);
    expect(d.message).toMatch(/duplicated mapping key/);
  });

  it('explains an unclosed quote', () => {
    const d = failure('authority: "Kelbridge\nservice: x\n');
    expect(d.code).toBe('yaml.syntax');
    expect(d.line).toBeGreaterThan(0);
  });

  it('says an empty or comment-only file is empty', () => {
    expect(failure('').code).toBe('load.empty');
    expect(failure('# nothing yet\n\n').code).toBe('load.empty');
  });

  it('names the line of invalid UTF-8', () => {
    const d = failure(new Uint8Array([...bytes('a: 1\nb: '), 0xff, 0xfe, 10]));
    expect([d.code, d.line]).toEqual(['load.encoding', 2]);
  });

  const bomb = (levels: number, width: number) => {
    const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(',')}]`];
    for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(',')}]`);
    return lines.join('\n') + '\n';
  };

  it('refuses a billion-laughs file by its number of aliases', () => {
    const d = failure(bomb(9, 9));
    expect(d.code).toBe('yaml.syntax');
    expect(d.hint).toMatch(/anchors and aliases/);
  });

  it('refuses a file that few aliases expand past the value limit', () => {
    const d = failure(bomb(7, 7));
    expect(d.code).toBe('yaml.too-many-values');
  });

  it('refuses a file over the size limit before parsing it', () => {
    const d = failure(new Uint8Array(MAX_YAML_BYTES + 1).fill(0x61));
    expect(d.code).toBe('load.too-large');
  });
});
