// How a date of the production calendar is shown: the federal decree's base data first, then
// the agency's own overrides (e.g. a regional holiday or a cleaning day) on top of it.
import type { CalendarOverride, CalendarYearView } from '../../../common/types';

export type DayStatus = 'working' | 'weekend' | 'nonWorking' | 'short' | 'workingWeekend';

export interface DayInfo {
  date: string; // YYYY-MM-DD
  day: number;
  status: DayStatus;
  override: CalendarOverride | null;
}

export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Monday = 0 … Sunday = 6, the order of a Russian calendar. */
export function mondayIndex(year: number, month: number, day: number): number {
  return (new Date(Date.UTC(year, month, day)).getUTCDay() + 6) % 7;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export type DayClassifier = (year: number, month: number, day: number) => DayInfo;

export function dayClassifier(view: CalendarYearView): DayClassifier {
  const nonWorking = new Set(view.nonWorking);
  const working = new Set(view.working);
  const short = new Set(view.short);
  const overrides = new Map(view.overrides.map((item) => [item.date, item]));
  return (year, month, day) => {
    const date = isoDate(year, month, day);
    const weekend = mondayIndex(year, month, day) >= 5;
    const override = overrides.get(date) ?? null;
    let status: DayStatus;
    if (override) {
      status = override.kind === 'working' ? (weekend ? 'workingWeekend' : 'working') : override.kind;
    } else if (nonWorking.has(date)) status = 'nonWorking';
    // A worked Saturday can also be a shortened pre-holiday day (1 Nov 2025): the shorter hours
    // matter more to the person planning the day than the transfer itself.
    else if (short.has(date)) status = 'short';
    else if (working.has(date)) status = 'workingWeekend';
    else status = weekend ? 'weekend' : 'working';
    return { date, day, status, override };
  };
}

/** The weeks of a month as rows of seven cells; null pads the days of the neighbouring months. */
export function monthWeeks(year: number, month: number, classify: DayClassifier): (DayInfo | null)[][] {
  const cells: (DayInfo | null)[] = Array.from({ length: mondayIndex(year, month, 1) }, () => null);
  for (let day = 1; day <= daysInMonth(year, month); day++) cells.push(classify(year, month, day));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (DayInfo | null)[][] = [];
  for (let index = 0; index < cells.length; index += 7) weeks.push(cells.slice(index, index + 7));
  return weeks;
}
