import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '../../load/yaml-file.ts';
import { validateAgainstSchema } from '../../validate/schema.ts';
import { formatCell, formatFigure } from '../../render/format.ts';
import { createNunjucks } from '../../render/nunjucks.ts';
import type { PlanContext } from '../plan/types.ts';
import { planContext } from '../plan/derive.ts';
import schema from './schema.json' with { type: 'json' };
import { budgetBlock, budgetFigures } from './index.ts';
import { deriveBudget, sumCells } from './derive.ts';
import { auditBudget, differsBeyondPrecision, findMoneyTypos } from './audit.ts';
import { budgetTables } from './tables.ts';
import type { BudgetData } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

function plan(label = '2025-26'): PlanContext {
  const start = `${label.slice(0, 4)}-04-01`;
  const end = `${Number(label.slice(0, 4)) + 1}-03-31`;
  return planContext(label, {
    authority: 'Kelbridge Borough Council',
    service: 'Kelbridge Youth Justice Service',
    period: { label, start, end },
    edition: 'yjb-2023',
    asOf: '2025-06-13',
    status: { current: 'draft' },
  });
}

function load(path: string): { data: BudgetData; schemaErrors: string[] } {
  const loaded = parseYaml(path, readFileSync(path));
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
  const schemaErrors = validateAgainstSchema(loaded.source, loaded.data, schema).map((d) => `${d.line}:${d.col} ${d.message}`);
  return { data: loaded.data as BudgetData, schemaErrors };
}

function fixture(name: string): BudgetData {
  const { data, schemaErrors } = load(join(here, 'fixtures', name));
  expect(schemaErrors).toEqual([]);
  return data;
}

function run(data: BudgetData, label = '2025-26') {
  const context = plan(label);
  const derived = deriveBudget(data, context);
  return { derived, findings: auditBudget(data, derived, context) };
}

const copy = <T>(value: T): T => structuredClone(value);

describe('Wolverhampton 2019-20 Table 1', () => {
  const data = fixture('wolverhampton-2019-20.yaml');

  it('totals £2,198,794, with the local authority 65.0% of it, and raises no finding', () => {
    const { derived, findings } = run(data, '2019-20');
    expect(derived.current.totals).toEqual({ staffing: 1643426, inKind: 256500, otherDelegated: 298868, total: 2198794 });
    const la = derived.current.rows.find((row) => row.agency === 'local-authority')!;
    expect(la.share!.toFixed(1)).toBe('65.0');
    expect(findings).toEqual([]);
    const figures = budgetFigures(derived);
    expect(formatFigure(figures['budget.total']!)).toBe('£2,198,794');
    expect(formatFigure(figures['budget.partners.local-authority.share']!)).toBe('65.0%');
    expect(formatFigure(figures['budget.partners.yjb-grant.share']!)).toBe('19.7%');
  });

  it('leaves the empty template rows blank, not 0', () => {
    const { derived } = run(data, '2019-20');
    const welsh = derived.current.rows.find((row) => row.agency === 'welsh-government')!;
    expect(welsh.total).toBeNull();
    expect(welsh.empty).toBe(true);
    expect(welsh.share).toBeNull();
  });

  it('finds exactly one disagreement, at the altered row total, naming both numbers', () => {
    const altered = copy(data);
    altered.partners[0]!.total = 1429163;
    const { findings } = run(altered, '2019-20');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', pointer: '/partners/0/total', code: 'audit.budget.total' });
    expect(findings[0]!.message).toContain('£1,429,163');
    expect(findings[0]!.message).toContain('£1,429,136');
  });

  it('finds exactly one disagreement at an altered column or grand total', () => {
    for (const key of ['staffing', 'inKind', 'otherDelegated', 'total'] as const) {
      const altered = copy(data);
      altered.totals![key] = 2198790;
      const { findings } = run(altered, '2019-20');
      expect(findings.map((f) => f.pointer)).toEqual([`/totals/${key}`]);
    }
    const altered = copy(data);
    altered.totals!.total = 2198790;
    expect(run(altered, '2019-20').findings[0]!.message).toBe('the grand total is stated as £2,198,790 but the table adds up to £2,198,794');
  });

  it('reconciles the grant: £469,317 less £36,945 for the JAC is the £432,372 row', () => {
    const { derived } = run(data, '2019-20');
    expect(derived.grant).toMatchObject({ total: 469317, componentsTotal: 36945, practiceGrant: 432372, tableRow: 432372, reconciles: true });
  });

  it('flags the grant when its ring-fenced part is not listed', () => {
    const altered = copy(data);
    delete altered.grant!.components;
    const { findings } = run(altered, '2019-20');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/grant/total', code: 'audit.budget.grant-row' });
    expect(findings[0]!.message).toContain('£469,317');
    expect(findings[0]!.message).toContain('£432,372');
  });

  it('catches "£121.691", the full stop written for a thousands comma', () => {
    const altered = copy(data);
    altered.remand!.note = 'The remand allocation for 2019-2020 is £121.691, still short of last year’s costs.';
    const { findings } = run(altered, '2019-20');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/remand/note', code: 'audit.budget.money-typo' });
    expect(findings[0]!.message).toContain('£121,691');
    expect(findMoneyTypos('£121,691, £1.500m, £12.50 and £4.25')).toEqual([]);
    expect(findMoneyTypos('a footnote with £1.234').map((t) => t.meant)).toEqual(['£1,234']);
  });

  it('derives the remand overspend and checks the stated one', () => {
    const { derived } = run(data, '2019-20');
    expect(derived.remand!.previous).toMatchObject({ allocation: 47289, actual: 396476, variance: 349187 });
    expect(derived.remand!.current.allocation).toBe(121691);
    const altered = copy(data);
    altered.remand!.previous!.variance = 349178;
    const { findings } = run(altered, '2019-20');
    expect(findings.map((f) => f.pointer)).toEqual(['/remand/previous/variance']);
  });
});

