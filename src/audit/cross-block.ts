import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { DerivedPlan } from '../derive/index.ts';
import type { DerivedGlossary } from '../blocks/glossary/types.ts';
import { findAcronyms, lookupTerm } from '../blocks/glossary/derive.ts';
import { findMoneyTypos } from '../blocks/budget/audit.ts';
import { compareNames } from '../blocks/board/names.ts';
import type { BoardData } from '../blocks/board/types.ts';
import type { SignatoriesData } from '../blocks/signatories/types.ts';
import { parseShortcodes } from '../render/shortcodes.ts';

/** Line and column (1-based) of an offset in a text. */
function positionIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - before.lastIndexOf('\n') };
}

/** Shortcodes are not prose: blank them out (keeping offsets) before scanning the words. */
function proseOnly(text: string): string {
  let result = text;
  for (const call of parseShortcodes(text)) result = result.slice(0, call.start) + ' '.repeat(call.end - call.start) + result.slice(call.end);
  return result;
}

/**
 * Checks that need two blocks, or a block and the prose: acronyms the glossary does not define, money
 * typed with a full stop for a comma, and signatories spelled differently from their board entry.
 */
export function auditAcrossBlocks(loaded: LoadedPlan, derived: DerivedPlan): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const glossary = derived.blocks.glossary as DerivedGlossary | undefined;
  for (const markdown of loaded.markdown) {
    const lines = markdown.text.split('\n');
    const prose = proseOnly(markdown.text);
    const reported = new Set<string>();
    if (glossary) {
      for (const occurrence of findAcronyms(prose)) {
        if (reported.has(occurrence.acronym) || lookupTerm(glossary, occurrence.acronym) || glossary.ignore.includes(occurrence.acronym)) continue;
        reported.add(occurrence.acronym);
        const at = positionIn(markdown.text, occurrence.offset);
        diagnostics.push({
          severity: 'warning',
          file: markdown.file,
          ...at,
          code: 'audit.undefined-acronym',
          message: `"${occurrence.acronym}" is not in the glossary`,
          hint: `add it to glossary.yaml with its expansion, or write it out in full`,
          excerpt: lines[at.line - 1],
        });
      }
    }
    for (const typo of findMoneyTypos(prose)) {
      const at = positionIn(markdown.text, typo.index);
      diagnostics.push({
        severity: 'warning',
        file: markdown.file,
        ...at,
        code: 'audit.money-typo',
        message: `"${typo.match}" reads as pounds and pence with a misplaced point`,
        hint: `did you mean ${typo.meant}? Better still, cite the figure from the data with {% fig %}`,
        excerpt: lines[at.line - 1],
      });
    }
  }
  const board = loaded.files.get('board');
  const signatories = loaded.files.get('signatories');
  if (board && signatories) {
    const members = (board.data as BoardData).members.map((member) => member.name);
    (signatories.data as SignatoriesData).signatories.forEach((signatory, index) => {
      const matches = members.map((name) => ({ name, match: compareNames(signatory.name, name) }));
      if (matches.some((m) => m.match === 'same')) return;
      const similar = matches.find((m) => m.match === 'similar');
      if (!similar) return;
      const position = signatories.source.positionOf(`/signatories/${index}/name`);
      diagnostics.push({
        severity: 'warning',
        file: signatories.source.file,
        ...position,
        code: 'audit.name-spelling',
        message: `the signatory "${signatory.name}" looks like the board member "${similar.name}" spelled another way`,
        hint: 'spell the name the same way in board.yaml and signatories.yaml',
        excerpt: signatories.source.lineText(position.line),
      });
    });
  }
  return diagnostics;
}
