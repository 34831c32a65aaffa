/** risks.yaml: the risks to delivering the plan, how likely and serious each is, and what reduces it. Kept in step with schema.json. */

export const RISK_SCALES = ['numeric', 'words'] as const;
export type RiskScale = (typeof RISK_SCALES)[number];

export const WORD_LEVELS = ['Low', 'Medium', 'High'] as const;
export type WordLevel = (typeof WORD_LEVELS)[number];

/** A likelihood or impact: 1–5 on the numeric scale, Low/Medium/High on the words scale. */
export type RiskLevel = 1 | 2 | 3 | 4 | 5 | WordLevel;

export interface Residual {
  likelihood: RiskLevel;
  impact: RiskLevel;
  /** Stated residual score, checked against likelihood × impact. */
  score?: number;
}

export interface Risk {
  id: string;
  risk: string;
  category?: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  owner?: string;
  /** What is being done to reduce or manage it. */
  actions?: string[];
  /** Likelihood and impact once the actions have worked. */
  residual?: Residual;
  /** Stated score, checked against likelihood × impact. */
  score?: number;
}

export interface RisksData {
  scale: RiskScale;
  risks: Risk[];
}

export type Band = 'low' | 'medium' | 'high';

export interface Rating {
  /** Likelihood and impact as numbers on the plan's scale (words: Low 1, Medium 2, High 3); null when on the wrong scale. */
  likelihood: number | null;
  impact: number | null;
  /** likelihood × impact; null when either is on the wrong scale. */
  score: number | null;
  band: Band | null;
  /** `High`, `Medium`, `Low` or `Not rated`. */
  bandLabel: string;
  tagClass: string;
  /** Likelihood and impact as the author wrote them. */
  likelihoodLabel: string;
  impactLabel: string;
}

export interface DerivedRisk {
  id: string;
  risk: string;
  category?: string;
  owner?: string;
  actions: string[];
  inherent: Rating;
  residual: Rating | null;
}

export interface MatrixCell {
  likelihood: number;
  impact: number;
  score: number;
  band: Band;
  riskIds: string[];
}

export interface MatrixRow {
  likelihood: number;
  label: string;
  cells: MatrixCell[];
}

export interface RiskMatrix {
  /** Impact levels left to right, lowest first. */
  impacts: { impact: number; label: string }[];
  /** Likelihood levels top to bottom, highest first. */
  rows: MatrixRow[];
}

export interface RisksDerived {
  scale: RiskScale;
  periodLabel: string;
  risks: DerivedRisk[];
  counts: Record<Band, number> & { total: number; unrated: number };
  residualCounts: Record<Band, number> & { assessed: number };
  matrix: RiskMatrix;
  residualMatrix: RiskMatrix;
}
