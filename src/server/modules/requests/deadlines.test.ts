import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rootDir } from '../../config.js';
import { loadCalendarYears, ProductionCalendar } from '../../lib/calendar.js';
import { answerTerm, loadDeadlinePolicies, termEnd } from './deadlines.js';

const calendar = new ProductionCalendar(loadCalendarYears(join(rootDir, 'presets', 'calendar')));
const policies = loadDeadlinePolicies(join(rootDir, 'presets', 'deadlines', 'policies.json'));
const NSK = 'Asia/Novosibirsk';
// 10:00 local time in Novosibirsk (UTC+7) on the given date.
const at = (date: string) => new Date(`${date}T03:00:00Z`);

describe('legal deadlines', () => {
  it('gives an appeal 30 calendar days from registration, ending at local midnight', () => {
    const due = termEnd(policies.appeal.answer, at('2025-03-03'), NSK, calendar);
    expect(due.toISOString()).toBe('2025-04-02T16:59:59.999Z'); // 2025-04-02 23:59:59.999 +07
  });

  it('moves a deadline that falls on a day off to the previous working day', () => {
    // 2025-04-03 + 30 = Saturday 2025-05-03; May 1–2 are holidays, so Wednesday 2025-04-30.
    expect(termEnd(policies.appeal.answer, at('2025-04-03'), NSK, calendar).toISOString()).toBe(
      '2025-04-30T16:59:59.999Z',
    );
    // 2025-12-01 + 30 = 2025-12-31, a non-working day in 2025 → 2025-12-30.
    expect(termEnd(policies.info_request.answer, at('2025-12-01'), NSK, calendar).toISOString()).toBe(
      '2025-12-30T16:59:59.999Z',
    );
  });

  it('uses the agency-local date of registration: late evening in Novosibirsk is already the next day in UTC terms', () => {
    // 2025-03-02T18:30Z is 01:30 on 2025-03-03 in Novosibirsk.
    const due = termEnd(policies.appeal.answer, new Date('2025-03-02T18:30:00Z'), NSK, calendar);
    expect(due.toISOString()).toBe('2025-04-02T16:59:59.999Z');
    const perm = termEnd(
      policies.appeal.answer,
      new Date('2025-03-02T18:30:00Z'),
      'Asia/Yekaterinburg',
      calendar,
    );
    expect(perm.toISOString()).toBe('2025-04-01T18:59:59.999Z'); // 23:30 on 2025-03-02 in Perm (UTC+5)
  });

  it('answers social comments the same working day, or the next one when they came on a day off', () => {
    const term = policies.social_comment.answer;
    expect(termEnd(term, at('2025-11-06'), NSK, calendar).toISOString()).toBe('2025-11-06T16:59:59.999Z');
    // Sunday 2025-11-02; Monday 11-03 is a transferred day off and Tuesday 11-04 is Unity Day → Wednesday.
    expect(termEnd(term, at('2025-11-02'), NSK, calendar).toISOString()).toBe('2025-11-05T16:59:59.999Z');
  });

  it('shortens the term for urgent appeals and keeps the normal one where the law has no urgent term', () => {
    expect(answerTerm(policies.appeal, true)).toMatchObject({
      days: 20,
      source: expect.stringContaining('ст. 12 ч. 1.1'),
    });
    expect(answerTerm(policies.info_request, true)).toBe(policies.info_request.answer);
  });

  it('cites the current 8-ФЗ article for the term of an information request', () => {
    expect(policies.info_request.answer.source).toBe('8-ФЗ ст. 21 ч. 1');
    expect(policies.info_request.extension).toMatchObject({ days: 15 });
  });
});
