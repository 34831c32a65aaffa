/**
 * Keeping the plan safe to publish. Plans are public and concern children, so `check` warns on counts small
 * enough to identify a child, and on personal data in case studies and quotes: names, initials with dates,
 * dates of birth, email addresses, phone numbers and postcodes, and a case study with no anonymisation note.
 * The finders are pure functions of text and data; `auditDisclosure` places what they find at file:line:col.
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { LoadedPlan } from '../load/index.ts';
import type { DerivedPlan } from '../derive/index.ts';
import { PROMPT_MARKER } from '../render/section.ts';
import { parseShortcodes } from '../render/shortcodes.ts';
import { ROLE_WORDS } from '../blocks/feedback/audit.ts';
import type { FeedbackData } from '../blocks/feedback/types.ts';
import type { TablesData } from '../blocks/tables/types.ts';
import { isSuppressedCell } from '../blocks/tables/derive.ts';
import type { PerformanceData } from '../blocks/performance/types.ts';
import { groupOf } from '../blocks/performance/definitions.ts';
import type { StaffingData } from '../blocks/staffing/types.ts';
import type { GlossaryData } from '../blocks/glossary/types.ts';
import type { BoardData } from '../blocks/board/types.ts';

// ——— Small counts ———

export interface SmallCount {
  /** Block id: the file under data/<plan>/. */
  block: string;
  /** JSON pointer to the count. */
  pointer: string;
  value: number;
  /** What the count is, in words: `"Arson" in table "offences"`. */
  what: string;
  /** How to withhold it in this file. */
  hint: string;
}

/** A count that could identify a child: a whole number from 1 to threshold − 1 (0 identifies nobody). */
export function isSmallCount(value: unknown, threshold: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value < threshold;
}

/**
 * Counts in number columns of free-form tables (and their stated totals); a cell written `suppressed` is
 * withheld. Also a column with exactly one withheld cell and a stated total, whose withheld count anyone can
 * work out by subtraction.
 */
export function tableSmallCounts(data: TablesData, threshold: number): { small: SmallCount[]; recoverable: { pointer: string; what: string }[] } {
  const small: SmallCount[] = [];
  const recoverable: { pointer: string; what: string }[] = [];
  data.tables.forEach((table, t) => {
    const header = table.rowHeader ?? table.columns.find((column) => column.type === 'text')?.key;
    for (const column of table.columns.filter((c) => c.type === 'number')) {
      table.rows.forEach((row, r) => {
        const value = row[column.key];
        if (!isSmallCount(value, threshold)) return;
        const name = header !== undefined && row[header] !== null && row[header] !== undefined ? `"${String(row[header])}"` : `row ${r + 1}`;
        small.push({ block: 'tables', pointer: `/tables/${t}/rows/${r}/${column.key}`, value, what: `${name}, "${column.label}" in table "${table.id}"`, hint: `group it with another row, or write \`${column.key}: suppressed\` (shown as "fewer than ${threshold}")` });
      });
      const stated = table.statedTotals?.[column.key];
      if (isSmallCount(stated, threshold)) small.push({ block: 'tables', pointer: `/tables/${t}/statedTotals/${column.key}`, value: stated, what: `the total of "${column.label}" in table "${table.id}"`, hint: 'a total this small identifies children too: leave the table out, or describe it in words' });
      const withheld = table.rows.filter((row) => isSuppressedCell(row[column.key])).length;
      if (withheld === 1 && typeof stated === 'number') recoverable.push({ pointer: `/tables/${t}/statedTotals/${column.key}`, what: `"${column.label}" in table "${table.id}"` });
    }
  });
  return { small, recoverable };
}

/**
 * Numerators and denominators of KPIs and local measures: counts of children from the service's own records.
 * The national indicators are not checked: the Ministry of Justice and the YJB already publish them for
 * every service, so repeating them discloses nothing new. A period marked `suppressed: true` is withheld.
 */
export function performanceSmallCounts(data: PerformanceData, threshold: number): SmallCount[] {
  const found: SmallCount[] = [];
  data.indicators.forEach((indicator, i) => {
    if (groupOf(indicator.id) === 'national') return;
    indicator.periods.forEach((period, p) => {
      if (period.suppressed) return;
      for (const field of ['numerator', 'denominator'] as const) {
        const value = period[field];
        if (!isSmallCount(value, threshold)) continue;
        // A rate's denominator is a population, never a handful of children.
        if (field === 'denominator' && indicator.unit === 'rate') continue;
        found.push({ block: 'performance', pointer: `/indicators/${i}/periods/${p}/${field}`, value, what: `the ${field} of "${indicator.label ?? indicator.id}" for ${period.label}`, hint: `mark the period \`suppressed: true\` (the value and count are not published), or report a longer period` });
      }
    });
  });
  return found;
}