describe('Coventry 2016-17 budget and grant tables', () => {
  const data = fixture('coventry-2016-17.yaml');

  it('add up, reconcile and raise no finding', () => {
    const { derived, findings } = run(data, '2016-17');
    expect(findings).toEqual([]);
    expect(derived.current.totals).toEqual({ staffing: 1282005, inKind: 0, otherDelegated: 369933, total: 1651938 });
    expect(derived.grant).toMatchObject({ practiceGrant: 492205, reconciles: true, spendTotals: { budget: 492205, forecast: 492205, variance: 0 } });
    const la = derived.current.rows[0]!;
    expect(la.share!.toFixed(2)).toBe('50.36');
    // Written-in zeros stay zeros: 0 is not blank and not N/A.
    expect(derived.current.rows.find((row) => row.agency === 'other')!.total).toBe(0);
  });

  it('catches the published marker mix-up: health marked *** while its note is ****', () => {
    const published = copy(data);
    published.partners[3]!.markers = ['***'];
    const { findings } = run(published, '2016-17');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/footnotes/3/marker', code: 'audit.budget.footnote-unused' });
    expect(findings[0]!.message).toContain('"****"');
  });

  it('catches a marker with no footnote, and two footnotes sharing a marker', () => {
    const dangling = copy(data);
    dangling.partners[3]!.markers = ['*****'];
    const codes = run(dangling, '2016-17').findings.map((f) => `${f.code} ${f.pointer}`);
    expect(codes).toEqual(['audit.budget.footnote-missing /partners/3/markers/0', 'audit.budget.footnote-unused /footnotes/3/marker']);

    const doubled = copy(data);
    doubled.footnotes![3]!.marker = '***';
    doubled.partners[3]!.markers = ['***'];
    expect(run(doubled, '2016-17').findings.map((f) => f.code)).toEqual(['audit.budget.footnote-duplicate']);
  });

  it('checks the spend lines: a variance that is not forecast − budget, and lines that miss the grant', () => {
    const wrongVariance = copy(data);
    wrongVariance.grant!.spend![1]!.variance = 500;
    expect(run(wrongVariance, '2016-17').findings.map((f) => f.pointer)).toEqual(['/grant/spend/1/variance']);

    const missingLine = copy(data);
    missingLine.grant!.spend!.splice(2, 1);
    delete missingLine.grant!.spendTotals;
    const { findings } = run(missingLine, '2016-17');
    expect(findings.map((f) => f.code)).toEqual(['audit.budget.grant-spend']);
    expect(findings[0]!.message).toContain('£437,315');
  });
});

