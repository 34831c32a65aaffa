import type { Finding } from '../types.ts';
import type { GlossaryData } from './types.ts';

/** Spellings compared without case or surrounding space: "Child First" and "child first" are one term. */
function key(spelling: string): string {
  return spelling.trim().toLocaleLowerCase('en-GB');
}

/** Checks a schema cannot express: the same term defined twice, a variant that is some other term. */
export function auditGlossary(data: GlossaryData): Finding[] {
  return [...duplicateTerms(data), ...clashingVariants(data)];
}

/** A second definition of a term (Coventry and BathNES both repeat entries); the finding points at the repeat. */
function duplicateTerms(data: GlossaryData): Finding[] {
  const firstAt = new Map<string, number>();
  return data.terms.flatMap((entry, index): Finding[] => {
    const first = firstAt.get(key(entry.term));
    if (first === undefined) {
      firstAt.set(key(entry.term), index);
      return [];
    }
    return [
      {
        severity: 'warning',
        pointer: `/terms/${index}/term`,
        code: 'audit.glossary-duplicate',
        message: `"${entry.term}" is defined twice (entries ${first + 1} and ${index + 1})`,
        hint: 'keep one entry; put any other spelling under its `variants`',
      },
    ];
  });
}

/** A variant must point one way: if it is also a term (or another term's variant), readers get two meanings. */
function clashingVariants(data: GlossaryData): Finding[] {
  const variantOwner = new Map<string, number>();
  const findings: Finding[] = [];
  data.terms.forEach((entry, index) => {
    (entry.variants ?? []).forEach((variant, variantIndex) => {
      const pointer = `/terms/${index}/variants/${variantIndex}`;
      const asTerm = data.terms.findIndex((other, otherIndex) => otherIndex !== index && key(other.term) === key(variant));
      // Case matters for the own term: OOCd is a real variant of OOCD, but OOCD under OOCD says nothing.
      if (variant.trim() === entry.term.trim()) {
        findings.push({ severity: 'warning', pointer, code: 'audit.glossary-variant', message: `the variant "${variant}" is the term "${entry.term}" itself`, hint: 'remove it from `variants`' });
      } else if (asTerm >= 0) {
        findings.push({
          severity: 'warning',
          pointer,
          code: 'audit.glossary-variant',
          message: `the variant "${variant}" of "${entry.term}" is also a term of its own (entry ${asTerm + 1}: "${data.terms[asTerm]!.term}")`,
          hint: 'a spelling can belong to one term only: remove the variant, or merge the two entries',
        });
      } else {
        const owner = variantOwner.get(key(variant));
        if (owner !== undefined && owner !== index) {
          findings.push({
            severity: 'warning',
            pointer,
            code: 'audit.glossary-variant',
            message: `the variant "${variant}" is listed under both "${data.terms[owner]!.term}" and "${entry.term}"`,
            hint: 'a spelling can belong to one term only; keep it under the term it really means',
          });
        } else variantOwner.set(key(variant), index);
      }
    });
  });
  return findings;
}
