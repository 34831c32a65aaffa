import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import schema from './schema.json' with { type: 'json' };
import { createNunjucks, packageRoot } from '../../render/nunjucks.ts';
import { deriveFeedback, deriveSurvey, monthLabel, periodLabel } from './derive.ts';
import { auditFeedback, nameIn } from './audit.ts';
import { feedbackBlock, feedbackFigures, feedbackTables, quotesContext, surveyTables } from './index.ts';
import type { CaseStudy, FeedbackData, Quote, Survey, SurveyQuestion } from './types.ts';
import { examplePlan, schemaValidator } from '../../../tests/helpers/plan.ts';

const plan = examplePlan;

const validate = schemaValidator(schema, 'feedback.yaml');
const agreeScale = [
  { id: 'agree', label: 'Agree' },
  { id: 'neither', label: 'Neither' },
  { id: 'disagree', label: 'Disagree' },
];
const survey = (questions: SurveyQuestion[], respondents = 40): Survey => ({ title: 'eSurvey', period: { start: '2015-04', end: '2016-03' }, respondents, options: agreeScale, questions });
const audit = (data: FeedbackData) => auditFeedback(data, plan);

describe('feedback: schema', () => {
  it('keeps types.ts in step with schema.json', () => {
    const question: Required<SurveyQuestion> = { id: '', text: '', options: [], multiple: false, respondents: 0, counts: {}, statedPercentages: {} };
    const fullSurvey: Required<Survey> = { title: '', period: { start: '', end: '' }, respondents: 1, who: '', method: '', options: [], questions: [] };
    const quote: Required<Quote> = { id: '', text: '', attribution: '', date: '', context: '', tags: [] };
    const study: Required<CaseStudy> = { id: '', title: '', summary: '', body: '', anonymisation: '', consent: true };
    const data: Required<FeedbackData> = { survey: fullSurvey, quotes: [], caseStudies: [] };
    const props = schema.properties;
    expect(Object.keys(props).sort()).toEqual(Object.keys(data).sort());
    expect(Object.keys(props.survey.properties).sort()).toEqual(Object.keys(fullSurvey).sort());
    expect(Object.keys(props.survey.properties.questions.items.properties).sort()).toEqual(Object.keys(question).sort());
    expect(Object.keys(props.quotes.items.properties).sort()).toEqual(Object.keys(quote).sort());
    expect(Object.keys(props.caseStudies.items.properties).sort()).toEqual(Object.keys(study).sort());
  });

  it('refuses a quote date that is not YYYY-MM, and a case study without its anonymisation note, at their lines', () => {
    const text = ['quotes:', '  - text: Thanks', '    attribution: parent', '    date: February 2019', 'caseStudies:', '  - title: A story', '    body: Text', '    consent: true', ''].join('\n');
    expect(validate(text).map((d) => [d.line, d.code])).toEqual([
      [4, 'schema.pattern'],
      [6, 'schema.required'],
    ]);
  });

  it('accepts the example plan feedback, which gives no finding', () => {
    const text = readFileSync(join(packageRoot, 'data/2025-26/feedback.yaml'), 'utf8');
    expect(validate(text)).toEqual([]);
    const data = load(text) as FeedbackData;
    expect(auditFeedback(data, plan)).toEqual([]);
    expect(data.survey!.respondents).toBeGreaterThanOrEqual(35);
    expect(data.quotes!.length).toBeGreaterThanOrEqual(4);
    expect(data.caseStudies!.filter((study) => study.consent)).toHaveLength(2);
  });
});

