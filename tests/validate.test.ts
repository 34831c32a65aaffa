import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { YamlSource } from '../src/load/source.ts';
import { validateAgainstSchema } from '../src/validate/schema.ts';
import { planBlock } from '../src/blocks/plan/index.ts';

const valid = `authority: Kelbridge Borough Council
service: Kelbridge Youth Justice Service
period:
  label: 2025-26
  start: 2025-04-01
  end: 2026-03-31
edition: yjb-2023
status:
  current: draft
population:
  age10to17: 21480
  source: ONS
  year: 2024
`;

function check(text: string) {
  return validateAgainstSchema(new YamlSource('data/2025-26/plan.yaml', text), load(text), planBlock.schema);
}

describe('validateAgainstSchema on plan.yaml', () => {
  it('accepts a valid plan', () => {
    expect(check(valid)).toEqual([]);
  });

  it('points an unknown key at the key and suggests the closest', () => {
    const [d] = check(valid.replace('service:', 'servce:'));
    expect(d).toMatchObject({ line: 2, col: 1, code: 'schema.additionalProperties', message: 'unknown field `servce`', hint: 'did you mean `service`?' });
    expect(d!.excerpt).toBe('servce: Kelbridge Youth Justice Service');
  });

  it('points a missing field at its parent', () => {
    const diagnostics = check(valid.replace('  end: 2026-03-31\n', ''));
    expect(diagnostics.find((d) => d.code === 'schema.required')).toMatchObject({ line: 4, message: expect.stringContaining('`end`') });
  });

  it('hints when a number is written as text with commas or £', () => {
    const [d] = check(valid.replace('age10to17: 21480', 'age10to17: "21,480"'));
    expect(d).toMatchObject({ line: 11, col: 14, message: 'population.age10to17 is the text "21,480", not a number'.replace(/^/, '`').replace('17 ', '17` ') });
    expect(d!.hint).toContain('21480');
  });

  it('rejects an impossible date', () => {
    const [d] = check(valid.replace('2026-03-31', '2026-02-30'));
    expect(d).toMatchObject({ line: 6, code: 'schema.format' });
    expect(d!.hint).toMatch(/does not exist/);
  });

  it('rejects a date written in words with the expected form', () => {
    const [d] = check(valid.replace('start: 2025-04-01', 'start: May 2106'));
    expect(d!.hint).toMatch(/YYYY-MM-DD/);
  });

  it('suggests the closest allowed value', () => {
    const [d] = check(valid.replace('current: draft', 'current: drafted'));
    expect(d).toMatchObject({ line: 9, hint: 'did you mean `draft`?' });
  });
});
