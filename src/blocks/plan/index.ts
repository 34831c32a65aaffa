import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition } from '../types.ts';
import type { PlanContext, PlanData } from './types.ts';
import { auditPlan } from './audit.ts';

/** plan.yaml is the one block every plan has; its context is built before the others derive. */
export const planBlock: BlockDefinition<PlanData, PlanContext> = {
  id: 'plan',
  title: 'Plan',
  schema,
  derive: (_data, plan) => plan,
  audit: (data, _derived, plan) => auditPlan(data, plan),
  figures: (plan) => ({
    'plan.population': { kind: 'count', value: plan.plan.population?.age10to17 ?? null },
    'plan.period': { kind: 'text', value: plan.plan.period.label },
    'plan.authority': { kind: 'text', value: plan.plan.authority },
    'plan.service': { kind: 'text', value: plan.plan.service },
  }),
};
