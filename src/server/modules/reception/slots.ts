import type { IsoDate } from '../../lib/calendar.js';

/** E.g. Tuesdays 14:00–17:00 every 30 minutes: weekdays 1 = Monday … 7 = Sunday. */
export interface WeeklyPattern {
  weekdays: number[];
  start: string;
  end: string;
  minutes: number;
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function plusOneDay(date: IsoDate): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function isoWeekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/**
 * The start instants of every slot the pattern gives in [from, to] (local dates), skipping
 * non-working days. A slot must end by `end`; a tail shorter than `minutes` is not a slot.
 * Russian zones keep no daylight saving, so local midnight plus minutes is the local time.
 */
export function slotStarts(
  from: IsoDate,
  to: IsoDate,
  pattern: WeeklyPattern,
  day: { isWorkingDay(date: IsoDate): boolean; startOfDay(date: IsoDate): Date },
): Date[] {
  const first = toMinutes(pattern.start);
  const last = toMinutes(pattern.end);
  const starts: Date[] = [];
  for (let date = from; date <= to; date = plusOneDay(date)) {
    if (!pattern.weekdays.includes(isoWeekday(date)) || !day.isWorkingDay(date)) continue;
    const midnight = day.startOfDay(date).getTime();
    for (let minute = first; minute + pattern.minutes <= last; minute += pattern.minutes) {
      starts.push(new Date(midnight + minute * 60_000));
    }
  }
  return starts;
}
