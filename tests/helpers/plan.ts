/** Test fixtures shared by the blocks' unit tests: the example plan's context and a schema check on YAML text. */
import { load } from 'js-yaml';
import { planContext } from '../../src/blocks/plan/derive.ts';
import { YamlSource } from '../../src/load/source.ts';
import { validateAgainstSchema } from '../../src/validate/schema.ts';

/** The Kelbridge 2025-26 plan's context, as the derive stage builds it. */
export const examplePlan = planContext('2025-26', {
  authority: 'Kelbridge Borough Council',
  service: 'Kelbridge Youth Justice Service',
  period: { label: '2025-26', start: '2025-04-01', end: '2026-03-31' },
  edition: 'yjb-2023',
  asOf: '2025-06-13',
  status: { current: 'draft' },
});

/** Validates YAML text against a block schema, reporting positions in `data/test/<file>`. */
export function schemaValidator(schema: object, file: string) {
  return (text: string) => validateAgainstSchema(new YamlSource(`data/test/${file}`, text), load(text), schema);
}
