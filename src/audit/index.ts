import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { DerivedPlan } from '../derive/index.ts';
import { blocks } from '../blocks/registry.ts';
import { checkCalls, placements } from '../render/shortcodes.ts';
import { closest } from '../validate/suggest.ts';
import { auditContent } from './content.ts';
import { auditAcrossBlocks } from './cross-block.ts';
import { assessCompleteness, completenessDiagnostics } from './completeness.ts';
import { auditDisclosure } from './disclosure.ts';

/**
 * Stage 4: what authors stated against what the data layer computed, block by block, then across blocks
 * and the prose. Returns warnings (and errors for things that cannot render).
 */
export function auditPlan(loaded: LoadedPlan, derived: DerivedPlan, today: string = new Date().toISOString().slice(0, 10)): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const block of blocks) {
    const file = loaded.files.get(block.id);
    if (!file || !block.audit || !(block.id in derived.blocks)) continue;
    for (const finding of block.audit(file.data, derived.blocks[block.id], derived.context)) {
      const position = file.source.positionOf(finding.pointer, { key: finding.atKey });
      diagnostics.push({
        severity: finding.severity,
        file: file.source.file,
        ...position,
        code: finding.code,
        message: finding.message,
        hint: finding.hint,
        excerpt: file.source.lineText(position.line),
      });
    }
  }
  const sectionIds = derived.sections.map((s) => s.id);
  for (const markdown of loaded.markdown) {
    if (!sectionIds.includes(markdown.sectionId)) {
      const suggestion = closest(markdown.sectionId, sectionIds);
      diagnostics.push({
        severity: 'warning',
        file: markdown.file,
        line: 0,
        col: 0,
        code: 'content.unknown-section',
        message: `"${markdown.sectionId}" is not a section of ${derived.edition.title}, so it is not published`,
        hint: suggestion ? `did you mean ${suggestion}.md? Or add it to localSections in plan.yaml` : 'rename it to a section id, or add it to localSections in plan.yaml',
      });
    }
    diagnostics.push(
      ...checkCalls(markdown.file, markdown.text, derived.figures, derived.blocks, (owner, args) => {
        try {
          owner.block.shortcodes![owner.name]!.context(derived.blocks[owner.block.id], args, derived.context);
          return undefined;
        } catch (error) {
          return error instanceof Error ? error.message : String(error);
        }
      }),
    );
  }
  for (const [key, uses] of placements(loaded.markdown.filter((m) => sectionIds.includes(m.sectionId)))) {
    for (const use of uses.slice(1)) {
      diagnostics.push({
        severity: 'warning',
        file: use.file,
        line: use.call.line,
        col: use.call.col,
        code: 'content.placed-twice',
        message: `{% ${key} %} is already placed in ${uses[0]!.file}:${uses[0]!.call.line}; the whole plan and the PDF would show it twice`,
        hint: 'keep one placement and refer to it in words ("see the performance section")',
        excerpt: use.call.line ? loaded.markdown.find((m) => m.file === use.file)?.text.split('\n')[use.call.line - 1] : undefined,
      });
    }
  }
  diagnostics.push(...auditContent(loaded, derived));
  diagnostics.push(...auditAcrossBlocks(loaded, derived));
  diagnostics.push(...auditDisclosure(loaded, derived));
  diagnostics.push(...completenessDiagnostics(assessCompleteness(loaded, derived, today)));
  return diagnostics;
}
