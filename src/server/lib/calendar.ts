// Russian production calendar (производственный календарь) and the pure date functions that
// deadlines and "is the agency open now" checks are computed with.
//
// Base data lives in presets/calendar/YYYY.json, one file per year, taken from ТК РФ ст. 112
// (нерабочие праздничные дни, with its automatic move of a holiday falling on a weekend) and
// from that year's Government decree «О переносе выходных дней». Each agency's administrator can
// override single days (a regional holiday, a decree the presets do not know yet).
//
// Calendar dates are 'YYYY-MM-DD' strings and all arithmetic on them runs in UTC, so the result
// never depends on the server's own time zone; instants are converted with an explicit IANA zone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TZDate, tz } from '@date-fns/tz';
import { addDays, endOfDay, format, getISODay, isValid, parseISO } from 'date-fns';
import type { CalendarDayKind, WorkingHours, WorkingInterval } from '../../common/types.js';

export type { WorkingHours, WorkingInterval } from '../../common/types.js';

export type IsoDate = string; // 'YYYY-MM-DD'
export interface CalendarYear {
  year: number;
  source: string; // the decree that set this year's transfers
  nonWorking: IsoDate[]; // Monday–Friday dates that are days off (holidays and transferred days)
  working: IsoDate[]; // Saturdays/Sundays worked because of a transfer
  short: IsoDate[]; // pre-holiday working days, one hour shorter (ТК РФ ст. 95)
}
export type DayOverrideKind = CalendarDayKind;
// `note` also accepts null so a stored CalendarOverride (src/common/types.ts) can be passed as is.
export interface DayOverride {
  date: IsoDate;
  kind: DayOverrideKind;
  note?: string | null;
}
export type DeadlineShift = 'previous' | 'next' | 'none';

const UTC = tz('UTC');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  // parseISO rejects impossible dates such as 2025-02-30 instead of rolling them over.
  return isValid(parseISO(value, { in: UTC }));
}

function assertIsoDate(value: IsoDate): void {
  if (!isIsoDate(value)) throw new Error(`Invalid calendar date "${value}", expected YYYY-MM-DD`);
}

function plusDays(date: IsoDate, n: number): IsoDate {
  return format(addDays(parseISO(date, { in: UTC }), n), 'yyyy-MM-dd');
}

/** 1 = Monday … 7 = Sunday. */
function isoWeekday(date: IsoDate): number {
  return getISODay(parseISO(date, { in: UTC }));
}

const isWeekend = (date: IsoDate): boolean => isoWeekday(date) >= 6;

/** Reads every presets/calendar/YYYY.json, checks its shape and returns the years in order. */
export function loadCalendarYears(dir: string): CalendarYear[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  return files.map((file) => {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      throw new Error(`Calendar file ${file}: not valid JSON (${(error as Error).message})`);
    }
    return validateCalendarYear(data, file);
  });
}

