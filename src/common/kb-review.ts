// The knowledge-base review cycle (seed 003 p. 41) as the server reports it to the console.
import type { ReviewOutcome } from './kb.js';

/** A section due within this many working days shows as «скоро срок». */
export const DUE_SOON_WORKING_DAYS = 10;

export const FRESHNESS_STATES = ['fresh', 'due_soon', 'overdue'] as const;
export type FreshnessState = (typeof FRESHNESS_STATES)[number];

/** `departmentId=none` on the dashboard drills down to the sections no department owns. */
export const NO_DEPARTMENT = 'none';

export interface KbReview {
  id: string;
  outcome: ReviewOutcome;
  note: string | null;
  dueOn: string;
  reviewedAt: string;
  reviewerName: string | null;
}

export interface FreshnessCounts {
  sections: number;
  fresh: number;
  dueSoon: number;
  overdue: number;
}

export interface DepartmentFreshness extends FreshnessCounts {
  departmentId: string | null;
  departmentName: string | null;
  /** Calendar days the longest-overdue section is late; null when none is. */
  oldestOverdueDays: number | null;
  lastReviewedAt: string | null;
}

export interface SectionFreshness {
  id: string;
  title: string;
  departmentId: string | null;
  departmentName: string | null;
  reviewIntervalDays: number;
  reviewDueOn: string;
  lastReviewedAt: string | null;
  lastReviewedByName: string | null;
  state: FreshnessState;
  workingDaysLeft: number;
  overdueDays: number;
  /** Whether the asking staff member may review it (its department, or a KB editor). */
  canReview: boolean;
}

export interface KbFreshness {
  today: string;
  totals: FreshnessCounts;
  departments: DepartmentFreshness[];
  sections: SectionFreshness[];
}
