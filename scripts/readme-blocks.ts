/**
 * Copies each block's README (src/blocks/<id>/README.md) into the main README between the markers
 * `<!-- blocks:start -->` and `<!-- blocks:end -->`, headings moved two levels down. The block folder
 * stays the one place its documentation is written; a test fails when the README falls behind.
 *   node --import tsx scripts/readme-blocks.ts [--check]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { blocks } from '../src/blocks/registry.ts';

const root = join(import.meta.dirname, '..');
const START = '<!-- blocks:start -->';
const END = '<!-- blocks:end -->';

export function blocksSection(): string {
  const parts = blocks
    .map((block) => join(root, 'src/blocks', block.id, 'README.md'))
    .filter((file) => existsSync(file))
    .map((file) => {
      let inFence = false;
      return readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          if (line.startsWith('```')) inFence = !inFence;
          return !inFence && /^#{1,4} /.test(line) ? `##${line}` : line;
        })
        .join('\n');
    });
  return `${START}\n<!-- Generated from src/blocks/*/README.md by scripts/readme-blocks.ts: edit those files, then run it. -->\n\n${parts.join('\n\n')}\n\n${END}`;
}

export function readmeWithBlocks(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < 0) throw new Error(`README.md has no ${START} … ${END} markers`);
  return readme.slice(0, start) + blocksSection() + readme.slice(end + END.length);
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const file = join(root, 'README.md');
  const current = readFileSync(file, 'utf8');
  const updated = readmeWithBlocks(current);
  if (process.argv.includes('--check')) {
    if (current !== updated) {
      console.error('README.md is behind src/blocks/*/README.md: run node --import tsx scripts/readme-blocks.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(file, updated);
    console.log('README.md: blocks section updated');
  }
}
