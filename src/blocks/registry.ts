import type { AnyBlock } from './types.ts';
import { planBlock } from './plan/index.ts';
import { budgetBlock } from './budget/index.ts';
import { prioritiesBlock } from './priorities/index.ts';
import { risksBlock } from './risks/index.ts';

/**
 * Every block the tool knows, in the order they derive (a block may read blocks derived before it).
 * Adding a block: create its folder, then add it here.
 */
export const blocks: readonly AnyBlock[] = [planBlock, budgetBlock, prioritiesBlock, risksBlock];

export function blockById(id: string): AnyBlock | undefined {
  return blocks.find((block) => block.id === id);
}