describe('feedback: derive', () => {
  it('works out each answer\'s share of those who answered, and who answered each question', () => {
    const derived = deriveSurvey(
      survey([
        { id: 'say', text: 'I had enough say', counts: { agree: 30, neither: 7, disagree: 3 } },
        { id: 'helped', text: 'It helped', respondents: 38, counts: { agree: 19, neither: 10, disagree: 9 } },
        { id: 'what', text: 'What helped?', multiple: true, options: [{ id: 'worker', label: 'My worker' }, { id: 'sport', label: 'Sport' }], counts: { worker: 30, sport: 20 } },
      ]),
    );
    const [say, helped, what] = derived.questions;
    expect(say!.respondents).toBe(40);
    expect(say!.options.map((o) => o.share)).toEqual([75, 17.5, 7.5]);
    expect(helped!.respondents).toBe(38);
    expect(helped!.options[0]!.share).toBe(50);
    expect(what!.respondents).toBe(40);
    expect(what!.counted).toBe(50);
    expect(what!.options.map((o) => o.share)).toEqual([75, 50]);
    expect(derived.options.map((o) => o.id)).toEqual(['agree', 'neither', 'disagree', 'worker', 'sport']);
    expect(derived.periodLabel).toBe('April 2015 to March 2016');
  });

  it('counts a missing answer as nobody, and leaves shares blank when nobody answered', () => {
    const derived = deriveSurvey(survey([{ id: 'q', text: 'Q', counts: {} }]));
    expect(derived.questions[0]!.options.map((o) => [o.count, o.share])).toEqual([
      [0, null],
      [0, null],
      [0, null],
    ]);
  });

  it('labels months and periods in words', () => {
    expect(monthLabel('2019-02')).toBe('February 2019');
    expect(periodLabel({ start: '2025-03', end: '2025-03' })).toBe('March 2025');
    const derived = deriveFeedback({ quotes: [{ text: 'Thanks', attribution: 'young person', date: '2019-02' }] });
    expect(derived.quotes[0]!.dateLabel).toBe('February 2019');
    expect(derived.caseStudies).toEqual([]);
  });
});

describe('feedback: audit of the survey', () => {
  it('Coventry: the eSurvey\'s stated 80%, 95% and 100% of 40 respondents agree with counts of 32, 38 and 40', () => {
    const data: FeedbackData = {
      survey: survey([
        { id: 'less-likely', text: 'Less likely to reoffend', counts: { agree: 32, neither: 5, disagree: 3 }, statedPercentages: { agree: 80 } },
        { id: 'enough-say', text: 'Enough say', counts: { agree: 40 }, statedPercentages: { agree: 100, disagree: 0 } },
        { id: 'taken-seriously', text: 'Views taken seriously', counts: { agree: 38, neither: 2 }, statedPercentages: { agree: 95 } },
      ]),
    };
    expect(audit(data)).toEqual([]);
  });

  it('Wolverhampton: 84% of 11 is caught, and the hint says no whole number of 11 gives it', () => {
    const data: FeedbackData = { survey: survey([{ id: 'long', text: 'Sentences of 18 months or more', counts: { agree: 9, disagree: 2 }, statedPercentages: { agree: 84 } }], 11) };
    const [finding] = audit(data);
    expect(finding).toMatchObject({ severity: 'warning', pointer: '/survey/questions/0/statedPercentages/agree', code: 'audit.survey-percentage' });
    expect(finding!.message).toBe('84% is stated for "Agree" but 9 of 11 is 81.8%');
    expect(finding!.hint).toContain('no whole number out of 11 gives 84% (9 of 11 is 81.8% and 10 of 11 is 90.9%)');
  });

  it('tolerates rounding to the decimals stated, but not beyond', () => {
    const question = (stated: number): SurveyQuestion => ({ id: 'q', text: 'Q', counts: { agree: 35, neither: 4, disagree: 2 }, statedPercentages: { agree: stated } });
    expect(audit({ survey: survey([question(85)], 41) })).toEqual([]);
    expect(audit({ survey: survey([question(85.4)], 41) })).toEqual([]);
    expect(audit({ survey: survey([question(85.3)], 41) })).toHaveLength(1);
    expect(audit({ survey: survey([question(88)], 41) })[0]!.hint).toContain('correct the stated percentage');
    expect(audit({ survey: survey([question(86)], 41) })[0]!.hint).toContain('no whole number out of 41 gives 86%');
  });

  it('warns when one-answer counts add up to more than took part', () => {
    const [finding] = audit({ survey: survey([{ id: 'q', text: 'Q', counts: { agree: 30, neither: 8, disagree: 5 } }]) });
    expect(finding).toMatchObject({ pointer: '/survey/questions/0/counts', code: 'audit.survey-counts' });
    expect(finding!.message).toBe('the answers to question "q" add up to 43 but only 40 took part in the survey');
  });

  it('warns when the answers fall short of, or exceed, the number who answered the question', () => {
    const short = audit({ survey: survey([{ id: 'q', text: 'Q', respondents: 38, counts: { agree: 30, neither: 5 } }]) });
    expect(short.map((f) => f.message)).toEqual(['38 answered question "q" but its answers add up to 35']);
    const over = audit({ survey: survey([{ id: 'q', text: 'Q', respondents: 30, counts: { agree: 30, neither: 5 } }]) });
    expect(over[0]!.message).toContain('add up to 35 but only 30 answered this question');
  });

  it('warns when a multiple-answer option was chosen by more people than answered, and when a question has more respondents than the survey', () => {
    const findings = audit({
      survey: survey([
        { id: 'what', text: 'What helped', multiple: true, respondents: 42, options: [{ id: 'worker', label: 'My worker' }, { id: 'sport', label: 'Sport' }], counts: { worker: 43, sport: 20 } },
      ]),
    });
    expect(findings.map((f) => f.pointer)).toEqual(['/survey/questions/0/respondents', '/survey/questions/0/counts/worker']);
    expect(findings[1]!.message).toBe('43 chose "My worker" but only 42 answered this question');
  });

  it('gives an error for an answer the question does not offer, with the nearest id', () => {
    const findings = audit({ survey: survey([{ id: 'q', text: 'Q', counts: { agre: 3, agree: 30 }, statedPercentages: { disagre: 0 } }]) });
    expect(findings.map((f) => [f.severity, f.pointer, f.atKey])).toEqual([
      ['error', '/survey/questions/0/counts/agre', true],
      ['error', '/survey/questions/0/statedPercentages/disagre', true],
    ]);
    expect(findings[0]!.hint).toBe('did you mean `agree`?');
  });

  it('gives an error for a question with no answer options, and for a repeated question id', () => {
    const noOptions: Survey = { title: 'S', period: { start: '2025-01', end: '2025-03' }, respondents: 5, questions: [{ id: 'q', text: 'Q', counts: {} }, { id: 'q', text: 'Q again', counts: {} }] };
    const findings = audit({ survey: noOptions });
    expect(findings.map((f) => f.code).sort()).toEqual(['audit.duplicate-id', 'audit.survey-no-options', 'audit.survey-no-options']);
  });

  it('warns on a period that ends before it starts', () => {
    const findings = audit({ survey: { ...survey([]), period: { start: '2025-03', end: '2024-04' } } });
    expect(findings).toEqual([expect.objectContaining({ pointer: '/survey/period/end', code: 'audit.survey-period' })]);
  });
});

