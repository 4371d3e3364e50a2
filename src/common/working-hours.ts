import type { Weekday, WorkingHours, WorkingInterval } from './types.js';

export const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export interface WorkingHoursDescription {
  /** e.g. ['Пн–Чт 09:00–18:00', 'Пт 09:00–17:00'] */
  schedule: string[];
  /** e.g. '13:00–13:48', null when there is no lunch break */
  lunch: string | null;
  /** e.g. 'Сб, Вс', null when the week has no day off */
  daysOff: string | null;
}

export function formatInterval(interval: WorkingInterval): string {
  return `${interval.start}–${interval.end}`;
}

/** Names a run of consecutive days: 'Пт', 'Сб, Вс' or 'Пн–Чт'. */
function nameDays(days: Weekday[], dayLabel: (day: Weekday) => string): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return '';
  if (days.length === 1) return dayLabel(first);
  if (days.length === 2) return `${dayLabel(first)}, ${dayLabel(last)}`;
  return `${dayLabel(first)}–${dayLabel(last)}`;
}

/** Splits the week into runs of consecutive days that share the same hours (or are all off). */
function runsOfEqualDays(hours: WorkingHours): { days: Weekday[]; interval: WorkingInterval | null }[] {
  const runs: { days: Weekday[]; interval: WorkingInterval | null }[] = [];
  for (const day of WEEK) {
    const interval = hours.days[day] ?? null;
    const current = runs[runs.length - 1];
    const same =
      current &&
      (current.interval === null
        ? interval === null
        : interval !== null && formatInterval(current.interval) === formatInterval(interval));
    if (current && same) current.days.push(day);
    else runs.push({ days: [day], interval });
  }
  return runs;
}

/**
 * Working hours in words, grouped the way people read a timetable:
 * «Пн–Чт 09:00–18:00, Пт 09:00–17:00, перерыв 13:00–13:48».
 */
export function describeWorkingHours(
  hours: WorkingHours,
  dayLabel: (day: Weekday) => string,
): WorkingHoursDescription {
  const runs = runsOfEqualDays(hours);
  const schedule: string[] = [];
  const offDays: Weekday[] = [];
  for (const run of runs) {
    if (run.interval) schedule.push(`${nameDays(run.days, dayLabel)} ${formatInterval(run.interval)}`);
    else offDays.push(...run.days);
  }
  const offRuns = runs.filter((run) => run.interval === null).map((run) => nameDays(run.days, dayLabel));
  return {
    schedule,
    lunch: hours.lunch ? formatInterval(hours.lunch) : null,
    daysOff: offDays.length > 0 ? offRuns.join(', ') : null,
  };
}

// Making an Intl formatter costs far more than using one, and every rendered page shows the hours.
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's current UTC offset, e.g. '+7' for Asia/Novosibirsk ('' for an unknown zone). */
export function utcOffset(timeZone: string, at = new Date()): string {
  try {
    let format = offsetFormats.get(timeZone);
    if (!format) {
      format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' });
      offsetFormats.set(timeZone, format);
    }
    const parts = format.formatToParts(at);
    const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
    const offset = name.replace(/^GMT/, '');
    return offset === '' ? '+0' : offset;
  } catch {
    return '';
  }
}