/**
 * The caseload breakdown in staffing.yaml (children, by sex, ethnicity and disability). Staff counts are not
 * checked: the YJB template asks for them, and they are about employees, not children. `null` withholds.
 */
export function staffingSmallCounts(data: StaffingData, threshold: number): SmallCount[] {
  const caseload = data.comparison?.caseload;
  if (!caseload || caseload.unit === 'percent') return [];
  const found: SmallCount[] = [];
  for (const breakdown of ['sex', 'ethnicity', 'disability'] as const) {
    for (const [key, value] of Object.entries(caseload[breakdown] ?? {})) {
      if (isSmallCount(value, threshold)) found.push({ block: 'staffing', pointer: `/comparison/caseload/${breakdown}/${key}`, value, what: `children on the caseload, ${breakdown} "${key}"`, hint: 'write `null` (not published) and say why in `note:`, or group it with another category' });
    }
  }
  return found;
}

/**
 * How many took part in the survey and answered each question: with fewer than the threshold, each answer
 * can be traced to a child. Individual answer counts of an anonymous survey with enough respondents are not
 * identifying, so they are not checked.
 */
export function feedbackSmallCounts(data: FeedbackData, threshold: number): SmallCount[] {
  const survey = data.survey;
  if (!survey) return [];
  const found: SmallCount[] = [];
  if (isSmallCount(survey.respondents, threshold)) found.push({ block: 'feedback', pointer: '/survey/respondents', value: survey.respondents, what: `people who answered "${survey.title}"`, hint: 'with so few answers, describe what people said in words instead of counts and percentages' });
  survey.questions.forEach((question, q) => {
    if (isSmallCount(question.respondents, threshold)) found.push({ block: 'feedback', pointer: `/survey/questions/${q}/respondents`, value: question.respondents, what: `people who answered "${question.text}"`, hint: 'leave the question out of the table, or describe the answers in words' });
  });
  return found;
}

// ——— Personal data in text ———

export type PersonalDataKind = 'name' | 'initials-with-date' | 'date-of-birth' | 'email' | 'phone' | 'postcode';

export interface PersonalDataMatch {
  kind: PersonalDataKind;
  /** Offset in the text. */
  index: number;
  match: string;
}

