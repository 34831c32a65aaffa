import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition, Figure } from '../types.ts';
import type { BudgetData, BudgetDerived, ComputedTotal } from './types.ts';
import { deriveBudget, YJB_GRANT_AGENCY } from './derive.ts';
import { auditBudget } from './audit.ts';
import { budgetTables, changeTableModel, contributionsTableModel, grantSpendTableModel, otherFundingTableModel, remandTableModel } from './tables.ts';
import { changeSentence, grantSentence, largestContributorSentence, remandSentence } from './text.ts';

/** A table total as a figure: N/A stays N/A in prose too, never "£0". */
function totalFigure(value: ComputedTotal): Figure {
  return value === 'N/A' ? { kind: 'text', value: 'N/A' } : { kind: 'money', value };
}

export function budgetFigures(derived: BudgetDerived): Record<string, Figure> {
  const { current, previous, change, grant, remand } = derived;
  const figures: Record<string, Figure> = {
    'budget.total': totalFigure(current.totals.total),
    'budget.staffing.total': totalFigure(current.totals.staffing),
    'budget.inKind.total': totalFigure(current.totals.inKind),
    'budget.otherDelegated.total': totalFigure(current.totals.otherDelegated),
  };
  for (const row of current.rows) {
    figures[`budget.partners.${row.agency}.total`] = totalFigure(row.total);
    figures[`budget.partners.${row.agency}.share`] = row.total === 'N/A' ? { kind: 'text', value: 'N/A' } : { kind: 'percent', value: row.share, precision: 1 };
  }
  if (previous && change) {
    figures['budget.previous.total'] = totalFigure(previous.totals.total);
    figures['budget.change.absolute'] = { kind: 'money', value: change.total.absolute, signed: true };
    figures['budget.change.relative'] = { kind: 'percent', value: change.total.relative, precision: 1, signed: true };
  }
  if (grant) {
    figures['budget.grant.total'] = { kind: 'money', value: grant.total };
    figures['budget.grant.practiceGrant'] = { kind: 'money', value: grant.practiceGrant };
  }
  if (remand) {
    const year = remand.current;
    figures['budget.remand.allocation'] = { kind: 'money', value: year.allocation };
    figures['budget.remand.actual'] = { kind: 'money', value: year.actual };
    figures['budget.remand.variance'] = { kind: 'money', value: year.variance, signed: true };
    figures['budget.remand.bedNights'] = { kind: 'count', value: year.bedNights };
    figures['budget.remand.costPerBedNight'] = { kind: 'money', value: year.costPerBedNight };
  }
  return figures;
}

function missing(section: string, shortcode: string): Error {
  return new Error(`{% ${shortcode} %} needs \`${section}:\` in budget.yaml, which has none`);
}

export const budgetBlock: BlockDefinition<BudgetData, BudgetDerived> = {
  id: 'budget',
  title: 'Budget',
  schema,
  derive: (data, plan) => deriveBudget(data, plan),
  audit: (data, derived, plan) => auditBudget(data, derived, plan),
  figures: (derived) => budgetFigures(derived),
  tables: (derived) => budgetTables(derived),
  shortcodes: {
    budgetTable: {
      template: 'budget/budget-table.njk',
      context: (derived) => {
        const { current, previous, change, hideEmptyRows } = derived;
        return {
          contributionsTable: contributionsTableModel(current, 'budget', hideEmptyRows),
          largestSentence: largestContributorSentence(current),
          note: derived.note,
          previousYear: previous?.year ?? null,
          changeSentence: previous && change ? changeSentence(change.total, previous.year, current.year) : null,
          changeTable: previous && change ? changeTableModel(change, previous.year, current.year, hideEmptyRows) : null,
          previousTable: previous ? contributionsTableModel(previous, 'budget-previous', hideEmptyRows) : null,
        };
      },
    },
    grantSpend: {
      template: 'budget/grant-spend.njk',
      context: (derived) => {
        const { grant, current } = derived;
        if (!grant) throw missing('grant', 'grantSpend');
        const rowLabel = current.rows.find((row) => row.agency === YJB_GRANT_AGENCY)?.label ?? 'YJB Practice Grant';
        return {
          grant,
          year: current.year,
          grantRowLabel: rowLabel,
          grantSentence: grantSentence(grant, current.year, rowLabel),
          spendTable: grant.spend.length ? grantSpendTableModel(grant, current.year) : null,
        };
      },
    },
    remandBudget: {
      template: 'budget/remand-budget.njk',
      context: (derived) => {
        const { remand } = derived;
        if (!remand) throw missing('remand', 'remandBudget');
        return {
          remand,
          currentSentence: remandSentence(remand.current),
          previousSentence: remand.previous ? remandSentence(remand.previous, true) : null,
          remandTable: remandTableModel(remand),
        };
      },
    },
    otherFunding: {
      template: 'budget/other-funding.njk',
      context: (derived) => {
        if (!derived.otherFunding.length) throw missing('otherFunding', 'otherFunding');
        return { otherFundingTable: otherFundingTableModel(derived.otherFunding, derived.otherFundingTotal, derived.current.year) };
      },
    },
  },
};
