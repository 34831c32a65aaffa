import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition, Figure } from '../types.ts';
import { deriveSignatories } from './derive.ts';
import { auditSignatories } from './audit.ts';
import type { SignatoriesData, SignatoriesDerived } from './types.ts';

export function signatoriesFigures(derived: SignatoriesDerived): Record<string, Figure> {
  return {
    'signatories.count': { kind: 'count', value: derived.count },
    'signatories.signed': { kind: 'count', value: derived.signed },
  };
}

export const signatoriesBlock: BlockDefinition<SignatoriesData, SignatoriesDerived> = {
  id: 'signatories',
  title: 'Signatories',
  schema,
  derive: (data, plan) => deriveSignatories(data, plan),
  audit: (data, derived, plan) => auditSignatories(data, derived, plan),
  figures: (derived) => signatoriesFigures(derived),
  shortcodes: {
    signatories: {
      template: 'signatories/signatories.njk',
      context: (derived, args) => {
        if (args.length) throw new Error(`{% signatories %} takes no arguments; remove "${args.join(' ')}"`);
        return { signatories: derived.signatories };
      },
    },
  },
};
