/** feedback.yaml, kept in step with schema.json (a test compares the two). */
export interface SurveyOption {
  id: string;
  label: string;
}

export interface SurveyQuestion {
  id: string;
  text: string;
  /** This question's own answers; else the survey's. */
  options?: SurveyOption[];
  /** People could choose more than one answer. */
  multiple?: boolean;
  /** How many answered it, if not everyone who took part. */
  respondents?: number;
  /** Option id → how many chose it. */
  counts: Record<string, number>;
  /** Option id → percentage as stated elsewhere; audited against the counts. */
  statedPercentages?: Record<string, number>;
}

export interface Survey {
  title: string;
  /** Months as YYYY-MM. */
  period: { start: string; end: string };
  respondents: number;
  who?: string;
  method?: string;
  options?: SurveyOption[];
  questions: SurveyQuestion[];
}

export interface Quote {
  id?: string;
  text: string;
  /** A role, never a name: `young person, 16`. */
  attribution: string;
  /** YYYY-MM. */
  date?: string;
  context?: string;
  tags?: string[];
}

export interface CaseStudy {
  id?: string;
  title: string;
  summary?: string;
  body: string;
  /** How it was anonymised. */
  anonymisation: string;
  /** Consent to publish is recorded. */
  consent: boolean;
}

export interface FeedbackData {
  survey?: Survey;
  quotes?: Quote[];
  caseStudies?: CaseStudy[];
}

export interface DerivedOption extends SurveyOption {
  count: number;
  /** Percentage of those who answered the question, full precision; null when nobody answered. */
  share: number | null;
  stated?: number;
}

export interface DerivedQuestion {
  id: string;
  text: string;
  multiple: boolean;
  /** Who answered it: `respondents` if given; else, for one-answer questions, the counts' sum; else everyone. */
  respondents: number;
  /** Sum of the counts (above `respondents` only for multiple-answer questions). */
  counted: number;
  options: DerivedOption[];
}

export interface DerivedSurvey {
  title: string;
  period: { start: string; end: string };
  /** `October 2024 to March 2025`. */
  periodLabel: string;
  respondents: number;
  who?: string;
  method?: string;
  /** Every option any question uses, in first-use order: the survey table's columns. */
  options: SurveyOption[];
  questions: DerivedQuestion[];
}

export interface DerivedQuote extends Quote {
  /** `March 2025`. */
  dateLabel?: string;
}

export interface DerivedFeedback {
  survey?: DerivedSurvey;
  quotes: DerivedQuote[];
  caseStudies: CaseStudy[];
}
