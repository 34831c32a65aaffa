import type { MarkdownFile, LoadedPlan } from '../load/index.ts';
import { loadEdition, type Edition } from '../load/edition.ts';
import { blocks } from '../blocks/registry.ts';
import { planContext } from '../blocks/plan/derive.ts';
import type { PlanContext, PlanData } from '../blocks/plan/types.ts';
import type { Figure, TableModel } from '../blocks/types.ts';

export interface Section {
  id: string;
  title: string;
  /** 1-based position among the plan's sections. */
  number: number;
  group?: string;
  appendix: boolean;
  required: boolean;
  prompt: string;
  /** Shortcode calls that belong in the section. */
  blocks: string[];
  /** Added by the council, not by the edition. */
  local: boolean;
  markdown?: MarkdownFile;
}

/** Stage 3: what the plan means — its sections in edition order and every derived figure. */
export interface DerivedPlan {
  id: string;
  context: PlanContext;
  edition: Edition;
  sections: Section[];
  /** Each block's derived form, keyed by block id; absent when the plan has no such file. */
  blocks: Record<string, unknown>;
  figures: Record<string, Figure>;
  tables: TableModel[];
}

/** Only called on a plan that validated, so each file's data has its block's shape. */
export function derivePlan(loaded: LoadedPlan): DerivedPlan {
  const planData = loaded.files.get('plan')!.data as PlanData;
  const context = planContext(loaded.id, planData);
  const edition = loadEdition(planData.edition)!;
  const derived: DerivedPlan = { id: loaded.id, context, edition, sections: planSections(edition, planData, loaded.markdown), blocks: {}, figures: {}, tables: [] };
  for (const block of blocks) {
    const file = loaded.files.get(block.id);
    if (!file) continue;
    const value = block.derive(file.data, context);
    derived.blocks[block.id] = value;
    Object.assign(derived.figures, block.figures?.(value, context));
    derived.tables.push(...(block.tables?.(value, context) ?? []));
  }
  return derived;
}

/** The edition's sections in order, the council's local sections slotted in, each with its markdown. */
export function planSections(edition: Edition, plan: PlanData, markdown: MarkdownFile[]): Section[] {
  const ordered: Omit<Section, 'number' | 'markdown'>[] = edition.sections.map((section) => ({
    ...section,
    appendix: section.appendix ?? false,
    blocks: section.blocks ?? [],
    local: false,
  }));
  for (const local of plan.localSections ?? []) {
    const entry = { id: local.id, title: local.title, appendix: false, required: false, prompt: local.prompt ?? '', blocks: [], local: true };
    const after = local.after ? ordered.findIndex((s) => s.id === local.after) : -1;
    const firstAppendix = ordered.findIndex((s) => s.appendix);
    const at = after >= 0 ? after + 1 : firstAppendix >= 0 ? firstAppendix : ordered.length;
    // A local section inherits the group of the section it follows, so it stays under the same heading.
    const group = after >= 0 ? ordered[after]!.group : undefined;
    ordered.splice(at, 0, group ? { ...entry, group } : entry);
  }
  return ordered.map((section, index) => ({ ...section, number: index + 1, markdown: markdown.find((m) => m.sectionId === section.id) }));
}