function validateCalendarYear(data: unknown, file: string): CalendarYear {
  const fail = (field: string, problem: string): never => {
    throw new Error(`Calendar file ${file}: field "${field}" ${problem}`);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`Calendar file ${file}: expected a JSON object`);
  }
  const record = data as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!['year', 'source', 'nonWorking', 'working', 'short'].includes(key)) fail(key, 'is not expected');
  }
  const { year, source } = record;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1992 || year > 2100) {
    return fail('year', 'must be an integer year');
  }
  if (file !== `${year}.json`) fail('year', `is ${year} but the file is named ${file}`);
  if (typeof source !== 'string' || source.trim() === '') fail('source', 'must be a non-empty string');

  const dates = (field: 'nonWorking' | 'working' | 'short'): IsoDate[] => {
    const list = record[field];
    if (!Array.isArray(list)) return fail(field, 'must be an array of YYYY-MM-DD dates');
    list.forEach((value, i) => {
      if (!isIsoDate(value)) fail(`${field}[${i}]`, `is ${JSON.stringify(value)}, not a YYYY-MM-DD date`);
      if (!value.startsWith(`${year}-`)) fail(`${field}[${i}]`, `is ${value}, outside year ${year}`);
      if (list.indexOf(value) !== i) fail(`${field}[${i}]`, `repeats ${value}`);
    });
    return list as IsoDate[];
  };
  const nonWorking = dates('nonWorking');
  const working = dates('working');
  const short = dates('short');
  // Weekends are days off by default, so listing them as nonWorking would hide a data error.
  nonWorking.forEach((d, i) => {
    if (isWeekend(d)) fail(`nonWorking[${i}]`, `is ${d}, a weekend`);
  });
  working.forEach((d, i) => {
    if (!isWeekend(d)) fail(`working[${i}]`, `is ${d}, not a Saturday or Sunday`);
  });
  short.forEach((d, i) => {
    const off = nonWorking.includes(d) || (isWeekend(d) && !working.includes(d));
    if (off) fail(`short[${i}]`, `is ${d}, which is not a working day`);
  });
  return { year, source: source as string, nonWorking, working, short };
}

export class ProductionCalendar {
  private readonly days = new Map<IsoDate, DayOverrideKind>();

  constructor(years: CalendarYear[], overrides: DayOverride[] = []) {
    for (const y of years) {
      for (const d of y.nonWorking) this.days.set(d, 'nonWorking');
      for (const d of y.working) this.days.set(d, 'working');
      // A short day is still a working day; 'short' only adds the one-hour cut.
      for (const d of y.short) this.days.set(d, 'short');
    }
    // An agency's own decision (edited by its administrator) wins over the federal data.
    for (const o of overrides) {
      assertIsoDate(o.date);
      this.days.set(o.date, o.kind);
    }
  }

  dayKind(date: IsoDate): DayOverrideKind {
    assertIsoDate(date);
    // Unknown dates (no data for that year yet) fall back to a plain Monday–Friday week.
    return this.days.get(date) ?? (isWeekend(date) ? 'nonWorking' : 'working');
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.dayKind(date) !== 'nonWorking';
  }

  nextWorkingDay(date: IsoDate): IsoDate {
    let d = plusDays(date, 1);
    while (!this.isWorkingDay(d)) d = plusDays(d, 1);
    return d;
  }

  previousWorkingDay(date: IsoDate): IsoDate {
    let d = plusDays(date, -1);
    while (!this.isWorkingDay(d)) d = plusDays(d, -1);
    return d;
  }

  /** The n-th working day after `date` (before it when n < 0); n = 0 returns `date`. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    assertIsoDate(date);
    if (!Number.isInteger(n)) throw new Error(`Working days must be an integer, got ${n}`);
    let d = date;
    for (let i = 0; i < Math.abs(n); i++) d = n > 0 ? this.nextWorkingDay(d) : this.previousWorkingDay(d);
    return d;
  }

  /**
   * A deadline of n calendar days. The period starts the day after `date` (ГК РФ ст. 191: the day
   * of registration is not counted), so it ends on date + n. When that day is non-working:
   * 'next' moves it to the next working day as ГК РФ ст. 193 does for civil-law periods;
   * 'previous' (the project default, see ARCHITECTURE) answers on the last working day before,
   * so the reply is never late; 'none' keeps the calendar day.
   */
  addCalendarDays(date: IsoDate, n: number, shift: DeadlineShift = 'previous'): IsoDate {
    assertIsoDate(date);
    if (!Number.isInteger(n)) throw new Error(`Calendar days must be an integer, got ${n}`);
    const end = plusDays(date, n);
    if (shift === 'none' || this.isWorkingDay(end)) return end;
    return shift === 'next' ? this.nextWorkingDay(end) : this.previousWorkingDay(end);
  }