describe('N/A, blanks and zeros', () => {
  const rows: BudgetData = {
    partners: [
      { agency: 'local-authority', staffing: 1000, inKind: 'N/A', otherDelegated: null, total: 1000 },
      { agency: 'welsh-government', staffing: 'N/A', inKind: 'N/A', otherDelegated: 'N/A', total: 'N/A' },
      { agency: 'other', staffing: 0, inKind: 'N/A', total: 0 },
    ],
    totals: { staffing: 1000, inKind: 'N/A', otherDelegated: null, total: 1000 },
  };

  it('keeps N/A apart from 0 and from blank in totals', () => {
    expect(sumCells(['N/A', 'N/A'])).toBe('N/A');
    expect(sumCells([null, null])).toBeNull();
    expect(sumCells(['N/A', null])).toBeNull();
    expect(sumCells([0, 'N/A'])).toBe(0);
    expect(sumCells([5, 'N/A', null])).toBe(5);
    const { derived, findings } = run(rows);
    expect(findings).toEqual([]);
    expect(derived.current.rows.map((row) => row.total)).toEqual([1000, 'N/A', 0]);
    expect(derived.current.totals).toEqual({ staffing: 1000, inKind: 'N/A', otherDelegated: null, total: 1000 });
  });

  it('shows N/A as N/A, 0 as £0 and blank as nothing, in tables and figures', () => {
    const { derived } = run(rows);
    const table = budgetTables(derived).find((t) => t.id === 'budget')!;
    const money = table.columns.find((c) => c.key === 'inKind')!;
    expect(table.rows.map((row) => formatCell(row.inKind, money.kind))).toEqual(['N/A', 'N/A', 'N/A']);
    expect(table.rows.map((row) => formatCell(row.total, 'money'))).toEqual(['£1,000', 'N/A', '£0']);
    expect(table.rows.map((row) => row.share)).toEqual([100, 'N/A', 0]);
    expect(formatCell(table.rows[0]!.otherDelegated, 'money')).toBe('');
    const figures = budgetFigures(derived);
    expect(formatFigure(figures['budget.inKind.total']!)).toBe('N/A');
    expect(formatFigure(figures['budget.partners.welsh-government.total']!)).toBe('N/A');
    expect(formatFigure(figures['budget.partners.other.total']!)).toBe('£0');
  });

  it('flags a row with no amounts whose total is stated, once', () => {
    const altered = copy(rows);
    altered.partners[1]!.total = 2500;
    const { findings } = run(altered);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ pointer: '/partners/1/total', code: 'audit.budget.empty-row-total' });
  });

  it('flags a total stated as N/A over real money', () => {
    const altered = copy(rows);
    altered.partners[0]!.total = 'N/A';
    expect(run(altered).findings.map((f) => f.pointer)).toEqual(['/partners/0/total']);
  });

  it('compares only to the precision the author wrote', () => {
    expect(differsBeyondPrecision(301, 300.8)).toBe(false);
    expect(differsBeyondPrecision(300.5, 300.8)).toBe(true);
    expect(differsBeyondPrecision(300.8, 300.8000000001)).toBe(false);
    const pence: BudgetData = { partners: [{ agency: 'police', staffing: 100.4, inKind: 200.4, total: 301 }] };
    expect(run(pence).findings).toEqual([]);
  });

  it('hides empty template rows only when asked, and their notes with them', () => {
    const wolverhampton = fixture('wolverhampton-2019-20.yaml');
    const shown = budgetTables(run(wolverhampton, '2019-20').derived).find((t) => t.id === 'budget')!;
    expect(shown.rows.map((row) => row.agency)).toContain('Welsh Government');
    expect(shown.footnotes!.map((note) => note.marker)).toEqual(['*', '**', '***']);
    const hidden = budgetTables(run({ ...wolverhampton, hideEmptyRows: true }, '2019-20').derived).find((t) => t.id === 'budget')!;
    expect(hidden.rows.map((row) => row.agency)).not.toContain('Welsh Government');
    expect(hidden.rows.map((row) => row.agency)).not.toContain('Other');
    expect(hidden.footnotes!.map((note) => note.marker)).toEqual(['*', '**']);
    expect(hidden.rowNotes).toEqual({ 0: ['*'], 4: ['**'] });
  });
});

