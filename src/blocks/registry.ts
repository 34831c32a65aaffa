import type { AnyBlock } from './types.ts';
import { planBlock } from './plan/index.ts';
import { budgetBlock } from './budget/index.ts';
import { prioritiesBlock } from './priorities/index.ts';
import { risksBlock } from './risks/index.ts';
import { performanceBlock } from './performance/index.ts';
import { staffingBlock } from './staffing/index.ts';
import { boardBlock } from './board/index.ts';
import { signatoriesBlock } from './signatories/index.ts';
import { glossaryBlock } from './glossary/index.ts';
import { feedbackBlock } from './feedback/index.ts';
import { tablesBlock } from './tables/index.ts';

/**
 * Every block the tool knows, in the order they derive (a block may read blocks derived before it).
 * Adding a block: create its folder, then add it here.
 */
export const blocks: readonly AnyBlock[] = [planBlock, budgetBlock, prioritiesBlock, risksBlock, performanceBlock, staffingBlock, boardBlock, signatoriesBlock, glossaryBlock, feedbackBlock, tablesBlock];

export function blockById(id: string): AnyBlock | undefined {
  return blocks.find((block) => block.id === id);
}
