import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import schema from './schema.json' with { type: 'json' };
import { YamlSource } from '../../load/source.ts';
import { validateAgainstSchema } from '../../validate/schema.ts';
import { createNunjucks, packageRoot } from '../../render/nunjucks.ts';
import { bandFor, deriveRisks } from './derive.ts';
import { auditRisks } from './audit.ts';
import { bandsText, riskMatrixContext, risksBlock, risksFigures, risksTables } from './index.ts';
import { RISK_SCALES, WORD_LEVELS, type Risk, type RisksData } from './types.ts';
import { examplePlan } from '../../../tests/helpers/plan.ts';

const plan = examplePlan;

const risk = (id: string, likelihood: Risk['likelihood'], impact: Risk['impact'], extra: Partial<Risk> = {}): Risk => ({ id, risk: `Risk ${id}`, likelihood, impact, ...extra });

function check(data: RisksData) {
  return auditRisks(data, deriveRisks(data, plan));
}

function validate(text: string) {
  return validateAgainstSchema(new YamlSource('data/test/risks.yaml', text), load(text), schema);
}

// Bath and North East Somerset 2021-22, section 6: likelihood and impact in words, no scores.
const bathnes: RisksData = {
  scale: 'words',
  risks: [
    risk('1', 'Medium', 'High'),
    risk('2', 'Medium', 'Medium'),
    risk('3', 'High', 'High'),
    risk('8', 'Low', 'High'),
    risk('10', 'Medium', 'Medium'),
  ],
};

describe('risks: schema', () => {
  it('keeps the scales and levels in types.ts in step with schema.json', () => {
    expect(schema.properties.scale.enum).toEqual([...RISK_SCALES]);
    expect(schema.definitions.level.enum).toEqual([1, 2, 3, 4, 5, ...WORD_LEVELS]);
  });

  it('refuses a compound rating (BathNES: "Medium/ High"), listing the levels allowed', () => {
    const text = ['scale: words', 'risks:', '  - id: R4', '    risk: More serious youth offending, including serious violence', '    likelihood: Medium/ High', '    impact: High', ''].join('\n');
    const diagnostics = validate(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'schema.enum', line: 5 });
    expect(diagnostics[0]!.message).toBe('`risks.0.likelihood` is "Medium/ High", which is not one of: 1, 2, 3, 4, 5, Low, Medium, High');
  });

  it('refuses a level above 5', () => {
    const text = ['scale: numeric', 'risks:', '  - id: R1', '    risk: Funding falls', '    likelihood: 6', '    impact: 3', ''].join('\n');
    expect(validate(text)).toEqual([expect.objectContaining({ code: 'schema.enum', line: 5 })]);
  });
});