describe('agencies', () => {
  it('reports an agency listed twice as an error', () => {
    const data: BudgetData = { partners: [{ agency: 'police', staffing: 1 }, { agency: 'police', staffing: 2 }] };
    const { findings } = run(data);
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', pointer: '/partners/1/agency', code: 'audit.budget.duplicate-agency' })]);
  });

  it("takes the author's own agencies, which need a label", () => {
    const ok = validateData({ partners: [{ agency: 'community-safety', label: 'Community Safety Partnership', otherDelegated: 5000 }] });
    expect(ok).toEqual([]);
    const noLabel = validateData({ partners: [{ agency: 'community-safety', otherDelegated: 5000 }] });
    expect(noLabel.join()).toContain('label');
    const { derived } = run({ partners: [{ agency: 'community-safety', label: 'Community Safety Partnership', otherDelegated: 5000 }] });
    expect(Object.keys(budgetFigures(derived))).toContain('budget.partners.community-safety.total');
  });

  it('refuses money written as text in a cell', () => {
    expect(validateData({ partners: [{ agency: 'police', staffing: '£121,691' }] }).join()).toContain('staffing');
    expect(validateData({ partners: [{ agency: 'police', staffing: 'n/a' }] })).toHaveLength(1);
  });
});

function validateData(data: unknown): string[] {
  const text = JSON.stringify(data);
  const loaded = parseYaml('budget.yaml', new TextEncoder().encode(text));
  if (!loaded.ok) throw new Error('unparseable');
  return validateAgainstSchema(loaded.source, loaded.data, schema).map((d) => d.message);
}