describe('feedback: audit of quotes and case studies', () => {
  it('recognises roles and names in attributions', () => {
    for (const role of ['young person, 16', 'parent', 'victim', 'magistrate', 'Youth Court magistrate', 'Referral Order Panel member', 'Head of Service', 'His Majesty\'s Inspectorate of Probation', 'J.S., 15']) {
      expect(nameIn(role), role).toBeUndefined();
    }
    expect(nameIn('Mike Shaw, YJB JAC liaison officer')).toBe('Mike Shaw');
    expect(nameIn('Rochdale Children\'s Social Care (Martin Jennings)')).toBe('Martin Jennings');
    expect(nameIn('Mrs P, grandmother')).toBe('Mrs P');
    expect(nameIn('Kelbridge Youth Forum', ['Kelbridge'])).toBeUndefined();
  });

  it('warns on an attribution that names a person, at the attribution', () => {
    const findings = audit({ quotes: [{ text: 'Good work', attribution: 'parent' }, { text: 'A well-run centre', attribution: 'Mike Shaw, JAC liaison officer' }] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'warning', pointer: '/quotes/1/attribution', code: 'audit.quote-name' })]);
    expect(findings[0]!.message).toContain('("Mike Shaw")');
  });

  it('does not take the council\'s own name for a person', () => {
    expect(audit({ quotes: [{ text: 'Useful', attribution: 'Kelbridge Borough Council member' }] })).toEqual([]);
  });

  it('warns on a case study without recorded consent, or that mentions a birth date', () => {
    const studies: CaseStudy[] = [
      { title: 'Fine', body: 'Sam, 15, went back to school.', anonymisation: 'Name changed', consent: true },
      { title: 'No consent', body: 'Story', anonymisation: 'Name changed', consent: false },
      { title: 'Birthday', body: 'On her 15th birthday, born in March, she…', anonymisation: 'Name changed', consent: true },
    ];
    const findings = audit({ caseStudies: studies });
    expect(findings.map((f) => [f.pointer, f.code])).toEqual([
      ['/caseStudies/1/consent', 'audit.case-study-consent'],
      ['/caseStudies/2/title', 'audit.case-study-identifiable'],
      ['/caseStudies/2/body', 'audit.case-study-identifiable'],
    ]);
  });

  it('gives an error for a repeated quote id', () => {
    const findings = audit({ quotes: [{ id: 'a', text: 'x', attribution: 'parent' }, { id: 'a', text: 'y', attribution: 'victim' }] });
    expect(findings).toEqual([expect.objectContaining({ severity: 'error', pointer: '/quotes/1/id' })]);
  });
});