describe('risks: derive', () => {
  it('scores likelihood × impact and bands the numeric scale (1–4 low, 5–12 medium, 15–25 high)', () => {
    const derived = deriveRisks({ scale: 'numeric', risks: [risk('R1', 1, 4), risk('R2', 1, 5), risk('R3', 3, 4), risk('R4', 3, 5), risk('R5', 5, 5)] }, plan);
    expect(derived.risks.map((r) => [r.inherent.score, r.inherent.band])).toEqual([
      [4, 'low'],
      [5, 'medium'],
      [12, 'medium'],
      [15, 'high'],
      [25, 'high'],
    ]);
    expect(derived.counts).toEqual({ high: 2, medium: 2, low: 1, total: 5, unrated: 0 });
  });

  it('maps words to 1–3 and bands them (1–2 low, 3–4 medium, 6–9 high)', () => {
    const derived = deriveRisks(bathnes, plan);
    expect(derived.risks.map((r) => `${r.inherent.score} ${r.inherent.bandLabel}`)).toEqual(['6 High', '4 Medium', '9 High', '3 Medium', '4 Medium']);
    expect([1, 2, 3, 4, 6, 9].map((score) => bandFor(score, 'words'))).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });

  it('scores the residual rating and counts its bands', () => {
    const derived = deriveRisks({ scale: 'numeric', risks: [risk('R1', 4, 5, { residual: { likelihood: 3, impact: 5 } }), risk('R2', 4, 4, { residual: { likelihood: 2, impact: 4 } }), risk('R3', 2, 2)] }, plan);
    expect(derived.risks.map((r) => r.residual?.score ?? null)).toEqual([15, 8, null]);
    expect(derived.residualCounts).toEqual({ high: 1, medium: 1, low: 0, assessed: 2 });
  });

  it('builds the matrix with likelihood down, highest first, and impact across, lowest first', () => {
    const derived = deriveRisks({ scale: 'numeric', risks: [risk('R1', 5, 1), risk('R2', 5, 1), risk('R3', 1, 5), risk('R4', 3, 3)] }, plan);
    const { matrix } = derived;
    expect(matrix.rows.map((row) => row.likelihood)).toEqual([5, 4, 3, 2, 1]);
    expect(matrix.impacts.map((column) => column.impact)).toEqual([1, 2, 3, 4, 5]);
    expect(matrix.rows[0]!.cells[0]).toMatchObject({ likelihood: 5, impact: 1, score: 5, band: 'medium', riskIds: ['R1', 'R2'] });
    expect(matrix.rows[4]!.cells[4]!.riskIds).toEqual(['R3']);
    expect(matrix.rows[2]!.cells[2]!.riskIds).toEqual(['R4']);
    const words = deriveRisks(bathnes, plan).matrix;
    expect(words.rows.map((row) => row.label)).toEqual(['High', 'Medium', 'Low']);
    expect(words.rows[1]!.cells[1]!.riskIds).toEqual(['2', '10']);
  });

  it('gives the figures', () => {
    const derived = deriveRisks({ scale: 'numeric', risks: [risk('R1', 4, 5, { residual: { likelihood: 3, impact: 5 } }), risk('R2', 3, 3), risk('R3', 1, 2)] }, plan);
    expect(risksFigures(derived)).toEqual({
      'risks.count': { kind: 'count', value: 3 },
      'risks.high': { kind: 'count', value: 1 },
      'risks.medium': { kind: 'count', value: 1 },
      'risks.low': { kind: 'count', value: 1 },
      'risks.residualHigh': { kind: 'count', value: 1 },
    });
  });

  it('builds the register and matrix tables', () => {
    const derived = deriveRisks({ scale: 'numeric', risks: [risk('R1', 4, 5, { owner: 'Head of Service', actions: ['Train staff', 'Join the panel'], residual: { likelihood: 3, impact: 5 } }), risk('R2', 4, 5)] }, plan);
    const [register, matrix] = risksTables(derived);
    expect(register).toMatchObject({ id: 'risks', wide: true, rowHeader: 'id' });
    expect(register!.rows[0]).toMatchObject({ likelihood: 4, impact: 5, score: 20, rating: 'High', actions: 'Train staff; Join the panel', residualScore: 15, residualRating: 'High' });
    expect(register!.rows[1]).toMatchObject({ residualScore: null, residualRating: null, owner: null });
    expect(matrix!.id).toBe('risk-matrix');
    expect(matrix!.rows[1]).toMatchObject({ likelihood: '4', impact5: 'R1, R2', impact1: null });
  });

  it('states the bands in words', () => {
    expect(bandsText('numeric')).toContain('1 to 4 are rated low, 5 to 12 medium and 15 to 25 high');
    expect(bandsText('words')).toContain('1 to 2 are rated low, 3 to 4 medium and 6 to 9 high');
  });
});

