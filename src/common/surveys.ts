// Satisfaction surveys (issue 8): the form definition shared by the server, the console and the portal.

/** How an answer reached us (seed 004 p. 11; seed 003 p. 36: paper and QR questionnaires). */
export const SURVEY_CHANNELS = ['link', 'qr', 'email', 'sms', 'phone', 'paper', 'site'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];
export const PUBLIC_CHANNELS = ['link', 'qr', 'site'] as const satisfies readonly SurveyChannel[];
export const STAFF_CHANNELS = ['phone', 'paper'] as const satisfies readonly SurveyChannel[];

export const QUESTION_TYPES = ['single', 'multiple', 'matrix', 'rating', 'yesno', 'text', 'auto'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** What the server writes into an `auto` question (seed 001, block 1: agency, date and time). */
export const AUTO_FILLS = ['agency', 'datetime'] as const;
export type AutoFill = (typeof AUTO_FILLS)[number];

export const TEXT_MAX_LENGTH = 4000;
export const OTHER_MAX_LENGTH = 1000;
export const RATING_MIN = 1;
export const RATING_MAX = 5;

export interface SurveyOption {
  id: string;
  label: string;
  /** «Другое (укажите)»: choosing it asks for free text. */
  other?: boolean;
}

export interface SurveyRow {
  id: string;
  label: string;
  /** The paper code of the row, e.g. "22.1" (seed 001). */
  code?: string;
}

/** The follow-up is shown only when the named question's answer (any row of it) is one of `values`. */
export interface ShowWhen {
  question: string;
  values: (string | number)[];
}

export interface SurveyQuestion {
  id: string;
  type: QuestionType;
  text: string;
  /** The paper code of the question, e.g. "21" (seed 001). */
  code?: string;
  /** The form's instruction in brackets: «(Один ответ)», «(Открытый вопрос)». */
  hint?: string;
  /** A block title shown before the question. */
  heading?: string;
  required?: boolean;
  /** single, multiple; matrix and yesno columns. */
  options?: SurveyOption[];
  /** matrix, yesno, rating: fixed rows, unless `rowsFromResources`. */
  rows?: SurveyRow[];
  /** The rows are the agency's list of resources (seed 001: «перечень источников уточняется ведомством»). */
  rowsFromResources?: boolean;
  /** rating: what the ends of the scale mean. */
  minLabel?: string;
  maxLabel?: string;
  autoFill?: AutoFill;
  /** Status, sex, age, education (seed 002, questions 10–13). */
  demographic?: boolean;
  showWhen?: ShowWhen;
}

/** One editable version of a form: what a respondent was shown, frozen once it has answers. */
export interface SurveyDefinition {
  title: string;
  intro?: string;
  resources?: SurveyRow[];
  questions: SurveyQuestion[];
}

export type SingleAnswer = { choice: string; other?: string };
export type MultipleAnswer = { choices: string[]; other?: string };
export type RowsAnswer = Record<string, string | number>;
export type AnswerValue = string | number | SingleAnswer | MultipleAnswer | RowsAnswer;
export type Answers = Record<string, AnswerValue>;

export interface AnswerError {
  field: string;
  message: string;
}

/** The public view of a survey: its current version with the resource rows filled in. */
export interface PublicSurvey {
  slug: string;
  title: string;
  intro: string | null;
  anonymous: boolean;
  requireToken: boolean;
  version: number;
  questions: SurveyQuestion[];
}
