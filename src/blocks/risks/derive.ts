import type { PlanContext } from '../plan/types.ts';
import { WORD_LEVELS, type Band, type DerivedRisk, type MatrixRow, type Rating, type RiskLevel, type RiskMatrix, type RiskScale, type RisksData, type RisksDerived } from './types.ts';

/**
 * Rating bands, by score (likelihood × impact):
 * - numeric scale (1–5 each, scores 1–25): low 1–4, medium 5–12, high 15–25;
 * - words scale (Low 1, Medium 2, High 3; scores 1–9): low 1–2, medium 3–4, high 6–9.
 * No product falls between the bands (13 and 14 cannot be made from 1–5; 5 cannot be made from 1–3).
 */
export const BANDS: Record<RiskScale, { lowMax: number; mediumMax: number }> = {
  numeric: { lowMax: 4, mediumMax: 12 },
  words: { lowMax: 2, mediumMax: 4 },
};

export const BAND_DISPLAY: Record<Band | 'unrated', { label: string; tagClass: string }> = {
  high: { label: 'High', tagClass: 'govuk-tag--red' },
  medium: { label: 'Medium', tagClass: 'govuk-tag--yellow' },
  low: { label: 'Low', tagClass: 'govuk-tag--green' },
  unrated: { label: 'Not rated', tagClass: 'govuk-tag--grey' },
};

export function scaleMax(scale: RiskScale): number {
  return scale === 'numeric' ? 5 : WORD_LEVELS.length;
}

/** A level as a number on the plan's scale; null when it belongs to the other scale. */
export function levelValue(level: RiskLevel, scale: RiskScale): number | null {
  if (scale === 'numeric') return typeof level === 'number' ? level : null;
  return typeof level === 'string' ? WORD_LEVELS.indexOf(level) + 1 : null;
}

/** How a level is named on the plan's scale: `3` on the numeric scale, `Medium` on the words scale. */
export function levelLabel(value: number, scale: RiskScale): string {
  return scale === 'numeric' ? String(value) : (WORD_LEVELS[value - 1] ?? String(value));
}

export function bandFor(score: number, scale: RiskScale): Band {
  const { lowMax, mediumMax } = BANDS[scale];
  return score <= lowMax ? 'low' : score <= mediumMax ? 'medium' : 'high';
}

export function rate(likelihood: RiskLevel, impact: RiskLevel, scale: RiskScale): Rating {
  const l = levelValue(likelihood, scale);
  const i = levelValue(impact, scale);
  const score = l !== null && i !== null ? l * i : null;
  const band = score !== null ? bandFor(score, scale) : null;
  const display = BAND_DISPLAY[band ?? 'unrated'];
  return { likelihood: l, impact: i, score, band, bandLabel: display.label, tagClass: display.tagClass, likelihoodLabel: String(likelihood), impactLabel: String(impact) };
}

/** Likelihood down (highest at the top) by impact across (lowest at the left); each cell lists its risks. */
export function buildMatrix(risks: readonly { id: string; rating: Rating | null }[], scale: RiskScale): RiskMatrix {
  const levels = Array.from({ length: scaleMax(scale) }, (_, i) => i + 1);
  const rows: MatrixRow[] = [...levels].reverse().map((likelihood) => ({
    likelihood,
    label: levelLabel(likelihood, scale),
    cells: levels.map((impact) => ({
      likelihood,
      impact,
      score: likelihood * impact,
      band: bandFor(likelihood * impact, scale),
      riskIds: risks.filter((r) => r.rating?.likelihood === likelihood && r.rating.impact === impact).map((r) => r.id),
    })),
  }));
  return { impacts: levels.map((impact) => ({ impact, label: levelLabel(impact, scale) })), rows };
}

function countBands(ratings: readonly Rating[]): Record<Band, number> {
  return {
    high: ratings.filter((r) => r.band === 'high').length,
    medium: ratings.filter((r) => r.band === 'medium').length,
    low: ratings.filter((r) => r.band === 'low').length,
  };
}

export function deriveRisks(data: RisksData, plan: PlanContext): RisksDerived {
  const { scale } = data;
  const risks: DerivedRisk[] = data.risks.map((risk) => ({
    id: risk.id,
    risk: risk.risk,
    category: risk.category,
    owner: risk.owner,
    actions: risk.actions ?? [],
    inherent: rate(risk.likelihood, risk.impact, scale),
    residual: risk.residual ? rate(risk.residual.likelihood, risk.residual.impact, scale) : null,
  }));
  const inherent = risks.map((r) => r.inherent);
  const residual = risks.flatMap((r) => (r.residual ? [r.residual] : []));
  return {
    scale,
    periodLabel: plan.plan.period.label,
    risks,
    counts: { ...countBands(inherent), total: risks.length, unrated: inherent.filter((r) => r.band === null).length },
    residualCounts: { ...countBands(residual), assessed: residual.length },
    matrix: buildMatrix(risks.map((r) => ({ id: r.id, rating: r.inherent })), scale),
    residualMatrix: buildMatrix(risks.map((r) => ({ id: r.id, rating: r.residual })), scale),
  };
}
