// Survey analytics (issue 8 p. 5) as the server sends them to the console and into the annual report.

/** Seed 002 p. 3.3: a breakdown cell with fewer answers than this is never shown. */
export const MIN_CELL = 5;

/** One bar of a breakdown or trend; `count` and `satisfiedShare` are null when hidden. */
export interface AnalyticsCell {
  key: string;
  label: string;
  count: number | null;
  /** Share of the cell's respondents who gave the top satisfaction answer, 0..1. */
  satisfiedShare: number | null;
  hidden: boolean;
}

export interface DistributionRow {
  key: string;
  label: string;
  /** The paper code of the row or the question, e.g. "22.1". */
  code: string | null;
  cells: { key: string; label: string; count: number }[];
  answered: number;
  /** Rating questions: mean of the 1–5 scores. */
  mean: number | null;
}

export interface Distribution {
  question: string;
  code: string | null;
  text: string;
  type: string;
  rows: DistributionRow[];
}

export interface ThemeGroup {
  title: string;
  words: string[];
  count: number;
}

export interface TextThemes {
  question: string;
  text: string;
  answered: number;
  groups: ThemeGroup[];
}

export interface Breakdown {
  dimension: string;
  title: string;
  cells: AnalyticsCell[];
}

export interface SurveyAnalytics {
  title: string;
  from: string | null;
  to: string | null;
  total: number;
  /** True when the filters leave fewer than MIN_CELL answers: nothing else is returned. */
  hidden: boolean;
  satisfaction: {
    question: string;
    text: string;
    topAnswer: string;
    satisfied: number;
    answered: number;
    share: number | null;
  } | null;
  /** Mean of every 1–5 score given. */
  meanRating: number | null;
  distributions: Distribution[];
  themes: TextThemes[];
  months: AnalyticsCell[];
  breakdowns: Breakdown[];
}

export interface AnalyticsFilter {
  from?: string;
  to?: string;
  channel?: string;
  municipality?: string;
}

export const CHANNEL_TITLES: Record<string, string> = {
  link: 'Ссылка',
  qr: 'QR-код',
  email: 'Электронная почта',
  sms: 'SMS',
  phone: 'Телефон',
  paper: 'Бумажная анкета',
  site: 'Сайт',
};
