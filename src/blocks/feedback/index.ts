import schema from './schema.json' with { type: 'json' };
import type { PlanContext } from '../plan/types.ts';
import type { BlockDefinition, Cell, Figure, TableColumn, TableModel } from '../types.ts';
import { auditFeedback } from './audit.ts';
import { deriveFeedback } from './derive.ts';
import type { DerivedFeedback, DerivedQuestion, DerivedSurvey, FeedbackData } from './types.ts';

/** Survey percentages are shown as whole numbers: with a few dozen answers a decimal claims too much. */
const SHARE_PRECISION = 0;

export function feedbackFigures(feedback: DerivedFeedback): Record<string, Figure> {
  const figures: Record<string, Figure> = {
    'feedback.quotes.count': { kind: 'count', value: feedback.quotes.length },
    'feedback.caseStudies.count': { kind: 'count', value: feedback.caseStudies.length },
  };
  const survey = feedback.survey;
  if (!survey) return figures;
  figures['feedback.survey.respondents'] = { kind: 'count', value: survey.respondents };
  figures['feedback.survey.title'] = { kind: 'text', value: survey.title };
  figures['feedback.survey.period'] = { kind: 'text', value: survey.periodLabel };
  for (const question of survey.questions) {
    figures[`feedback.survey.${question.id}.respondents`] = { kind: 'count', value: question.respondents };
    for (const option of question.options) {
      figures[`feedback.survey.${question.id}.${option.id}.count`] = { kind: 'count', value: option.count };
      figures[`feedback.survey.${question.id}.${option.id}.share`] = { kind: 'percent', value: option.share, precision: SHARE_PRECISION };
    }
  }
  return figures;
}

/** Questions that offer the same answers, in survey order: each group is one table, so no column is mostly blank. */
export function questionGroups(survey: DerivedSurvey): DerivedQuestion[][] {
  const groups = new Map<string, DerivedQuestion[]>();
  for (const question of survey.questions) {
    const key = question.options.map((option) => option.id).join('\u0000');
    groups.set(key, [...(groups.get(key) ?? []), question]);
  }
  return [...groups.values()];
}

/**
 * Questions down, answers across: each answer's count and its share of those who answered. The first group of
 * questions is table `survey`; a group with other answers (a "choose any" question) is `survey-<its first id>`.
 */
export function surveyTables(survey: DerivedSurvey): TableModel[] {
  return questionGroups(survey).map((questions, groupIndex) => {
    const options = questions[0]!.options;
    const columns: TableColumn[] = [
      { key: 'question', label: 'Question', kind: 'text' },
      { key: 'respondents', label: 'Answered', kind: 'count' },
    ];
    for (const option of options) {
      columns.push({ key: option.id, label: `${option.label} (number)`, kind: 'count' });
      columns.push({ key: `${option.id}-share`, label: `${option.label} (%)`, kind: 'percent', precision: SHARE_PRECISION });
    }
    const rows = questions.map((question) => {
      const row: Record<string, Cell> = { question: question.text, respondents: question.respondents };
      for (const option of question.options) {
        row[option.id] = option.count;
        row[`${option.id}-share`] = option.share;
      }
      return row;
    });
    const multiple = questions.flatMap((question, index) => (question.multiple ? [index] : []));
    const caption =
      groupIndex === 0
        ? `${survey.title}: answers from ${survey.respondents.toLocaleString('en-GB')} people, ${survey.periodLabel}`
        : `${survey.title}: ${questions.length === 1 ? questions[0]!.text : 'further questions'}`;
    return {
      id: groupIndex === 0 ? 'survey' : `survey-${questions[0]!.id}`,
      caption,
      rowHeader: 'question',
      columns,
      rows,
      ...(multiple.length
        ? {
            footnotes: [{ marker: '*', text: 'People could choose more than one answer, so the percentages add up to more than 100.' }],
            rowNotes: Object.fromEntries(multiple.map((index) => [index, ['*']])),
          }
        : {}),
      wide: options.length > 3,
    };
  });
}

export function feedbackTables(feedback: DerivedFeedback): TableModel[] {
  return feedback.survey ? surveyTables(feedback.survey) : [];
}

/** `{% quotes %}` shows every quote; `{% quotes "victims" %}` those tagged victims, or the quote with that id. */
export function quotesContext(feedback: DerivedFeedback, args: string[]): Record<string, unknown> {
  const [only] = args;
  if (only === undefined) return { quotes: feedback.quotes };
  const quotes = feedback.quotes.filter((quote) => quote.id === only || (quote.tags ?? []).includes(only));
  if (quotes.length === 0) {
    const known = [...new Set(feedback.quotes.flatMap((quote) => [...(quote.id ? [quote.id] : []), ...(quote.tags ?? [])]))];
    throw new Error(`no quote in feedback.yaml has the id or tag "${only}"${known.length ? `; ids and tags are ${known.join(', ')}` : ''}`);
  }
  return { quotes };
}

/** `{% caseStudies %}` shows every case study; `{% caseStudies "id" %}` one. */
export function caseStudiesContext(feedback: DerivedFeedback, args: string[]): Record<string, unknown> {
  const [only] = args;
  if (only === undefined) return { caseStudies: feedback.caseStudies };
  const study = feedback.caseStudies.find((candidate) => candidate.id === only);
  if (!study) throw new Error(`there is no case study "${only}" in feedback.yaml; the ids are ${feedback.caseStudies.flatMap((s) => (s.id ? [s.id] : [])).join(', ') || 'not set'}`);
  return { caseStudies: [study] };
}

export function surveyContext(feedback: DerivedFeedback): Record<string, unknown> {
  if (!feedback.survey) throw new Error('feedback.yaml has no `survey:`, so {% survey %} has nothing to show');
  return { survey: feedback.survey, tables: surveyTables(feedback.survey) };
}

export const feedbackBlock: BlockDefinition<FeedbackData, DerivedFeedback> = {
  id: 'feedback',
  title: 'Feedback from children, families and victims',
  schema,
  derive: (data) => deriveFeedback(data),
  audit: (data, _derived, plan: PlanContext) => auditFeedback(data, plan),
  figures: feedbackFigures,
  tables: feedbackTables,
  shortcodes: {
    survey: { template: 'feedback/survey.njk', context: surveyContext },
    quotes: { template: 'feedback/quotes.njk', context: quotesContext },
    caseStudies: { template: 'feedback/case-studies.njk', context: caseStudiesContext },
  },
};