describe('risks: audit', () => {
  it('finds nothing in the BathNES register once each rating is one level', () => {
    expect(check(bathnes)).toEqual([]);
  });

  it('reports a value on the wrong scale as an error at that value', () => {
    const findings = check({ scale: 'numeric', risks: [risk('R1', 3, 4), risk('R2', 'High', 4), risk('R3', 2, 2, { residual: { likelihood: 1, impact: 'Low' } })] });
    expect(findings.map((f) => [f.severity, f.code, f.pointer])).toEqual([
      ['error', 'audit.risk-scale', '/risks/1/likelihood'],
      ['error', 'audit.risk-scale', '/risks/2/residual/impact'],
    ]);
    expect(findings[0]!.message).toContain('"High"');
  });

  it('blames the scale line when every rating is on the other scale', () => {
    const findings = check({ ...bathnes, scale: 'numeric' });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', pointer: '/scale', hint: 'write `scale: words`' })]);
  });

  it('warns when a stated score differs from likelihood × impact', () => {
    const findings = check({ scale: 'numeric', risks: [risk('R1', 3, 4, { score: 12 }), risk('R2', 3, 4, { score: 7 }), risk('R3', 2, 2, { residual: { likelihood: 1, impact: 2, score: 3 } })] });
    expect(findings.map((f) => [f.severity, f.pointer])).toEqual([
      ['warning', '/risks/1/score'],
      ['warning', '/risks/2/residual/score'],
    ]);
    expect(findings[0]!.message).toBe('risk "R2" has its score stated as 7 but likelihood 3 × impact 4 makes 12');
  });

  it('warns when the residual rating is higher than the rating before the actions', () => {
    const findings = check({ scale: 'numeric', risks: [risk('R1', 2, 3, { residual: { likelihood: 4, impact: 3 } }), risk('R2', 2, 3, { residual: { likelihood: 2, impact: 3 } })] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', code: 'audit.residual-higher', pointer: '/risks/0/residual' })]);
  });

  it('reports duplicate ids as errors at the repeat', () => {
    const findings = check({ scale: 'words', risks: [risk('R1', 'Low', 'High'), risk('R2', 'Low', 'High'), risk('R1', 'Medium', 'Medium')] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', code: 'audit.duplicate-risk-id', pointer: '/risks/2/id' })]);
  });
});

describe('risks: the Kelbridge example', () => {
  const text = readFileSync(join(packageRoot, 'data', '2025-26', 'risks.yaml'), 'utf8');
  const data = load(text) as RisksData;

  it('validates, gives no finding, and has 6–8 risks on the numeric scale', () => {
    expect(validate(text)).toEqual([]);
    expect(check(data)).toEqual([]);
    expect(data.scale).toBe('numeric');
    expect(data.risks.length).toBeGreaterThanOrEqual(6);
    expect(data.risks.length).toBeLessThanOrEqual(8);
  });
});

describe('risks: templates', () => {
  const env = createNunjucks();
  const derived = deriveRisks({ scale: 'numeric', risks: [risk('R1', 4, 5, { owner: 'Head of Service', actions: ['Train <b>staff</b>'], residual: { likelihood: 3, impact: 4 } }), risk('R2', 4, 5), risk('R3', 1, 1)] }, plan);
  const render = (name: 'riskRegister' | 'riskMatrix', args: string[] = []) =>
    env.render(risksBlock.shortcodes![name]!.template, { ...risksBlock.shortcodes![name]!.context(derived, args, plan), plan: { id: '2025-26' }, page: { url: '/2025-26/challenges-risks/' } });

  it('shows the register with ratings in words inside coloured tags, and escapes author text', () => {
    const html = render('riskRegister');
    expect(html).toContain('<strong class="govuk-tag govuk-tag--red">High</strong> <span class="govuk-body-s">score 20</span>');
    expect(html).toContain('<strong class="govuk-tag govuk-tag--green">Low</strong>');
    expect(html).toContain('<th scope="row" class="govuk-table__header">R1</th>');
    expect(html).toContain('Train &lt;b&gt;staff&lt;/b&gt;');
    expect(html).toContain('Not assessed');
    expect(html).toContain('3 risks are recorded: 2 rated high, 0 medium and 1 low');
  });

  it('shows the matrix as a table with headers on both axes, highest likelihood at the top, ids and counts in cells', () => {
    const html = render('riskMatrix');
    expect(html).toMatch(/<caption[^>]*>Risks by likelihood and impact\. Rows are likelihood, highest at the top; columns are impact/);
    expect(html.match(/<th scope="col"/g)).toHaveLength(6);
    expect(html.match(/<th scope="row"/g)).toHaveLength(5);
    expect(html.indexOf('Likelihood: 5 (highest)')).toBeLessThan(html.indexOf('Likelihood: 1 (lowest)'));
    expect(html).toContain('2 risks: R1, R2');
    expect(html).toContain('1 risk: R3');
    expect(html).toContain('No risks');
  });

  it('shows the residual matrix when asked, and refuses other arguments', () => {
    const html = render('riskMatrix', ['residual']);
    expect(html).toContain('Risks after the actions take effect by likelihood and impact');
    expect(html).toContain('1 risk: R1');
    expect(() => riskMatrixContext(derived, ['inherent'], plan)).toThrow(/"residual" or nothing/);
  });
});