describe('the Kelbridge example, data/2025-26/budget.yaml', () => {
  const { data, schemaErrors } = load(join(root, 'data', '2025-26', 'budget.yaml'));

  it('validates and raises no finding', () => {
    expect(schemaErrors).toEqual([]);
    expect(run(data).findings).toEqual([]);
  });

  it('has a pooled budget of about £1.9m, up on 2024-25', () => {
    const { derived } = run(data);
    expect(derived.current.totals.total).toBe(1939500);
    expect(derived.change!.total).toMatchObject({ previous: 1897540, current: 1939500, absolute: 41960 });
    expect(derived.change!.total.relative!.toFixed(1)).toBe('2.2');
    const figures = budgetFigures(derived);
    expect(formatFigure(figures['budget.change.absolute']!)).toBe('+£41,960');
    expect(formatFigure(figures['budget.change.relative']!)).toBe('+2.2%');
    expect(formatFigure(figures['budget.remand.variance']!)).toBe('+£11,100');
    expect(formatFigure(figures['budget.remand.bedNights']!)).toBe('152');
    expect(formatFigure(figures['budget.grant.total']!)).toBe('£421,830');
    expect(formatFigure(figures['budget.partners.welsh-government.share']!)).toBe('N/A');
  });

  it('offers every figure key prose may cite', () => {
    const keys = Object.keys(budgetFigures(run(data).derived));
    for (const key of [
      'budget.total',
      'budget.staffing.total',
      'budget.inKind.total',
      'budget.otherDelegated.total',
      'budget.partners.local-authority.total',
      'budget.partners.local-authority.share',
      'budget.partners.police.total',
      'budget.partners.probation.total',
      'budget.partners.health.total',
      'budget.partners.pcc.total',
      'budget.partners.yjb-grant.total',
      'budget.partners.welsh-government.total',
      'budget.partners.other.total',
      'budget.previous.total',
      'budget.change.absolute',
      'budget.change.relative',
      'budget.grant.total',
      'budget.remand.allocation',
      'budget.remand.actual',
      'budget.remand.variance',
      'budget.remand.bedNights',
    ]) {
      expect(keys).toContain(key);
    }
  });

  it('offers the budget, previous, change, grant-spend, remand and other-funding tables', () => {
    const tables = budgetTables(run(data).derived);
    expect(tables.map((t) => t.id)).toEqual(['budget', 'budget-previous', 'budget-change', 'grant-spend', 'remand', 'other-funding']);
    const budget = tables[0]!;
    expect(budget.wide).toBe(true);
    expect(budget.totals).toMatchObject({ agency: 'Total', total: 1939500, share: 100 });
    expect(budget.rowNotes![0]).toEqual(['a']);
    const remand = tables.find((t) => t.id === 'remand')!;
    expect(remand.rows.map((row) => row.year)).toEqual(['2024-25', '2025-26']);
    expect(Math.round(remand.rows[1]!.costPerBedNight as number)).toBe(642);
  });

  it('renders each shortcode with its sentence and accessible table', () => {
    const context = plan();
    const derived = deriveBudget(data, context);
    const env = createNunjucks();
    const render = (name: string) => {
      const shortcode = budgetBlock.shortcodes![name]!;
      return env.render(shortcode.template, { ...shortcode.context(derived, [], context), plan: { id: '2025-26', context }, page: { url: '/2025-26/resources/' } });
    };
    const budget = render('budgetTable');
    expect(budget).toContain('Partner contributions to the youth offending partnership pooled budget 2025-26');
    expect(budget).toContain('The largest contribution comes from the local authority: £1,178,250, 60.8% of the £1,939,500 pooled budget for 2025-26.');
    expect(budget).toContain('The pooled budget is £1,939,500 in 2025-26, up £41,960 (+2.2%) from £1,897,540 in 2024-25.');
    expect(budget).toContain('<th scope="row" class="govuk-table__header">Welsh Government');
    expect(budget).toMatch(/govuk-table__cell--numeric">N\/A</);
    expect(budget).toContain('Children&#39;s Services');
    expect(budget).toContain('<h3');
    const grant = render('grantSpend');
    expect(grant).toContain('of which £28,480 for the Junior Attendance Centre is ring-fenced; the remaining £393,350 is the YJB Practice Grant row');
    expect(grant).toContain('Spend against the YJB Youth Justice Grant 2025-26');
    const remand = render('remandBudget');
    expect(remand).toContain('In 2025-26 the remand allocation is £86,420 and the forecast cost of remands is £97,520: an overspend of £11,100.');
    expect(remand).toContain('Remands in 2025-26 are forecast at 152 bed nights (£642 a night).');
    expect(remand).toContain('In 2024-25 the remand allocation was £81,900 and the cost of remands was £118,340: an overspend of £36,440. Remands in 2024-25 came to 187 bed nights (£633 a night).');
    const funding = render('otherFunding');
    expect(funding).toContain('bid made');
    expect(funding).toContain('£82,710');
  });

  it('says plainly when a shortcode has no data to show', () => {
    const derived = deriveBudget({ partners: [{ agency: 'police', staffing: 1 }] }, plan());
    expect(() => budgetBlock.shortcodes!.grantSpend!.context(derived, [], plan())).toThrow('grant:');
    expect(() => budgetBlock.shortcodes!.remandBudget!.context(derived, [], plan())).toThrow('remand:');
    expect(() => budgetBlock.shortcodes!.otherFunding!.context(derived, [], plan())).toThrow('otherFunding:');
  });
});

describe('schema and types', () => {
  type Schema = { type?: string | string[]; properties?: Record<string, Schema>; items?: Schema; additionalProperties?: boolean; description?: string; $ref?: string; definitions?: Record<string, Schema> };

  it('describes every property and allows no unknown key anywhere', () => {
    const problems: string[] = [];
    const visit = (node: Schema, path: string) => {
      if (node.properties) {
        if (node.additionalProperties !== false) problems.push(`${path}: additionalProperties`);
        for (const [key, child] of Object.entries(node.properties)) {
          if (!child.description) problems.push(`${path}.${key}: description`);
          visit(child, `${path}.${key}`);
        }
      }
      if (node.items) visit(node.items, `${path}[]`);
    };
    visit(schema as Schema, 'budget');
    for (const [name, definition] of Object.entries((schema as Schema).definitions ?? {})) visit(definition, `#${name}`);
    expect(problems).toEqual([]);
  });

  it('accepts a file that uses every field of the TypeScript type, and nothing more', () => {
    // Every field of BudgetData filled in: a field in the type but not the schema fails validation,
    // and a field added to the schema but not here fails the key comparison below.
    const everything: Required<BudgetData> = {
      year: '2025-26',
      caption: 'Partner contributions 2025-26',
      hideEmptyRows: false,
      partners: [{ agency: 'police', label: 'Police', markers: ['a'], staffing: 1, inKind: 'N/A', otherDelegated: null, total: 1 }],
      totals: { staffing: 1, inKind: 'N/A', otherDelegated: null, total: 1 },
      footnotes: [{ marker: 'a', text: 'A note.' }],
      previous: { year: '2024-25', caption: 'Last year', partners: [{ agency: 'police', staffing: 1 }], totals: { total: 1 }, footnotes: [] },
      grant: {
        name: 'YJB grant',
        total: 2,
        components: [{ name: 'JAC', amount: 1, note: 'n' }],
        spend: [{ item: 'Salaries', budget: 1, forecast: 1, variance: 0, comment: 'c' }],
        spendTotals: { budget: 1, forecast: 1, variance: 0 },
        note: 'n',
      },
      remand: {
        year: '2025-26',
        allocation: 1,
        actual: 1,
        actualBasis: 'forecast',
        bedNights: 1,
        variance: 0,
        note: 'n',
        previous: { year: '2024-25', allocation: 1, actual: 1, actualBasis: 'outturn', bedNights: 1, variance: 0, note: 'n' },
      },
      otherFunding: [{ source: 'Home Office', amount: 1, status: 'confirmed', period: '2025-26', purpose: 'p' }],
      note: 'n',
    };
    expect(validateData(everything)).toEqual([]);
    const props = (schema as Schema).properties!;
    const defs = (schema as Schema).definitions!;
    expect(Object.keys(everything).sort()).toEqual(Object.keys(props).sort());
    expect(Object.keys(everything.partners[0]!).sort()).toEqual(Object.keys(defs.partners!.items!.properties!).sort());
    expect(Object.keys(everything.grant).sort()).toEqual(Object.keys(props.grant!.properties!).sort());
    expect(Object.keys(everything.grant.spend![0]!).sort()).toEqual(Object.keys(props.grant!.properties!.spend!.items!.properties!).sort());
    expect(Object.keys(everything.remand).sort()).toEqual(Object.keys(props.remand!.properties!).sort());
    expect(Object.keys(everything.remand.previous!).sort()).toEqual(Object.keys(props.remand!.properties!.previous!.properties!).sort());
    expect(Object.keys(everything.otherFunding[0]!).sort()).toEqual(Object.keys(props.otherFunding!.items!.properties!).sort());
    expect(Object.keys(everything.previous).sort()).toEqual(Object.keys(props.previous!.properties!).sort());
  });
});
