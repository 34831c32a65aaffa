import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlan, type MarkdownFile, type LoadedPlan } from '../load/index.ts';
import { loadEdition, type Edition } from '../load/edition.ts';
import { validatePlan } from '../validate/index.ts';
import { blocks } from '../blocks/registry.ts';
import { planContext } from '../blocks/plan/derive.ts';
import type { PlanContext, PlanData, PreviousPlan } from '../blocks/plan/types.ts';
import type { Figure, TableModel } from '../blocks/types.ts';
import type { Diagnostic } from '../diagnostics.ts';

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
  /** Why the plan named by `previous:` could not be used (missing, or with errors); absent when it was, or none is named. */
  previousProblem?: string;
}

export interface DeriveOptions {
  /** Also derive the plan named by `previous:` (default true); its own predecessor is never read. */
  withPrevious?: boolean;
  /** Loads and validates a plan by id; a site build passes one that reuses the plans it has already read. */
  readPlan?: (id: string) => ReadPlan;
}

/** A plan as loaded, with what loading and validating it found. */
export interface ReadPlan {
  loaded: LoadedPlan;
  diagnostics: Diagnostic[];
}

/** Stages 1 and 2: load and validate. */
export function readPlan(root: string, id: string): ReadPlan {
  const loaded = loadPlan(root, id);
  return { loaded, diagnostics: [...loaded.diagnostics, ...validatePlan(loaded)] };
}

/** Only called on a plan that validated, so each file's data has its block's shape. */
export function derivePlan(loaded: LoadedPlan, options: DeriveOptions = {}): DerivedPlan {
  const planData = loaded.files.get('plan')!.data as PlanData;
  const context = planContext(loaded.id, planData);
  let previousProblem: string | undefined;
  if (planData.previous && options.withPrevious !== false) {
    const previous = derivePrevious(loaded.root, loaded.id, planData.previous, options.readPlan);
    if (typeof previous === 'string') previousProblem = previous;
    else context.previous = previous;
  }
  const edition = loadEdition(planData.edition)!;
  const derived: DerivedPlan = { id: loaded.id, context, edition, sections: planSections(edition, planData, loaded.markdown), blocks: {}, figures: {}, tables: [], ...(previousProblem ? { previousProblem } : {}) };
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

/**
 * Last year's plan, loaded, validated and derived so this year's blocks can report progress on its actions
 * and join its performance series; or why it cannot be used. One level only: its own `previous:` is not read.
 */
export function derivePrevious(root: string, id: string, previousId: string, read = (planId: string) => readPlan(root, planId)): PreviousPlan | string {
  if (previousId === id) return `the plan names itself as its previous plan`;
  if (!existsSync(join(root, 'data', previousId, 'plan.yaml'))) return `there is no plan ${previousId} in this project (looked for data/${previousId}/plan.yaml)`;
  const { loaded, diagnostics } = read(previousId);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) return `the plan ${previousId} has ${errors} error(s); run yjplan check ${previousId}`;
  const derived = derivePlan(loaded, { withPrevious: false });
  return { id: previousId, title: derived.context.title, periodLabel: derived.context.plan.period.label, asOf: derived.context.asOf, blocks: derived.blocks };
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
