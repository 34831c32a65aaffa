/** Kept in step with schema.json (a test compares the two). */
export const PLAN_STATUSES = ['draft', 'board-approved', 'submitted', 'council-approved', 'published'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanData {
  authority: string;
  service: string;
  title?: string;
  period: { label: string; start: string; end: string };
  edition: string;
  language?: string;
  version?: string;
  asOf?: string;
  status: { current: PlanStatus; history?: { status: PlanStatus; date: string; by?: string; note?: string }[] };
  submissionDeadline?: string;
  population?: { age10to17: number; source: string; year: number };
  comparators?: { national?: string; region?: string; pcc?: string; family?: string };
  brand?: { colour?: string; logo?: string; logoAlt?: string };
  contact?: { email?: string; phone?: string; address?: string };
  previous?: string;
  disclosureThreshold?: number;
  localSections?: { id: string; title: string; after?: string; prompt?: string }[];
}

export type ComparatorKey = 'national' | 'region' | 'pcc' | 'family';

/** What every block's derivation and audit may know about the plan. */
export interface PlanContext {
  /** The plan's id: its folder name, e.g. `2025-26`. */
  id: string;
  plan: PlanData;
  title: string;
  /** Reporting date: `asOf`, else the period start. */
  asOf: string;
  /** Approved by the board or later. */
  approved: boolean;
  language: string;
  disclosureThreshold: number;
  comparatorNames: Record<ComparatorKey, string>;
  /** The plan named by `previous:` in plan.yaml, derived (one level only), when it exists and has no errors. */
  previous?: PreviousPlan;
}

/** What blocks may know of last year's plan: progress on its actions, its performance series. */
export interface PreviousPlan {
  id: string;
  title: string;
  periodLabel: string;
  /** The date its statuses and figures were reported at. */
  asOf: string;
  /** Each of its blocks' derived form, keyed by block id, as in the plan's own `blocks`. */
  blocks: Record<string, unknown>;
}
