// The review cycle of knowledge-base sections (seed 003 p. 41) as pure date rules, on the
// agency's production calendar: when a section is next due, how fresh it is today, and which
// notice (reminder before, escalation after) the sweep owes it.
import { MAX_REVIEW_INTERVAL_DAYS } from '../../../common/kb.js';
import { DUE_SOON_WORKING_DAYS, type FreshnessState } from '../../../common/kb-review.js';
import type { IsoDate, ProductionCalendar } from '../../lib/calendar.js';

export type ReviewNotice = 'reminder' | 'escalation';

/**
 * The day a section reviewed on `reviewedOn` (agency-local) is due again: that day plus the
 * section's interval, moved back to the previous working day so the owners never get a due date
 * on a day off. p. 41 asks for at least one review a quarter, so a longer interval is capped.
 */
export function nextReviewDueOn(
  reviewedOn: IsoDate,
  intervalDays: number,
  calendar: ProductionCalendar,
): IsoDate {
  const days = Math.min(Math.max(1, Math.trunc(intervalDays)), MAX_REVIEW_INTERVAL_DAYS);
  return calendar.addCalendarDays(reviewedOn, days, 'previous');
}

export interface Freshness {
  state: FreshnessState;
  /** Working days from today to the due date; negative once it has passed. */
  workingDaysLeft: number;
  /** Calendar days since the due date; 0 unless overdue. */
  overdueDays: number;
}

/** Overdue from the day after the due date: the due date itself is still in time. */
export function freshnessOf(dueOn: IsoDate, today: IsoDate, calendar: ProductionCalendar): Freshness {
  const workingDaysLeft = calendar.workingDaysBetween(today, dueOn);
  if (dueOn < today) {
    return { state: 'overdue', workingDaysLeft, overdueDays: calendarDaysBetween(dueOn, today) };
  }
  return {
    state: workingDaysLeft <= DUE_SOON_WORKING_DAYS ? 'due_soon' : 'fresh',
    workingDaysLeft,
    overdueDays: 0,
  };
}

const DAY_MS = 86_400_000;
const calendarDaysBetween = (from: IsoDate, to: IsoDate) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/**
 * What the sweep owes a section today. The escalation goes out from the working day after the due
 * date; the reminder from `leadDays` working days before it, and — when the sweep first sees a
 * section later than that (new, or the job was off) — still before the escalation. Each goes out
 * once per due date: a review moves the date and clears both marks.
 */
export function reviewNoticeDue(
  section: { reviewDueOn: IsoDate; remindedAt: Date | null; escalatedAt: Date | null },
  today: IsoDate,
  leadDays: number,
  calendar: ProductionCalendar,
): ReviewNotice | null {
  const escalationDay = calendar.nextWorkingDay(section.reviewDueOn);
  if (today >= escalationDay) return section.escalatedAt ? null : 'escalation';
  if (section.remindedAt) return null;
  return calendar.workingDaysBetween(today, section.reviewDueOn) <= leadDays ? 'reminder' : null;
}

/** The last day whose sections may owe a notice today: reminders reach `leadDays` ahead. */
export const noticeHorizon = (today: IsoDate, leadDays: number, calendar: ProductionCalendar) =>
  calendar.addWorkingDays(today, leadDays);
