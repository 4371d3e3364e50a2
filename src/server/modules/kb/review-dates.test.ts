import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rootDir } from '../../config.js';
import { loadCalendarYears, ProductionCalendar } from '../../lib/calendar.js';
import { freshnessOf, nextReviewDueOn, reviewNoticeDue } from './review-dates.js';

const years = loadCalendarYears(join(rootDir, 'presets', 'calendar'));
const calendar = new ProductionCalendar(years);

// 2026: 1 May (Friday) and 11 May (Monday) are holidays, 2–3 and 9–10 May weekends.
describe('next review due date', () => {
  it('adds the interval to the day of the review when that lands on a working day', () => {
    expect(nextReviewDueOn('2026-01-14', 90, calendar)).toBe('2026-04-14');
  });

  it('moves a due date on a May holiday back to the last working day before it', () => {
    expect(nextReviewDueOn('2026-02-09', 81, calendar)).toBe('2026-04-30');
    // 11 May is a holiday after a weekend: back over 9–10 May to Friday 8 May.
    expect(nextReviewDueOn('2026-02-10', 90, calendar)).toBe('2026-05-08');
  });

  it("follows the agency's own calendar overrides", () => {
    const regionalHoliday = new ProductionCalendar(years, [{ date: '2026-05-08', kind: 'nonWorking' }]);
    expect(nextReviewDueOn('2026-02-10', 90, regionalHoliday)).toBe('2026-05-07');
    const workedHoliday = new ProductionCalendar(years, [{ date: '2026-05-11', kind: 'working' }]);
    expect(nextReviewDueOn('2026-02-10', 90, workedHoliday)).toBe('2026-05-11');
  });

  it('never lets a section go longer than a quarter (seed 003 p. 41)', () => {
    expect(nextReviewDueOn('2026-01-14', 400, calendar)).toBe(nextReviewDueOn('2026-01-14', 92, calendar));
    expect(nextReviewDueOn('2026-01-14', 92, calendar)).toBe('2026-04-16');
  });
});

describe('freshness of a section', () => {
  it('is due soon within ten working days, counted over the May holidays', () => {
    // From 24 April: 27–30 April, 4–8 May and 12 May are the ten working days to 12 May.
    expect(freshnessOf('2026-05-12', '2026-04-24', calendar)).toEqual({
      state: 'due_soon',
      workingDaysLeft: 10,
      overdueDays: 0,
    });
    expect(freshnessOf('2026-05-12', '2026-04-23', calendar).state).toBe('fresh');
  });

  it('is still in time on the due date and overdue from the day after, in calendar days', () => {
    expect(freshnessOf('2026-05-12', '2026-05-12', calendar).state).toBe('due_soon');
    expect(freshnessOf('2026-05-12', '2026-05-13', calendar)).toMatchObject({
      state: 'overdue',
      overdueDays: 1,
    });
    expect(freshnessOf('2026-04-30', '2026-05-04', calendar)).toEqual({
      state: 'overdue',
      workingDaysLeft: -1,
      overdueDays: 4,
    });
  });
});

describe('which review notice is owed', () => {
  const fresh = { reviewDueOn: '2026-05-12', remindedAt: null, escalatedAt: null };

  it('reminds five working days ahead, which the holidays push back to 4 May', () => {
    expect(reviewNoticeDue(fresh, '2026-04-30', 5, calendar)).toBeNull();
    expect(reviewNoticeDue(fresh, '2026-05-01', 5, calendar)).toBeNull();
    expect(reviewNoticeDue(fresh, '2026-05-04', 5, calendar)).toBe('reminder');
    expect(reviewNoticeDue({ ...fresh, remindedAt: new Date() }, '2026-05-04', 5, calendar)).toBeNull();
  });

  it('escalates on the working day after the due date, not over the holiday weekend', () => {
    const reminded = { reviewDueOn: '2026-04-30', remindedAt: new Date(), escalatedAt: null };
    for (const day of ['2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']) {
      expect(reviewNoticeDue(reminded, day, 5, calendar), day).toBeNull();
    }
    expect(reviewNoticeDue(reminded, '2026-05-04', 5, calendar)).toBe('escalation');
    expect(reviewNoticeDue({ ...reminded, escalatedAt: new Date() }, '2026-05-20', 5, calendar)).toBeNull();
  });

  it('still reminds a section first seen after its lead time, until the escalation is due', () => {
    const late = { reviewDueOn: '2026-04-30', remindedAt: null, escalatedAt: null };
    expect(reviewNoticeDue(late, '2026-05-02', 5, calendar)).toBe('reminder');
    expect(reviewNoticeDue(late, '2026-05-04', 5, calendar)).toBe('escalation');
  });
});
