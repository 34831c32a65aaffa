import { formatNumber } from '../../render/format.ts';
import { closest } from '../../validate/suggest.ts';
import type { PlanContext } from '../plan/types.ts';
import { agreesAtPrecision, decimalsOf, percentHint } from '../tables/stated.ts';
import type { Finding } from '../types.ts';
import { optionsOf, questionRespondents, sumOf } from './derive.ts';
import type { CaseStudy, FeedbackData, Quote, Survey, SurveyQuestion } from './types.ts';

/** Checks on feedback.yaml a schema cannot express: counts against respondents, stated percentages, privacy. */
export function auditFeedback(data: FeedbackData, plan?: PlanContext): Finding[] {
  return [
    ...(data.survey ? auditSurvey(data.survey) : []),
    ...(data.quotes ?? []).flatMap((quote, index) => auditAttribution(quote, index, plan)),
    ...duplicateIds((data.quotes ?? []).map((quote) => quote.id), 'quotes', 'quote'),
    ...(data.caseStudies ?? []).flatMap(auditCaseStudy),
    ...duplicateIds((data.caseStudies ?? []).map((study) => study.id), 'caseStudies', 'case study'),
  ];
}

// ——— Survey ———

export function auditSurvey(survey: Survey): Finding[] {
  const findings: Finding[] = [];
  if (survey.period.start > survey.period.end) {
    findings.push({ severity: 'warning', pointer: '/survey/period/end', code: 'audit.survey-period', message: `the survey period ends (${survey.period.end}) before it starts (${survey.period.start})`, hint: 'swap the two months' });
  }
  findings.push(...duplicateIds(survey.questions.map((question) => question.id), 'survey/questions', 'question'));
  survey.questions.forEach((question, index) => findings.push(...auditQuestion(question, index, survey)));
  return findings;
}

function auditQuestion(question: SurveyQuestion, index: number, survey: Survey): Finding[] {
  const at = `/survey/questions/${index}`;
  const options = optionsOf(question, survey);
  const ids = options.map((option) => option.id);
  const findings: Finding[] = [];
  if (options.length === 0) {
    return [{ severity: 'error', pointer: `${at}/counts`, code: 'audit.survey-no-options', message: `question "${question.id}" has no answer options`, hint: 'add `options:` to the survey (shared by every question) or to this question' }];
  }
  for (const [field, values] of [['counts', question.counts], ['statedPercentages', question.statedPercentages ?? {}]] as const) {
    for (const optionId of Object.keys(values)) {
      if (ids.includes(optionId)) continue;
      const suggestion = closest(optionId, ids);
      findings.push({
        severity: 'error',
        pointer: `${at}/${field}/${optionId}`,
        atKey: true,
        code: 'audit.survey-unknown-option',
        message: `question "${question.id}" has no answer "${optionId}"`,
        hint: suggestion ? `did you mean \`${suggestion}\`?` : `its answers are ${ids.join(', ')}`,
      });
    }
  }
  // Only counts for known answers: an unknown one is reported above and would otherwise be counted twice.
  const counted = sumOf(ids.map((id) => question.counts[id] ?? 0));
  const limit = question.respondents ?? survey.respondents;
  const limitWho = question.respondents !== undefined ? 'answered this question' : 'took part in the survey';
  if (question.respondents !== undefined && question.respondents > survey.respondents) {
    findings.push({
      severity: 'warning',
      pointer: `${at}/respondents`,
      code: 'audit.survey-respondents',
      message: `${formatNumber(question.respondents)} answered question "${question.id}" but only ${formatNumber(survey.respondents)} took part in the survey`,
      hint: 'correct the question\'s `respondents` or the survey\'s',
    });
  }
  if (question.multiple) {
    for (const id of ids) {
      const count = question.counts[id] ?? 0;
      if (count > limit) {
        findings.push({ severity: 'warning', pointer: `${at}/counts/${id}`, code: 'audit.survey-counts', message: `${formatNumber(count)} chose "${labelOf(options, id)}" but only ${formatNumber(limit)} ${limitWho}`, hint: 'no answer can be chosen by more people than answered' });
      }
    }
  } else if (counted > limit) {
    findings.push({
      severity: 'warning',
      pointer: `${at}/counts`,
      code: 'audit.survey-counts',
      message: `the answers to question "${question.id}" add up to ${formatNumber(counted)} but only ${formatNumber(limit)} ${limitWho}`,
      hint: 'correct a count, or set `multiple: true` if people could choose more than one answer',
    });
  } else if (question.respondents !== undefined && counted < question.respondents) {
    findings.push({
      severity: 'warning',
      pointer: `${at}/counts`,
      code: 'audit.survey-counts',
      message: `${formatNumber(question.respondents)} answered question "${question.id}" but its answers add up to ${formatNumber(counted)}`,
      hint: 'add the missing answers (every answer needs a count, even "Don\'t know"), or correct `respondents`',
    });
  }
  const base = questionRespondents(question, survey);
  for (const [id, stated] of Object.entries(question.statedPercentages ?? {})) {
    if (!ids.includes(id)) continue;
    const count = question.counts[id] ?? 0;
    const share = base > 0 ? (count / base) * 100 : 0;
    if (agreesAtPrecision(stated, share)) continue;
    findings.push({
      severity: 'warning',
      pointer: `${at}/statedPercentages/${id}`,
      code: 'audit.survey-percentage',
      message: `${formatNumber(stated, decimalsOf(stated))}% is stated for "${labelOf(options, id)}" but ${formatNumber(count)} of ${formatNumber(base)} is ${formatNumber(share, Math.max(1, decimalsOf(stated)))}%`,
      hint: percentHint(stated, base),
    });
  }
  return findings;
}

