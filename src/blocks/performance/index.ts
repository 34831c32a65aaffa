import schema from './schema.json' with { type: 'json' };
import type { BlockDefinition } from '../types.ts';
import type { PlanContext } from '../plan/types.ts';
import { auditPerformance } from './audit.ts';
import { derivePerformance, findIndicator } from './derive.ts';
import { indicatorCaption, indicatorFigures, indicatorTable, kpiTable } from './tables.ts';
import type { DerivedPerformance, PerformanceData } from './types.ts';

/** Ids that make a chart's element ids; the indicator id is already lower case with hyphens. */
function chartIds(id: string) {
  return {
    figure: `indicator-${id}`,
    caption: `chart-${id}-caption`,
    summary: `chart-${id}-summary`,
    canvas: `chart-${id}`,
    config: `chart-${id}-config`,
  };
}

function indicatorContext(derived: DerivedPerformance, args: string[], plan: PlanContext): Record<string, unknown> {
  const id = args[0] ?? '';
  const indicator = findIndicator(derived, id);
  if (!indicator) return { missingId: id, known: derived.indicators.map((i) => i.id) };
  return {
    indicator,
    ids: chartIds(id),
    table: indicatorTable(indicator, derived.localLabel, plan),
    caption: indicatorCaption(indicator),
    config: indicator.chart,
    localLabel: derived.localLabel,
  };
}

/** Performance: the national indicators, the ten KPIs and local measures, with charts and checked figures. */
export const performanceBlock: BlockDefinition<PerformanceData, DerivedPerformance> = {
  id: 'performance',
  title: 'Performance',
  schema,
  derive: (data, plan) => derivePerformance(data, plan),
  audit: (data, _derived, plan) => auditPerformance(data, plan),
  figures: (derived) => Object.assign({}, ...derived.indicators.map((indicator) => indicatorFigures(indicator))),
  tables: (derived, plan) => [
    ...derived.indicators.map((indicator) => indicatorTable(indicator, derived.localLabel, plan)),
    ...(derived.kpis.length ? [kpiTable(derived, plan)] : []),
  ],
  shortcodes: {
    indicator: { template: 'performance/indicator.njk', context: indicatorContext },
    kpiTable: {
      template: 'performance/kpi-table.njk',
      context: (derived, _args, plan) => ({ table: derived.kpis.length ? kpiTable(derived, plan) : null, kpis: derived.kpis, localLabel: derived.localLabel }),
    },
  },
};
