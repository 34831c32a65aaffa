import type { Diagnostic } from '../diagnostics.ts';
import { blockById, blocks } from '../blocks/registry.ts';
import type { LoadedPlan } from '../load/index.ts';
import { editionIds, loadEdition } from '../load/edition.ts';
import type { PlanData } from '../blocks/plan/types.ts';
import { validateAgainstSchema } from './schema.ts';
import { closest } from './suggest.ts';

/** Stage 2: every file against its block's schema, every error located. Returns the plan's diagnostics. */
export function validatePlan(loaded: LoadedPlan): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [name, { source, data }] of loaded.files) {
    const block = blockById(name);
    if (!block) {
      const suggestion = closest(name, blocks.map((b) => b.id));
      diagnostics.push({
        severity: 'error',
        file: source.file,
        line: 0,
        col: 0,
        code: 'validate.unknown-file',
        message: `"${name}.yaml" is not a file the plan uses`,
        hint: suggestion ? `did you mean \`${suggestion}.yaml\`?` : `plan files are: ${blocks.map((b) => `${b.id}.yaml`).join(', ')}`,
      });
      continue;
    }
    diagnostics.push(...validateAgainstSchema(source, data, block.schema));
  }
  const plan = loaded.files.get('plan');
  if (plan && diagnostics.every((d) => d.file !== plan.source.file)) {
    const edition = (plan.data as PlanData).edition;
    if (!loadEdition(edition)) {
      const position = plan.source.positionOf('/edition');
      const suggestion = closest(edition, editionIds());
      diagnostics.push({
        severity: 'error',
        file: plan.source.file,
        ...position,
        code: 'validate.edition',
        message: `unknown guidance edition "${edition}"`,
        hint: suggestion ? `did you mean \`${suggestion}\`?` : `editions: ${editionIds().join(', ')}`,
        excerpt: plan.source.lineText(position.line),
      });
    }
  }
  return diagnostics;
}