  /** Working days in (from, to]; negative when `to` is before `from`. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    assertIsoDate(from);
    assertIsoDate(to);
    if (to < from) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let d = plusDays(from, 1); d <= to; d = plusDays(d, 1)) if (this.isWorkingDay(d)) count++;
    return count;
  }
}

const knownTimeZones = new Set<string>();

function assertTimeZone(timeZone: string): void {
  // Building an Intl formatter is costly, and deadlines are computed on every intake.
  if (knownTimeZones.has(timeZone)) return;
  // Intl throws RangeError on an unknown zone; TZDate would silently give NaN instead.
  new Intl.DateTimeFormat('en', { timeZone });
  knownTimeZones.add(timeZone);
}

const longDateFormats = new Map<string, Intl.DateTimeFormat>();

/** «26 ноября 2026 г.» in that zone; the formatter is built once per zone, as intake calls it every time. */
export function formatLongDate(instant: Date, timeZone: string): string {
  let formatter = longDateFormats.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone });
    longDateFormats.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

const isoDateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date that an instant falls on in that IANA time zone. An Intl formatter kept per
 * zone is a tenth of the cost of date-fns here, and every intake asks three times. en-CA writes
 * yyyy-mm-dd; should the locale data ever write it otherwise, the date is put together from parts.
 */
export function localDate(instant: Date, timeZone: string): IsoDate {
  let formatter = isoDateFormats.get(timeZone);
  if (!formatter) {
    // Throws RangeError on an unknown zone, as assertTimeZone does.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    isoDateFormats.set(timeZone, formatter);
  }
  const formatted = formatter.format(instant);
  if (ISO_DATE.test(formatted)) return formatted;
  const part = (type: string) => formatter.formatToParts(instant).find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** 00:00 of that local date, as an instant. */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  assertIsoDate(date);
  assertTimeZone(timeZone);
  return new Date(parseISO(date, { in: tz(timeZone) }).getTime());
}

/** 23:59:59.999 of that local date, as an instant. */
export function endOfLocalDay(date: IsoDate, timeZone: string): Date {
  assertIsoDate(date);
  assertTimeZone(timeZone);
  return new Date(endOfDay(parseISO(date, { in: tz(timeZone) })).getTime());
}

function minutes(value: string, field: string): number {
  const match = HH_MM.exec(value);
  if (!match) throw new Error(`Working hours: ${field} is "${value}", expected HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * True when the instant falls inside the day's working interval [start, end), outside lunch, on a
 * working day of the calendar. On a 'short' (pre-holiday) day the end is one hour earlier
 * (ТК РФ ст. 95). A weekend day made working by a transfer replaces a weekday, so when the
 * agency has no hours of its own for that weekday the first configured Monday–Friday hours apply.
 */
export function isWithinWorkingHours(
  instant: Date,
  timeZone: string,
  hours: WorkingHours,
  calendar: ProductionCalendar,
): boolean {
  assertTimeZone(timeZone);
  const local = new TZDate(instant.getTime(), timeZone);
  const date = format(local, 'yyyy-MM-dd');
  const kind = calendar.dayKind(date);
  if (kind === 'nonWorking') return false;
  const weekday = WEEKDAYS[getISODay(local) - 1] ?? 'mon';
  let interval: WorkingInterval | null = hours.days[weekday];
  if (!interval && isWeekend(date)) {
    interval =
      WEEKDAYS.slice(0, 5)
        .map((day) => hours.days[day])
        .find((i) => i !== null) ?? null;
  }
  if (!interval) return false;
  const now = local.getHours() * 60 + local.getMinutes();
  const start = minutes(interval.start, `${weekday}.start`);
  const end = minutes(interval.end, `${weekday}.end`) - (kind === 'short' ? 60 : 0);
  if (now < start || now >= end) return false;
  if (hours.lunch) {
    const lunchStart = minutes(hours.lunch.start, 'lunch.start');
    const lunchEnd = minutes(hours.lunch.end, 'lunch.end');
    if (now >= lunchStart && now < lunchEnd) return false;
  }
  return true;
}
