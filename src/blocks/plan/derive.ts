import type { PlanContext, PlanData, PlanStatus } from './types.ts';

const APPROVED: readonly PlanStatus[] = ['board-approved', 'submitted', 'council-approved', 'published'];

export function planContext(id: string, plan: PlanData): PlanContext {
  return {
    id,
    plan,
    title: plan.title ?? `Youth Justice Plan ${plan.period.label}`,
    asOf: plan.asOf ?? plan.period.start,
    approved: APPROVED.includes(plan.status.current),
    language: plan.language ?? 'en-GB',
    disclosureThreshold: plan.disclosureThreshold ?? 5,
    comparatorNames: {
      national: plan.comparators?.national ?? 'England and Wales',
      region: plan.comparators?.region ?? 'Region',
      pcc: plan.comparators?.pcc ?? 'Police force area',
      family: plan.comparators?.family ?? 'YJS family',
    },
  };
}

/** File-name slug for the PDF: `kelbridge-youth-justice-plan-2025-26`. */
export function planSlug(context: PlanContext): string {
  const place = context.plan.authority.replace(/\b(borough|city|county|district|metropolitan|council|of|the)\b/gi, ' ');
  return `${place} ${context.title}`
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
