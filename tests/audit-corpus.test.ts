/**
 * The audit's corpus (issue 3): each case under tests/fixtures/audit/ is one edit to a copy of the example
 * plan — a wrong total, an impossible percentage, points called per cent, a dangling id … — and the finding
 * it must produce, at its file, line and column. The unedited example produces none (tests/audit.test.ts).
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preparePlan } from '../src/pipeline.ts';

interface AuditCase {
  edit: { file: string; find: string; replace: string };
  expected: { code: string; file: string; line: number; col: number; message: string };
}

const repo = join(import.meta.dirname, '..');
const corpus = join(import.meta.dirname, 'fixtures', 'audit');
const scratch = mkdtempSync(join(tmpdir(), 'yjplan-audit-corpus-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const cases = readdirSync(corpus)
  .sort()
  .map((name) => ({ name, ...(JSON.parse(readFileSync(join(corpus, name, 'case.json'), 'utf8')) as AuditCase) }));

describe('the audit corpus', () => {
  it('has a case for each kind of mistake', () => {
    expect(cases.length).toBeGreaterThanOrEqual(13);
  });

  it.each(cases)('$name', ({ name, edit, expected }) => {
    const root = join(scratch, name);
    cpSync(join(repo, 'data'), join(root, 'data'), { recursive: true });
    cpSync(join(repo, 'content'), join(root, 'content'), { recursive: true });
    const text = readFileSync(join(root, edit.file), 'utf8');
    expect(text, `the case's edit must apply to ${edit.file}`).toContain(edit.find);
    writeFileSync(join(root, edit.file), text.replace(edit.find, edit.replace));
    const found = preparePlan(root, '2025-26').diagnostics.filter((d) => d.code === expected.code);
    expect(found.map((d) => `${d.file}:${d.line}:${d.col}`)).toContain(`${expected.file}:${expected.line}:${expected.col}`);
    expect(found.find((d) => d.line === expected.line)!.message).toContain(expected.message);
  });
});
