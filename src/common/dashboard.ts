// The agency dashboard «Мониторинг» (issue 11): what the server computes and the console shows.

export interface DashboardFilter {
  from?: string;
  to?: string;
  department?: string;
  channel?: string;
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

/** How requests of the period stand against their legal terms, evaluated now. */
export const DEADLINE_BUCKETS = ['onTime', 'extended', 'overdue', 'open'] as const;
export type DeadlineBucket = (typeof DEADLINE_BUCKETS)[number];

/** Response time, in working days from registration to the outcome: the histogram's bins. */
export const RESPONSE_BINS = [
  { key: '0-1', min: 0, max: 1 },
  { key: '2-3', min: 2, max: 3 },
  { key: '4-5', min: 4, max: 5 },
  { key: '6-10', min: 6, max: 10 },
  { key: '11-15', min: 11, max: 15 },
  { key: '16-20', min: 16, max: 20 },
  { key: '21-30', min: 21, max: 30 },
  { key: '31+', min: 31, max: null },
] as const;

export interface SatisfactionCell {
  key: string;
  answered: number;
  satisfied: number | null;
  share: number | null;
  /** Fewer than MIN_CELL answers: no numbers, as in the survey analytics (seed 002 p. 3.3). */
  hidden: boolean;
}

export interface ReviewItem {
  id: string;
  title: string;
  reviewDueOn: string;
}

export interface Dashboard {
  agency: { id: string; name: string };
  from: string;
  to: string;
  departmentIds: string[] | null;
  channel: string | null;
  requests: {
    total: number;
    byChannel: CountRow[];
    byKind: CountRow[];
    byStatus: CountRow[];
    byTopic: CountRow[];
  };
  deadlines: Record<DeadlineBucket, number> & { total: number };
  responseTime: { answered: number; bins: CountRow[] };
  calls: { withinHours: number; missed: number; missedShare: number | null };
  satisfaction: {
    answered: number;
    satisfied: number;
    share: number | null;
    meanRating: number | null;
    byChannel: SatisfactionCell[];
    months: SatisfactionCell[];
  };
  kb: { sections: number; pastReview: number; items: ReviewItem[] };
  site: { pages: number; stale: number; items: ReviewItem[] };
  kbGaps: { id: string; title: string; size: number }[];
}

/** The components of the client-centricity index (docs/client-centricity-index.md). */
export const INDEX_COMPONENTS = ['deadlines', 'satisfaction', 'calls', 'kb', 'site'] as const;
export type IndexComponent = (typeof INDEX_COMPONENTS)[number];

export const INDEX_WEIGHTS: Record<IndexComponent, number> = {
  deadlines: 0.3,
  satisfaction: 0.3,
  calls: 0.15,
  kb: 0.125,
  site: 0.125,
};

export interface IndexPart {
  component: IndexComponent;
  /** 0…1, null when the component has nothing to measure in the period. */
  value: number | null;
  /** The weight after the missing components' weights were shared out. */
  weight: number;
  /** Points of 100 this component costs the index: weight × (1 − value) × 100. */
  lostPoints: number;
}

export interface CentricityIndex {
  value: number | null;
  parts: IndexPart[];
}

export interface CentricityReport {
  agency: CentricityIndex;
  departments: { id: string; name: string; index: CentricityIndex }[];
  months: { month: string; index: CentricityIndex }[];
}

export interface RegionRow {
  agencyId: string;
  name: string;
  requests: number;
  onTimeShare: number | null;
  overdue: number;
  satisfaction: number | null;
  missedShare: number | null;
  kbPastReview: number;
  siteStale: number;
  index: number | null;
}

/** Scheduled e-mail reports: the previous full week (Monday to Sunday) or calendar month. */
export const REPORT_FREQUENCIES = ['weekly', 'monthly'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];