function labelOf(options: { id: string; label: string }[], id: string): string {
  return options.find((option) => option.id === id)?.label ?? id;
}

function duplicateIds(ids: readonly (string | undefined)[], list: string, noun: string): Finding[] {
  return ids.flatMap((id, index): Finding[] => {
    if (id === undefined || ids.indexOf(id) === index) return [];
    return [{ severity: 'error', pointer: `/${list}/${index}/id`, code: 'audit.duplicate-id', message: `the ${noun} id "${id}" is used twice (${ids.indexOf(id) + 1} and ${index + 1})`, hint: `give each ${noun} its own id` }];
  });
}

// ——— Quotes ———

/**
 * Words that belong in a role ("Youth Court magistrate", "Referral Order Panel member"), in lower case.
 * Two capitalised words next to each other that are not among them look like a person's name.
 */
export const ROLE_WORDS = new Set(
  `young person people child children girl boy son daughter teenager parent parents mother mum father dad step carer carers foster
  guardian grandparent grandmother grandfather nan gran grandma grandad aunt uncle sibling brother sister family relative member members
  victim victims witness business shop owner shopkeeper employer resident neighbour local community magistrate magistrates district judge
  bench chair clerk legal adviser youth court crown police officer constable pc sergeant inspector detective special social worker case
  manager practitioner caseworker teacher headteacher head deputy school college academy university student pupil volunteer panel
  referral order board partner partners service services team justice nurse health mental therapist psychologist doctor gp probation
  council councillor cabinet lead director deputy assistant commissioner inspectorate his her majesty majesty's hmip yjb feedback
  survey participant attendee restorative reparation project centre attendance junior liaison advisor adviser education training
  employment safeguarding early help children's care leaver looked after speech language unit violence reduction participation group
  forum authority partnership management substance misuse worker coordinator co-ordinator mentor coach staff apprentice trust charity
  voluntary sector the of and a an for from with at in on to by st mr mrs ms miss dr mx year old aged age months`.split(/\s+/),
);

const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;
const TITLE_AND_NAME = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+\p{Lu}/u;

/** A personal name in an attribution, or undefined: "Mike Shaw" is a name, "Youth Court magistrate" is not. */
export function nameIn(attribution: string, extraRoleWords: Iterable<string> = []): string | undefined {
  const titled = TITLE_AND_NAME.exec(attribution);
  if (titled) return attribution.slice(titled.index).split(/[,;(]/)[0]!.trim();
  const known = new Set([...ROLE_WORDS, ...[...extraRoleWords].map((word) => word.toLowerCase())]);
  const words = attribution.split(/[^\p{L}'’-]+/u).filter(Boolean);
  for (let i = 0; i + 1 < words.length; i++) {
    const [first, second] = [words[i]!, words[i + 1]!];
    if (CAPITALISED.test(first) && CAPITALISED.test(second) && !known.has(first.toLowerCase()) && !known.has(second.toLowerCase())) return `${first} ${second}`;
  }
  return undefined;
}

function auditAttribution(quote: Quote, index: number, plan?: PlanContext): Finding[] {
  // The council's and service's own names are places and bodies, not people ("Kelbridge Youth Forum").
  const placeWords = plan ? `${plan.plan.authority} ${plan.plan.service}`.split(/\s+/) : [];
  const name = nameIn(quote.attribution, placeWords);
  if (!name) return [];
  return [
    {
      severity: 'warning',
      pointer: `/quotes/${index}/attribution`,
      code: 'audit.quote-name',
      message: `the attribution "${quote.attribution}" looks like it names a person ("${name}")`,
      hint: 'attribute quotes to a role, not a name: "young person, 16", "parent", "victim", "magistrate"',
    },
  ];
}

// ——— Case studies ———

const DATE_OF_BIRTH = /\b(?:born|date of birth|d\.?o\.?b\.?|birthday)\b/i;

function auditCaseStudy(study: CaseStudy, index: number): Finding[] {
  const findings: Finding[] = [];
  if (!study.consent) {
    findings.push({
      severity: 'warning',
      pointer: `/caseStudies/${index}/consent`,
      code: 'audit.case-study-consent',
      message: `case study "${study.title}" has no recorded consent to publish`,
      hint: 'record the child\'s (and parent\'s or carer\'s) consent and set `consent: true`, or take the case study out',
    });
  }
  for (const field of ['title', 'summary', 'body'] as const) {
    const text = study[field];
    if (text && DATE_OF_BIRTH.test(text)) {
      findings.push({
        severity: 'warning',
        pointer: `/caseStudies/${index}/${field}`,
        code: 'audit.case-study-identifiable',
        message: `case study "${study.title}" mentions a birth date or birthday`,
        hint: 'plans are public: give an age range instead, never a date of birth',
      });
    }
  }
  return findings;
}
