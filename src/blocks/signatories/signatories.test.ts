import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../../load/yaml-file.ts';
import { validateAgainstSchema } from '../../validate/schema.ts';
import { createNunjucks } from '../../render/nunjucks.ts';
import schema from './schema.json' with { type: 'json' };
import { deriveSignatories } from './derive.ts';
import { auditSignatories, isCalendarDate, oneYearAfter } from './audit.ts';
import { signatoriesBlock, signatoriesFigures } from './index.ts';
import type { SignatoriesData } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const plan = { asOf: '2025-06-13' };

function parse(path: string, text?: string) {
  const loaded = parseYaml(path, text === undefined ? readFileSync(path) : new TextEncoder().encode(text));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  return { data: loaded.data as SignatoriesData, errors: validateAgainstSchema(loaded.source, loaded.data, schema) };
}

function run(data: SignatoriesData) {
  const derived = deriveSignatories(data);
  return { derived, findings: auditSignatories(data, derived, plan) };
}

/** Coventry 2016-17's sign-off page, undated, with a signature date added for the tests. */
function coventry(): SignatoriesData {
  return {
    signatories: [
      { name: 'John Gregg', role: "Director of Children's Services for Coventry", organisation: 'Coventry City Council' },
      { name: 'Daniel Long', role: 'Chief Superintendent, Police Commander for Coventry', organisation: 'West Midlands Police', boardChair: true, signed: '2016-09-14' },
      { name: 'Andrew Wade', role: 'Head of Coventry, Solihull and Warwickshire', organisation: 'National Probation Service' },
      { name: 'Mandy Whateley', role: 'Head of Specialist Health Services for Children and Young People', organisation: 'Coventry and Warwickshire Partnership NHS Trust' },
      { name: 'Alan Butler', role: 'Joint Commissioning Manager', organisation: 'Coventry and Rugby Clinical Commissioning Group' },
    ],
  };
}

describe('Kelbridge example plan', () => {
  const { data, errors } = parse(join(root, 'data', '2025-26', 'signatories.yaml'));

  it('has the board chair and the head of service, both unsigned while the plan is a draft, and no finding', () => {
    expect(errors).toEqual([]);
    const { derived, findings } = run(data);
    expect(findings).toEqual([]);
    expect(derived).toMatchObject({ count: 2, signed: 0, unsigned: 2 });
    expect(derived.chair?.name).toBe('Ruth Penhallow');
    expect(signatoriesFigures(derived)).toEqual({ 'signatories.count': { kind: 'count', value: 2 }, 'signatories.signed': { kind: 'count', value: 0 } });
  });

  it('renders a summary list per signatory, wrapped for the print signature line', () => {
    const shortcode = signatoriesBlock.shortcodes!.signatories!;
    const signedData: SignatoriesData = { signatories: [{ ...data.signatories[0]!, signed: '2025-06-20' }, data.signatories[1]!] };
    const html = createNunjucks().render(shortcode.template, { ...shortcode.context(deriveSignatories(signedData), [], undefined as never), plan: { id: '2025-26' } });
    expect(html.match(/<div class="yj-signature">/g)).toHaveLength(2);
    expect(html.match(/<dl class="govuk-summary-list">/g)).toHaveLength(2);
    expect(html.match(/<div class="yj-signature-line" aria-hidden="true"><\/div>/g)).toHaveLength(2);
    expect(html).toContain('Signed on 20 June 2025');
    expect(html).toContain('Not yet signed');
    expect(html).toContain('Director of Children&#39;s Services<br>Chair of the management board');
    expect(() => shortcode.context(deriveSignatories(data), ['x'], undefined as never)).toThrow('takes no arguments');
  });
});

describe('signatories', () => {
  it('counts an empty string and an empty value alike as unsigned', () => {
    const { data, errors } = parse('s.yaml', 'signatories:\n  - { name: Jo Hart, role: Chair, organisation: Council, signed: "" }\n  - { name: Al Reed, role: Head, organisation: YJS, signed: }\n  - { name: Di Fox, role: Lead, organisation: ICB, signed: 2025-06-20 }\n');
    expect(errors).toEqual([]);
    expect(run(data).derived).toMatchObject({ count: 3, signed: 1, unsigned: 2 });
  });

  it('refuses a date in another form, at its line', () => {
    const { errors } = parse('s.yaml', 'signatories:\n  - name: Jo Hart\n    role: Chair\n    organisation: Council\n    signed: 20/06/2025\n');
    expect(errors.map((e) => `${e.line} ${e.code}`)).toEqual(['5 schema.pattern']);
  });

  it('reports a day that does not exist as an error', () => {
    const data = coventry();
    data.signatories[0]!.signed = '2016-02-30';
    const { findings } = run(data);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.pointer)).toEqual(['/signatories/0/signed']);
  });

  it('warns when a signature is dated more than a year after the reporting date', () => {
    const data = coventry();
    data.signatories[1]!.signed = '2026-06-14';
    data.signatories[2]!.signed = '2026-06-13';
    const findings = run(data).findings.filter((f) => f.code === 'audit.signed-date');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', pointer: '/signatories/1/signed' });
    expect(findings[0]!.message).toBe("Daniel Long is recorded as signing on 14 June 2026, more than a year after the plan's reporting date (13 June 2025)");
  });

  it('warns when one person is listed twice, under one spelling or two', () => {
    const data = coventry();
    data.signatories.push({ name: 'Andy Wade', role: 'Head of Coventry, Solihull and Warwickshire', organisation: 'National Probation Service' });
    data.signatories.push({ name: 'Cllr John Gregg', role: 'Director', organisation: 'Coventry City Council' });
    const findings = run(data).findings;
    expect(findings.map((f) => f.pointer)).toEqual(['/signatories/6/name', '/signatories/5/name']);
    expect(findings.map((f) => f.message)).toEqual([
      'one person is listed twice: as "John Gregg" (signatory 1) and "Cllr John Gregg" (signatory 7)',
      '"Andrew Wade" and "Andy Wade" (signatories 3 and 6) look like one person spelled two ways',
    ]);
  });

  it('raises nothing for Coventry\'s five distinct signatories', () => {
    expect(run(coventry()).findings).toEqual([]);
  });

  it('knows calendar dates and leap years', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(oneYearAfter('2025-06-13')).toBe('2026-06-13');
    expect(oneYearAfter('2024-02-29')).toBe('2025-03-01');
  });
});