describe('feedback: figures, table and shortcodes', () => {
  const data = load(readFileSync(join(packageRoot, 'data/2025-26/feedback.yaml'), 'utf8')) as FeedbackData;
  const derived = feedbackBlock.derive(data, plan);

  it('offers respondents, counts and shares under feedback.survey', () => {
    const figures = feedbackFigures(derived);
    expect(figures['feedback.survey.respondents']).toEqual({ kind: 'count', value: 41 });
    expect(figures['feedback.survey.listened.agree.share']!.value).toBeCloseTo((35 / 41) * 100, 10);
    expect(figures['feedback.survey.listened.agree.share']).toMatchObject({ kind: 'percent', precision: 0 });
    expect(figures['feedback.survey.helped.respondents']!.value).toBe(40);
    expect(figures['feedback.survey.helped.agree.count']!.value).toBe(30);
    expect(figures['feedback.quotes.count']!.value).toBe(5);
    expect(figures['feedback.caseStudies.count']!.value).toBe(2);
  });

  it('builds one table per set of answers: questions down, each answer\'s number and percentage across', () => {
    const [scale, choose] = surveyTables(derived.survey!);
    expect(scale!.id).toBe('survey');
    expect(scale!.columns.map((c) => c.key)).toEqual(['question', 'respondents', 'agree', 'agree-share', 'neither', 'neither-share', 'disagree', 'disagree-share']);
    expect(scale!.rows).toHaveLength(4);
    expect(scale!.rows[0]).toMatchObject({ respondents: 41, agree: 35, neither: 4, disagree: 2 });
    expect(scale!.footnotes).toBeUndefined();
    expect(choose!.id).toBe('survey-most-helpful');
    expect(choose!.caption).toBe('End of intervention survey 2024-25: What helped most? (choose any)');
    expect(choose!.rows[0]).toMatchObject({ respondents: 39, worker: 31 });
    expect(choose!.rowNotes).toEqual({ 0: ['*'] });
    expect(choose!.footnotes![0]!.text).toContain('more than one answer');
    expect(feedbackTables(derived).map((t) => t.id)).toEqual(['survey', 'survey-most-helpful']);
  });

  it('filters quotes by tag or id, and explains an unknown one', () => {
    expect((quotesContext(derived, ['victims']).quotes as Quote[]).map((q) => q.id)).toEqual(['victim-meeting']);
    expect((quotesContext(derived, ['boxing']).quotes as Quote[])).toHaveLength(1);
    expect(() => quotesContext(derived, ['judges'])).toThrow(/no quote .* "judges"; ids and tags are/);
  });

  it('renders quotes as figures with a figcaption, the survey through the shared table, and case studies with their anonymisation note', () => {
    const env = createNunjucks();
    const render = (name: string, args: string[] = []) => {
      const shortcode = feedbackBlock.shortcodes![name]!;
      return env.render(shortcode.template, { ...shortcode.context(derived, args, plan), plan: { id: '2025-26' }, page: { url: '/2025-26/voice-of-the-child/' } });
    };
    const quotes = render('quotes', ['children']);
    expect(quotes).toContain('<blockquote');
    expect(quotes).toContain('<figcaption class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">— young person, 16, at the end of a referral order (February 2025)</figcaption>');
    expect(quotes).toContain('I&#39;d given up');
    const surveyHtml = render('survey');
    expect(surveyHtml).toContain('<h3 class="govuk-heading-m">End of intervention survey 2024-25</h3>');
    expect(surveyHtml).toContain('41 people (28 children and 13 parents or carers) answered between April 2024 and March 2025.');
    expect(surveyHtml).toMatch(/<caption class="govuk-table__caption govuk-table__caption--s"[^>]*>/);
    expect(surveyHtml).toContain('End of intervention survey 2024-25: answers from 41 people, April 2024 to March 2025</caption>');
    expect(surveyHtml).toContain('>85%</td>');
    expect(surveyHtml).toContain('id="table-survey-most-helpful"');
    const studies = render('caseStudies', ['back-to-college']);
    expect(studies).toContain('Case study: Back into college');
    expect(studies).toContain('How this case study was anonymised:');
    expect(studies).not.toContain('Working with the whole family');
  });
});
