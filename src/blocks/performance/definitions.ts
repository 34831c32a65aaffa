import type { IndicatorDefinition, IndicatorGroup } from './types.ts';

/**
 * The standard indicators. Their meaning is fixed by the YJB and the Ministry of Justice, so it lives here
 * rather than in each plan's YAML; a plan may only relabel them or change the display precision.
 * KPI definitions marked "(to confirm)" in the README follow the 2023 guidance as far as it is known.
 */
export const NATIONAL_INDICATORS: Record<string, IndicatorDefinition> = {
  fte: {
    label: 'First time entrants to the youth justice system',
    phrase: 'the first time entrant rate',
    formula: 'children aged 10 to 17 receiving their first youth caution, youth conditional caution or conviction ÷ children aged 10 to 17 in the area × 100,000',
    unit: 'rate',
    per: 100_000,
    precision: 0,
    betterWhen: 'lower',
    numeratorLabel: 'First time entrants',
    denominatorLabel: 'Children aged 10 to 17',
    populationBased: true,
  },
  'reoffending-binary': {
    label: 'Reoffending: binary rate',
    phrase: 'the share of children who reoffended',
    formula: 'children in the cohort who reoffended within 12 months ÷ children in the cohort × 100',
    unit: 'percent',
    per: 100,
    precision: 1,
    betterWhen: 'lower',
    numeratorLabel: 'Children who reoffended',
    denominatorLabel: 'Children in the cohort',
  },
  'reoffending-frequency': {
    label: 'Reoffending: reoffences per child in the cohort',
    phrase: 'the number of reoffences per child in the cohort',
    formula: 'proven reoffences by the cohort ÷ children in the cohort',
    unit: 'ratio',
    precision: 2,
    betterWhen: 'lower',
    numeratorLabel: 'Reoffences',
    denominatorLabel: 'Children in the cohort',
  },
  'reoffences-per-reoffender': {
    label: 'Reoffending: reoffences per child who reoffended',
    phrase: 'the number of reoffences per child who reoffended',
    formula: 'proven reoffences by the cohort ÷ children in the cohort who reoffended',
    unit: 'ratio',
    precision: 2,
    betterWhen: 'lower',
    numeratorLabel: 'Reoffences',
    denominatorLabel: 'Children who reoffended',
  },
  custody: {
    label: 'Use of custody',
    phrase: 'the rate of custodial sentences',
    formula: 'custodial sentences given to children aged 10 to 17 ÷ children aged 10 to 17 in the area × 1,000',
    unit: 'rate',
    per: 1_000,
    precision: 2,
    betterWhen: 'lower',
    numeratorLabel: 'Custodial sentences',
    denominatorLabel: 'Children aged 10 to 17',
    populationBased: true,
  },
  remands: {
    label: 'Remands to youth detention accommodation',
    phrase: 'the rate of remands to youth detention accommodation',
    formula: 'remand episodes in youth detention accommodation ÷ children aged 10 to 17 in the area × 1,000',
    unit: 'rate',
    per: 1_000,
    precision: 2,
    betterWhen: 'lower',
    numeratorLabel: 'Remand episodes',
    denominatorLabel: 'Children aged 10 to 17',
    populationBased: true,
  },
};

function kpi(label: string, phrase: string, numeratorLabel: string, denominatorLabel: string, betterWhen: 'higher' | 'neither'): IndicatorDefinition {
  return {
    label,
    phrase,
    formula: `${numeratorLabel.toLowerCase()} ÷ ${denominatorLabel.toLowerCase()} × 100`,
    unit: 'percent',
    per: 100,
    precision: 1,
    betterWhen,
    numeratorLabel,
    denominatorLabel,
  };
}

/** The ten key performance indicators reported since April 2023, in their official order (KPI 1 to 10). */
export const KPI_INDICATORS: Record<string, IndicatorDefinition> = {
  'kpi-accommodation': kpi('KPI 1: suitable accommodation', 'the share of children in suitable accommodation', 'Children in suitable accommodation at the end of their order', 'Children whose order ended', 'higher'),
  'kpi-ete': kpi('KPI 2: education, training and employment', 'the share of children in suitable education, training or employment', 'Children in suitable education, training or employment at the end of their order', 'Children whose order ended', 'higher'),
  'kpi-send': kpi('KPI 3: special educational needs and disabilities', 'the share of children with SEND who have a formal plan', 'Children with a formal plan in place', 'Children with an identified SEND or ALN need', 'higher'),
  'kpi-mental-health': kpi('KPI 4: mental health and emotional wellbeing', 'the share of children with an identified mental health need', 'Children with a screened or identified mental health need', 'Children whose order ended', 'neither'),
  'kpi-substance-misuse': kpi('KPI 5: substance misuse', 'the share of children with an identified substance misuse need', 'Children with a screened or identified substance misuse need', 'Children whose order ended', 'neither'),
  'kpi-oocd': kpi('KPI 6: out-of-court disposals', 'the share of out-of-court disposals completed', 'Children who completed their out-of-court disposal', 'Out-of-court disposals that ended', 'higher'),
  'kpi-wider-services': kpi('KPI 7: links to wider services', 'the share of children known to wider children’s services', 'Children looked after, in need or on a child protection plan', 'Children whose order ended', 'neither'),
  'kpi-board-attendance': kpi('KPI 8: management board attendance', 'management board attendance', 'Partner attendances at board meetings', 'Expected attendances', 'higher'),
  'kpi-serious-violence': kpi('KPI 9: serious violence', 'the share of children with a proven serious violence offence', 'Children with a proven serious violence offence', 'Children whose order ended', 'neither'),
  'kpi-victims': kpi('KPI 10: victims', 'the share of consenting victims who engaged with restorative justice', 'Victims who engaged with restorative justice', 'Victims who consented to contact', 'higher'),
};

export const STANDARD_IDS: readonly string[] = [...Object.keys(NATIONAL_INDICATORS), ...Object.keys(KPI_INDICATORS)];

export function standardDefinition(id: string): IndicatorDefinition | undefined {
  return NATIONAL_INDICATORS[id] ?? KPI_INDICATORS[id];
}

export function groupOf(id: string): IndicatorGroup {
  if (id in NATIONAL_INDICATORS) return 'national';
  if (id in KPI_INDICATORS) return 'kpi';
  return 'local';
}

/** Reoffending indicators may give cohort, reoffenders and reoffences instead of numerator and denominator. */
export const REOFFENDING_COUNTS: Record<string, { numerator: 'reoffenders' | 'reoffences'; denominator: 'cohort' | 'reoffenders' }> = {
  'reoffending-binary': { numerator: 'reoffenders', denominator: 'cohort' },
  'reoffending-frequency': { numerator: 'reoffences', denominator: 'cohort' },
  'reoffences-per-reoffender': { numerator: 'reoffences', denominator: 'reoffenders' },
};
