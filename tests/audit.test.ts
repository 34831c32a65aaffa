import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preparePlan } from '../src/pipeline.ts';

const root = join(import.meta.dirname, '..');
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of the example project with one file changed. */
function exampleWith(file: string, change: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'yjplan-audit-'));
  copies.push(dir);
  cpSync(join(root, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
  return dir;
}

describe('the example plan', () => {
  it('checks with no error and no warning', () => {
    expect(preparePlan(root, '2025-26').diagnostics).toEqual([]);
  });
});

describe('audits across blocks and prose', () => {
  it('warns on an acronym the glossary does not define, at its line and column', () => {
    const dir = exampleWith('content/2025-26/introduction.md', (text) => `The QXR team meets weekly.\n\n${text}`);
    const warning = preparePlan(dir, '2025-26').diagnostics.find((d) => d.code === 'audit.undefined-acronym');
    expect(warning).toMatchObject({ file: 'content/2025-26/introduction.md', line: 1, col: 5, message: '"QXR" is not in the glossary' });
  });

  it('warns on money written with a point for a comma', () => {
    const dir = exampleWith('content/2025-26/remands.md', (text) => `The remand allocation is £121.691 this year.\n\n${text}`);
    const warning = preparePlan(dir, '2025-26').diagnostics.find((d) => d.code === 'audit.money-typo');
    expect(warning).toMatchObject({ line: 1, col: 26 });
    expect(warning!.hint).toContain('£121,691');
  });

  it('warns when a signatory is spelled differently from the board', () => {
    const dir = exampleWith('data/2025-26/signatories.yaml', (text) => text.replace('name: Ruth Penhallow', 'name: Ruth Penhalow'));
    const warning = preparePlan(dir, '2025-26').diagnostics.find((d) => d.code === 'audit.name-spelling');
    expect(warning).toMatchObject({ file: 'data/2025-26/signatories.yaml', line: 3, message: expect.stringContaining('Ruth Penhallow') });
  });

  it('errors on a figure the data does not have, with the closest key', () => {
    const dir = exampleWith('content/2025-26/resources.md', (text) => text.replace('{% fig "budget.total" %}', '{% fig "budget.totl" %}'));
    const error = preparePlan(dir, '2025-26').diagnostics.find((d) => d.code === 'content.unknown-figure');
    expect(error).toMatchObject({ severity: 'error', file: 'content/2025-26/resources.md', line: 1, hint: 'did you mean "budget.total"?' });
  });

  it('warns when the same block is placed twice', () => {
    const dir = exampleWith('content/2025-26/introduction.md', (text) => `${text}\n\n{% budgetTable %}\n`);
    const warning = preparePlan(dir, '2025-26').diagnostics.find((d) => d.code === 'content.placed-twice');
    expect(warning).toMatchObject({ file: 'content/2025-26/resources.md' });
  });
});

describe('the README', () => {
  it('documents every block, copied from the block folders', async () => {
    const { readmeWithBlocks } = await import('../scripts/readme-blocks.ts');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    expect(readme).toBe(readmeWithBlocks(readme));
    for (const file of ['budget', 'performance', 'priorities', 'risks', 'staffing', 'board', 'signatories', 'glossary', 'feedback', 'tables']) expect(readme).toContain(`(\`${file}.yaml\`)`.replace('(`budget.yaml`)', '(`data/<plan>/budget.yaml`)'));
  });
});
