import type { DerivedFeedback, DerivedQuestion, DerivedSurvey, FeedbackData, Survey, SurveyOption, SurveyQuestion } from './types.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2025-03` → `March 2025`. */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) return month;
  return `${MONTHS[Number(match[2]) - 1] ?? match[2]} ${match[1]}`;
}

export function periodLabel(period: { start: string; end: string }): string {
  return period.start === period.end ? monthLabel(period.start) : `${monthLabel(period.start)} to ${monthLabel(period.end)}`;
}

/** The answers a question offers: its own, else the survey's. */
export function optionsOf(question: SurveyQuestion, survey: Survey): SurveyOption[] {
  return question.options ?? survey.options ?? [];
}

export function sumOf(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Who answered a question. Stated if the author gave it; for a one-answer question the counts add up to it;
 * for a multiple-answer question the counts can exceed it, so everyone who took part is the only safe base.
 */
export function questionRespondents(question: SurveyQuestion, survey: Survey): number {
  if (question.respondents !== undefined) return question.respondents;
  return question.multiple ? survey.respondents : sumOf(Object.values(question.counts));
}

export function deriveQuestion(question: SurveyQuestion, survey: Survey): DerivedQuestion {
  const respondents = questionRespondents(question, survey);
  return {
    id: question.id,
    text: question.text,
    multiple: question.multiple ?? false,
    respondents,
    counted: sumOf(Object.values(question.counts)),
    options: optionsOf(question, survey).map((option) => {
      const count = question.counts[option.id] ?? 0;
      const stated = question.statedPercentages?.[option.id];
      return { ...option, count, share: respondents > 0 ? (count / respondents) * 100 : null, ...(stated !== undefined ? { stated } : {}) };
    }),
  };
}

export function deriveSurvey(survey: Survey): DerivedSurvey {
  const options: SurveyOption[] = [];
  for (const question of survey.questions) {
    for (const option of optionsOf(question, survey)) if (!options.some((known) => known.id === option.id)) options.push(option);
  }
  return {
    title: survey.title,
    period: survey.period,
    periodLabel: periodLabel(survey.period),
    respondents: survey.respondents,
    ...(survey.who !== undefined ? { who: survey.who } : {}),
    ...(survey.method !== undefined ? { method: survey.method } : {}),
    options,
    questions: survey.questions.map((question) => deriveQuestion(question, survey)),
  };
}

export function deriveFeedback(data: FeedbackData): DerivedFeedback {
  return {
    ...(data.survey ? { survey: deriveSurvey(data.survey) } : {}),
    quotes: (data.quotes ?? []).map((quote) => (quote.date ? { ...quote, dateLabel: monthLabel(quote.date) } : { ...quote })),
    caseStudies: data.caseStudies ?? [],
  };
}
