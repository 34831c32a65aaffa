import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition, Cell, Figure, TableModel } from '../types.ts';
import type { PlanContext } from '../plan/types.ts';
import { auditRisks } from './audit.ts';
import { BAND_DISPLAY, BANDS, deriveRisks } from './derive.ts';
import type { Rating, RiskMatrix, RiskScale, RisksData, RisksDerived } from './types.ts';

export function risksFigures(derived: RisksDerived): Record<string, Figure> {
  const count = (value: number): Figure => ({ kind: 'count', value });
  return {
    'risks.count': count(derived.counts.total),
    'risks.high': count(derived.counts.high),
    'risks.medium': count(derived.counts.medium),
    'risks.low': count(derived.counts.low),
    'risks.residualHigh': count(derived.residualCounts.high),
  };
}

/** The bands in words, for captions and the register's key. */
export function bandsText(scale: RiskScale): string {
  const { lowMax, mediumMax } = BANDS[scale];
  const levels = scale === 'numeric' ? 'likelihood and impact are each rated 1 to 5' : 'likelihood and impact are each rated Low (1), Medium (2) or High (3)';
  // The lowest product above each band's top: 13 and 14 cannot be made from 1–5, 5 cannot be made from 1–3.
  const firstMedium = scale === 'numeric' ? 5 : 3;
  const firstHigh = scale === 'numeric' ? 15 : 6;
  const top = scale === 'numeric' ? 25 : 9;
  return `The score is likelihood × impact, where ${levels}. Scores of 1 to ${lowMax} are rated low, ${firstMedium} to ${mediumMax} medium and ${firstHigh} to ${top} high.`;
}

function levelCell(rating: Rating | null, which: 'likelihood' | 'impact', scale: RiskScale): Cell {
  if (!rating) return null;
  const value = rating[which];
  return scale === 'numeric' && value !== null ? value : rating[which === 'likelihood' ? 'likelihoodLabel' : 'impactLabel'];
}

export function matrixTable(id: string, caption: string, matrix: RiskMatrix): TableModel {
  return {
    id,
    caption,
    rowHeader: 'likelihood',
    columns: [
      { key: 'likelihood', label: 'Likelihood', kind: 'text' },
      ...matrix.impacts.map(({ impact, label }) => ({ key: `impact${impact}`, label: `Impact ${label}`, kind: 'text' as const })),
    ],
    rows: matrix.rows.map((row) => ({
      likelihood: row.label,
      ...Object.fromEntries(row.cells.map((cell) => [`impact${cell.impact}`, cell.riskIds.length ? cell.riskIds.join(', ') : null])),
    })),
  };
}

export function risksTables(derived: RisksDerived): TableModel[] {
  const levelKind = derived.scale === 'numeric' ? ('number' as const) : ('text' as const);
  return [
    {
      id: 'risks',
      caption: `Risks to delivering the plan ${derived.periodLabel}`,
      wide: true,
      rowHeader: 'id',
      columns: [
        { key: 'id', label: 'Ref', kind: 'text' },
        { key: 'risk', label: 'Risk', kind: 'text' },
        { key: 'category', label: 'Category', kind: 'text' },
        { key: 'owner', label: 'Owner', kind: 'text' },
        { key: 'likelihood', label: 'Likelihood', kind: levelKind },
        { key: 'impact', label: 'Impact', kind: levelKind },
        { key: 'score', label: 'Score', kind: 'number' },
        { key: 'rating', label: 'Rating', kind: 'text' },
        { key: 'actions', label: 'Actions to reduce the risk', kind: 'text' },
        { key: 'residualLikelihood', label: 'Residual likelihood', kind: levelKind },
        { key: 'residualImpact', label: 'Residual impact', kind: levelKind },
        { key: 'residualScore', label: 'Residual score', kind: 'number' },
        { key: 'residualRating', label: 'Residual rating', kind: 'text' },
      ],
      rows: derived.risks.map((risk) => ({
        id: risk.id,
        risk: risk.risk,
        category: risk.category ?? null,
        owner: risk.owner ?? null,
        likelihood: levelCell(risk.inherent, 'likelihood', derived.scale),
        impact: levelCell(risk.inherent, 'impact', derived.scale),
        score: risk.inherent.score,
        rating: risk.inherent.bandLabel,
        actions: risk.actions.join('; ') || null,
        residualLikelihood: levelCell(risk.residual, 'likelihood', derived.scale),
        residualImpact: levelCell(risk.residual, 'impact', derived.scale),
        residualScore: risk.residual?.score ?? null,
        residualRating: risk.residual?.bandLabel ?? null,
      })),
      footnotes: [{ marker: 'Note', text: bandsText(derived.scale) }],
    },
    matrixTable('risk-matrix', `Risk matrix ${derived.periodLabel}: risks by likelihood (rows, highest first) and impact (columns, lowest first)`, derived.matrix),
  ];
}

/** `{% riskMatrix %}` shows the ratings now; `{% riskMatrix "residual" %}` those expected after the actions. */
export function riskMatrixContext(derived: RisksDerived, args: string[], _plan: PlanContext): Record<string, unknown> {
  const [which = 'current'] = args;
  if (which !== 'current' && which !== 'residual') throw new Error(`riskMatrix takes "residual" or nothing, not "${which}"`);
  const residual = which === 'residual';
  return { matrix: residual ? derived.residualMatrix : derived.matrix, residual, scale: derived.scale, bands: bandsText(derived.scale), bandDisplay: BAND_DISPLAY };
}

export const risksBlock: BlockDefinition<RisksData, RisksDerived> = {
  id: 'risks',
  title: 'Risks',
  schema,
  derive: deriveRisks,
  audit: (data, derived) => auditRisks(data, derived),
  figures: risksFigures,
  tables: risksTables,
  shortcodes: {
    riskRegister: { template: 'risks/risk-register.njk', context: (derived) => ({ risks: derived.risks, counts: derived.counts, scale: derived.scale, bands: bandsText(derived.scale) }) },
    riskMatrix: { template: 'risks/risk-matrix.njk', context: riskMatrixContext },
  },
};