/** Month names, any case at the start: the initials pattern is case-sensitive, so cannot use the `i` flag. */
const MONTHS = '[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?';
/** 14/03/2009, 14-3-09, 14.03.2009, 14 March 2009, 14th March 2009, March 14, 2009. */
const DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})\\b|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4}\\b|(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b)`;
const INITIALS_WITH_DATE = new RegExp(`\\b(?:[A-Z]\\.\\s?){1,3}(?=[\\s,(–-])[\\s,(–-]{0,4}${DATE}|\\b[A-Z]{2,3}\\b[\\s,(–-]{1,4}${DATE}`, 'g');
const DATE_OF_BIRTH = new RegExp(`\\b(?:born(?:\\s+on)?|date\\s+of\\s+birth|d\\.?o\\.?b\\.?|birthday)\\b[\\s:,(-]{0,4}(?:is\\s+|was\\s+|on\\s+)?${DATE}|${DATE}\\s*\\(\\s*(?:d\\.?o\\.?b\\.?|date of birth)\\s*\\)`, 'gi');
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;
/** UK numbers: 07xxx mobiles, 01/02/03 landlines, +44; spaces, hyphens and brackets allowed. */
const PHONE = /(?:\+44\s?\(?0?\)?\s?|\b0)(?:[\s-]?\(?\d\)?){9,10}\b/g;
const POSTCODE = /\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b/g;

/** Capitalised words that start sentences or name things, not people. */
const COMMON_WORDS = new Set(
  `a about after again all also although an and another any as at because before both but by during each either even every for from
  had has have he her here hers his how however i if in into it its last later many more most much my neither next no nor not now of
  on once one only or other our over she since so some soon still such than that the their then there these they this those though
  through to today tomorrow too two under until up upon very was we were what when where whether which while who why will with within
  without yesterday yet you your meanwhile eventually instead finally first second third sadly luckily thankfully initially overall
  january february march april may june july august september october november december monday tuesday wednesday thursday friday
  saturday sunday christmas easter eve new year day week month term summer winter spring autumn half hub club street road lane avenue
  park centre center house hall ward estate station court crown act plan strategy programme program england wales britain british
  english welsh scotland scottish ireland irish uk nhs turnaround county lines duty home office ministry department government local
  council borough city town village district north south east west central upper lower great little saint`.split(/\s+/),
);

const WORD = /[\p{Lu}][\p{L}'’-]*/gu;
const TITLED_NAME = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)?/gu;
const CAPITALISED = /^\p{Lu}\p{Ll}+$/u;

/**
 * Two capitalised words in a row that are neither role words ("Youth Court magistrate"), nor words that start
 * sentences or name places and things, nor words the plan itself uses for its council, service, partners and
 * glossary: "Jordan Smith" is a name; "Kelbridge Youth Forum" and "When Sam" are not.
 */
export function findNames(text: string, knownWords: ReadonlySet<string> = new Set()): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  const isKnown = (word: string) => {
    const lower = word.toLowerCase();
    return ROLE_WORDS.has(lower) || COMMON_WORDS.has(lower) || knownWords.has(lower);
  };
  // A title before a capitalised word is a name whatever the word: "Mrs Green", "Dr Patel".
  for (const m of text.matchAll(TITLED_NAME)) found.push({ kind: 'name', index: m.index!, match: m[0] });
  const words = [...text.matchAll(WORD)].map((m) => ({ word: m[0], index: m.index! }));
  for (let i = 0; i + 1 < words.length; i++) {
    const first = words[i]!;
    const second = words[i + 1]!;
    // Adjacent: separated by one space only, so "Sam. Then" or "Sam, Jones" are not a name.
    if (text.slice(first.index + first.word.length, second.index) !== ' ') continue;
    if (!CAPITALISED.test(first.word) || !CAPITALISED.test(second.word)) continue;
    if (isKnown(first.word) || isKnown(second.word)) continue;
    if (found.some((f) => f.index <= first.index && first.index < f.index + f.match.length)) continue;
    found.push({ kind: 'name', index: first.index, match: `${first.word} ${second.word}` });
    i++;
  }
  return found.sort((a, b) => a.index - b.index);
}

function matches(kind: PersonalDataKind, pattern: RegExp, text: string, accept: (match: string) => boolean = () => true): PersonalDataMatch[] {
  return [...text.matchAll(pattern)].filter((m) => accept(m[0])).map((m) => ({ kind, index: m.index!, match: m[0].trim() }));
}

/** A UK number has 10 or 11 digits after the 0 or +44 (and is not a date or a sum). */
function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const national = digits.startsWith('44') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
  return /^0[1-37]\d{8,9}$/.test(national);
}

/** Every kind of personal data in one text, in order. `knownWords` are the plan's own names for things. */
export function findPersonalData(text: string, knownWords: ReadonlySet<string> = new Set(), kinds: readonly PersonalDataKind[] = ['name', 'initials-with-date', 'date-of-birth', 'email', 'phone', 'postcode']): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = [];
  if (kinds.includes('name')) found.push(...findNames(text, knownWords));
  if (kinds.includes('initials-with-date')) found.push(...matches('initials-with-date', INITIALS_WITH_DATE, text));
  if (kinds.includes('date-of-birth')) found.push(...matches('date-of-birth', DATE_OF_BIRTH, text));
  if (kinds.includes('email')) found.push(...matches('email', EMAIL, text));
  if (kinds.includes('phone')) found.push(...matches('phone', PHONE, text, isPhoneNumber));
  if (kinds.includes('postcode')) found.push(...matches('postcode', POSTCODE, text));
  return found.sort((a, b) => a.index - b.index);
}

const KIND_WORDS: Record<PersonalDataKind, { what: string; hint: string }> = {
  name: { what: 'a person\'s name', hint: 'use a changed first name in quotation marks ("Sam"), or a role: "a 15-year-old boy", "his mother"' },
  'initials-with-date': { what: 'initials with a date', hint: 'initials with a date identify a child: use a changed first name and no dates' },
  'date-of-birth': { what: 'a date of birth', hint: 'give an age instead ("aged 15"), never a date of birth' },
  email: { what: 'an email address', hint: 'take it out: contact details belong in plan.yaml (`contact:`), not in a case study or quote' },
  phone: { what: 'a phone number', hint: 'take it out: contact details belong in plan.yaml (`contact:`), not in a case study or quote' },
  postcode: { what: 'a postcode', hint: 'take it out: name the wider area at most, never a postcode' },
};

/** A note saying how a case study was anonymised: "names changed", "anonymised", "details altered". */
const ANONYMISATION_NOTE = /anonymi[sz]|\bnames? (?:(?:has|have) been |(?:is|are|was|were) )?changed|not (?:their|his|her|the child's) real name|pseudonym|details (?:(?:have|has) been )?(?:changed|altered)|identifying details/i;
/** What an anonymisation field holds when nobody wrote one. */
const EMPTY_NOTE = /^\s*(?:n\/?a|none|no|nil|tbc|tbd|todo|to do|-+|–|—|\.+|\?+)\s*$/i;

export function isAnonymisationNote(text: string | undefined): boolean {
  return text !== undefined && !EMPTY_NOTE.test(text) && text.trim().length >= 8;
}

export function mentionsAnonymisation(text: string): boolean {
  return ANONYMISATION_NOTE.test(text);
}

/** The case studies and quotes in a section's markdown: sections under a "Case study" heading, and block quotes. */
export function markdownExtracts(text: string): { kind: 'case study' | 'quote'; start: number; end: number; title: string }[] {
  const extracts: { kind: 'case study' | 'quote'; start: number; end: number; title: string }[] = [];
  const headings = [...text.matchAll(/^ {0,3}(#{1,6})\s+(.*)$/gm)].map((m) => ({ level: m[1]!.length, title: m[2]!.trim(), index: m.index!, end: m.index! + m[0].length }));
  headings.forEach((heading, h) => {
    if (!/\bcase stud(?:y|ies)\b/i.test(heading.title)) return;
    const next = headings.slice(h + 1).find((other) => other.level <= heading.level);
    extracts.push({ kind: 'case study', start: heading.index, end: next ? next.index : text.length, title: heading.title });
  });
  for (const m of text.matchAll(/^(?: {0,3}>.*(?:\n|$))+/gm)) extracts.push({ kind: 'quote', start: m.index!, end: m.index! + m[0].length, title: 'quote' });
  return extracts.sort((a, b) => a.start - b.start);
}

// ——— Placing findings in the files ———

function positionIn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, col: offset - before.lastIndexOf('\n') };
}

/** The plan's own words for things (council, service, partners, glossary terms), which are not people. */
export function planWords(loaded: LoadedPlan, derived: DerivedPlan): Set<string> {
  const plan = derived.context.plan;
  const glossary = loaded.files.get('glossary')?.data as GlossaryData | undefined;
  const board = loaded.files.get('board')?.data as BoardData | undefined;
  const texts = [plan.authority, plan.service, ...Object.values(derived.context.comparatorNames), ...(glossary?.terms ?? []).flatMap((term) => [term.term, term.expansion ?? '']), ...(board?.members ?? []).map((member) => member.organisation)];
  return new Set(texts.join(' ').toLowerCase().split(/[^\p{L}'’-]+/u).filter(Boolean));
}

function textFindings(text: string, known: ReadonlySet<string>, where: string, skip: readonly PersonalDataKind[] = []): { index: number; code: string; message: string; hint: string }[] {
  const kinds = (['name', 'initials-with-date', 'date-of-birth', 'email', 'phone', 'postcode'] as const).filter((kind) => !skip.includes(kind));
  return findPersonalData(text, known, kinds).map((found) => ({
    index: found.index,
    code: `disclosure.${found.kind}`,
    message: `${where} contains what looks like ${KIND_WORDS[found.kind].what} ("${found.match}")`,
    hint: KIND_WORDS[found.kind].hint,
  }));
}

/** Stage 4, publishing safety: small counts in the data, personal data in case studies and quotes. */
export function auditDisclosure(loaded: LoadedPlan, derived: DerivedPlan): Diagnostic[] {
  const threshold = derived.context.disclosureThreshold;
  const diagnostics: Diagnostic[] = [];
  const atPointer = (block: string, pointer: string, code: string, message: string, hint: string, match?: string) => {
    const file = loaded.files.get(block);
    if (!file) return;
    let position = file.source.positionOf(pointer);
    // A finding inside a multi-line text is placed on the line that holds it.
    if (match) {
      for (let line = position.line; line <= position.line + 200; line++) {
        const text = file.source.lineText(line);
        if (text === undefined) break;
        const col = text.indexOf(match);
        if (col >= 0) {
          position = { line, col: col + 1 };
          break;
        }
      }
    }
    diagnostics.push({ severity: 'warning', file: file.source.file, ...position, code, message, hint, excerpt: file.source.lineText(position.line) });
  };

  const small: SmallCount[] = [];
  const tables = loaded.files.get('tables')?.data as TablesData | undefined;
  if (tables && 'tables' in derived.blocks) {
    const found = tableSmallCounts(tables, threshold);
    small.push(...found.small);
    for (const r of found.recoverable) {
      atPointer('tables', r.pointer, 'disclosure.recoverable', `the one withheld count in ${r.what} can be worked out from the stated total and the other rows`, 'withhold a second, larger cell as well, or do not state the total');
    }
  }
  const performance = loaded.files.get('performance')?.data as PerformanceData | undefined;
  if (performance && 'performance' in derived.blocks) small.push(...performanceSmallCounts(performance, threshold));
  const staffing = loaded.files.get('staffing')?.data as StaffingData | undefined;
  if (staffing && 'staffing' in derived.blocks) small.push(...staffingSmallCounts(staffing, threshold));
  const feedback = loaded.files.get('feedback')?.data as FeedbackData | undefined;
  if (feedback && 'feedback' in derived.blocks) small.push(...feedbackSmallCounts(feedback, threshold));
  for (const count of small) {
    atPointer(count.block, count.pointer, 'disclosure.small-count', `${count.value} (${count.what}) is below the disclosure threshold of ${threshold}: a number this small can identify children`, count.hint);
  }

  const known = planWords(loaded, derived);
  if (feedback) {
    (feedback.quotes ?? []).forEach((quote, q) => {
      for (const field of ['text', 'context', 'attribution'] as const) {
        const text = quote[field];
        if (!text) continue;
        // A name in the attribution is the feedback block's own check (audit.quote-name).
        for (const found of textFindings(text, known, `quote ${quote.id ?? q + 1}`, field === 'attribution' ? ['name'] : [])) {
          atPointer('feedback', `/quotes/${q}/${field}`, found.code, found.message, found.hint, text.slice(found.index).split('\n')[0]!.slice(0, 20));
        }
      }
    });
    (feedback.caseStudies ?? []).forEach((study, s) => {
      for (const field of ['title', 'summary', 'body'] as const) {
        const text = study[field];
        if (!text) continue;
        // A birth date in a case study is the feedback block's own check (audit.case-study-identifiable).
        for (const found of textFindings(text, known, `case study "${study.title}"`, ['date-of-birth'])) {
          atPointer('feedback', `/caseStudies/${s}/${field}`, found.code, found.message, found.hint, text.slice(found.index).split('\n')[0]!.slice(0, 20));
        }
      }
      if (!isAnonymisationNote(study.anonymisation)) {
        atPointer('feedback', `/caseStudies/${s}/anonymisation`, 'disclosure.no-anonymisation', `case study "${study.title}" has no anonymisation note`, 'say how it was anonymised, e.g. "name changed; age given in years only; school and area not named"');
      }
    });
  }

  for (const markdown of loaded.markdown) {
    // Shortcodes and the prompt marker are not prose: blanked out, keeping offsets.
    let text = markdown.text.split(PROMPT_MARKER).join(' '.repeat(PROMPT_MARKER.length));
    for (const call of parseShortcodes(text)) text = text.slice(0, call.start) + ' '.repeat(call.end - call.start) + text.slice(call.end);
    const lines = markdown.text.split('\n');
    for (const extract of markdownExtracts(text)) {
      const body = text.slice(extract.start, extract.end);
      const where = extract.kind === 'case study' ? `the case study "${extract.title}"` : 'a quote';
      for (const found of textFindings(body, known, where)) {
        const at = positionIn(markdown.text, extract.start + found.index);
        diagnostics.push({ severity: 'warning', file: markdown.file, ...at, code: found.code, message: found.message, hint: found.hint, excerpt: lines[at.line - 1] });
      }
      if (extract.kind === 'case study' && !mentionsAnonymisation(body)) {
        const at = positionIn(markdown.text, extract.start);
        diagnostics.push({ severity: 'warning', file: markdown.file, ...at, code: 'disclosure.no-anonymisation', message: `${where} has no note saying how it was anonymised`, hint: 'add a line such as "Names and some details have been changed so that no child can be identified."', excerpt: lines[at.line - 1] });
      }
    }
  }
  return diagnostics;
}
