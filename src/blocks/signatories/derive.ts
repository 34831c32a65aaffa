import type { PlanContext } from '../plan/types.ts';
import type { SignatoriesData, SignatoriesDerived, DerivedSignatory } from './types.ts';

export function deriveSignatories(data: SignatoriesData, _plan?: PlanContext): SignatoriesDerived {
  const signatories: DerivedSignatory[] = data.signatories.map((person, index) => ({
    index,
    name: person.name,
    role: person.role,
    organisation: person.organisation,
    boardChair: person.boardChair ?? false,
    // YAML's empty value and an empty string both mean "not yet signed".
    signedOn: person.signed ? person.signed : null,
  }));
  const signed = signatories.filter((person) => person.signedOn !== null).length;
  return {
    signatories,
    count: signatories.length,
    signed,
    unsigned: signatories.length - signed,
    chair: signatories.find((person) => person.boardChair) ?? null,
  };
}
