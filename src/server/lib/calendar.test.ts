import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CalendarYear,
  endOfLocalDay,
  formatLongDate,
  isWithinWorkingHours,
  loadCalendarYears,
  localDate,
  ProductionCalendar,
  type WorkingHours,
} from './calendar.js';

const PRESETS = fileURLToPath(new URL('../../../presets/calendar', import.meta.url));
const years = loadCalendarYears(PRESETS);
const cal = new ProductionCalendar(years);

describe('preset data (ТК РФ ст. 112 and the yearly decrees)', () => {
  it('loads every year in order, each citing its decree', () => {
    expect(years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    expect(years.map((y) => y.source.match(/№ \d+/)?.[0])).toEqual(['№ 1314', '№ 1335', '№ 1466', '№ 1187']);
    for (const y of years) expect(y.source).toContain(`О переносе выходных дней в ${y.year} году`);
  });

  // The official norms: 2024 — 248 days / 1979 h, 2025–2027 — 247 days / 1972 h at 40 h a week.
  it.each([
    [2024, 248, 1979],
    [2025, 247, 1972],
    [2026, 247, 1972],
    [2027, 247, 1972],
  ])('%i has %i working days and %i hours', (year, days, hoursNorm) => {
    expect(cal.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(days);
    let hours = 0;
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const kind = cal.dayKind(new Date(t).toISOString().slice(0, 10));
      hours += kind === 'working' ? 8 : kind === 'short' ? 7 : 0;
    }
    expect(hours).toBe(hoursNorm);
  });

  it('2025: New Year, May, June and November transfers', () => {
    for (let day = 1; day <= 8; day++) expect(cal.dayKind(`2025-01-0${day}`)).toBe('nonWorking');
    expect(cal.dayKind('2025-01-09')).toBe('working');
    expect(cal.dayKind('2025-05-02')).toBe('nonWorking');
    expect(cal.dayKind('2025-05-08')).toBe('nonWorking');
    expect(cal.dayKind('2025-06-13')).toBe('nonWorking');
    expect(cal.dayKind('2025-11-01')).toBe('short'); // working Saturday, before 3–4 November
    expect(cal.isWorkingDay('2025-11-01')).toBe(true);
    expect(cal.dayKind('2025-11-03')).toBe('nonWorking');
    expect(cal.dayKind('2025-03-07')).toBe('short');
    expect(cal.dayKind('2025-12-30')).toBe('working');
    expect(cal.dayKind('2025-12-31')).toBe('nonWorking');
  });

  it('2024: three working Saturdays, only 2 November shortened', () => {
    expect(cal.dayKind('2024-04-27')).toBe('working');
    expect(cal.dayKind('2024-04-29')).toBe('nonWorking');
    expect(cal.dayKind('2024-04-30')).toBe('nonWorking');
    expect(cal.dayKind('2024-05-10')).toBe('nonWorking');
    expect(cal.dayKind('2024-11-02')).toBe('short');
    expect(cal.dayKind('2024-12-28')).toBe('working');
    expect(cal.dayKind('2024-12-30')).toBe('nonWorking');
  });

  it('2026: 9 January and 31 December off, ст. 112 moves of 8 March and 9 May', () => {
    expect(cal.dayKind('2026-01-09')).toBe('nonWorking');
    expect(cal.dayKind('2026-01-12')).toBe('working');
    expect(cal.dayKind('2026-03-09')).toBe('nonWorking');
    expect(cal.dayKind('2026-05-01')).toBe('nonWorking');
    expect(cal.dayKind('2026-05-04')).toBe('working');
    expect(cal.dayKind('2026-05-08')).toBe('short');
    expect(cal.dayKind('2026-05-11')).toBe('nonWorking');
    expect(cal.dayKind('2026-12-31')).toBe('nonWorking');
  });

  it('2027: Saturday 20 February worked for Monday 22 February, 5 November and 31 December off', () => {
    expect(cal.dayKind('2027-02-20')).toBe('short');
    expect(cal.dayKind('2027-02-22')).toBe('nonWorking');
    expect(cal.dayKind('2027-05-03')).toBe('nonWorking');
    expect(cal.dayKind('2027-05-10')).toBe('nonWorking');
    expect(cal.dayKind('2027-06-14')).toBe('nonWorking');
    expect(cal.dayKind('2027-11-05')).toBe('nonWorking');
    expect(cal.dayKind('2027-11-13')).toBe('nonWorking'); // a 2025 draft idea, not in the decree
    expect(cal.dayKind('2027-12-31')).toBe('nonWorking');
  });

  it('falls back to a Monday–Friday week outside the loaded years', () => {
    expect(cal.dayKind('2030-01-01')).toBe('working'); // a Tuesday with no data loaded
    expect(cal.dayKind('2030-01-05')).toBe('nonWorking'); // a Saturday
  });

  it('rejects a malformed date', () => {
    expect(() => cal.dayKind('2025-02-30')).toThrow(/2025-02-30/);
  });
});

describe('working-day arithmetic', () => {
  it('next/previous working day are strictly after/before', () => {
    expect(cal.nextWorkingDay('2025-03-03')).toBe('2025-03-04');
    expect(cal.nextWorkingDay('2025-10-31')).toBe('2025-11-01');
    expect(cal.previousWorkingDay('2025-11-05')).toBe('2025-11-01');
    expect(cal.nextWorkingDay('2025-12-30')).toBe('2026-01-12');
  });

  it('addWorkingDays crosses the New Year holidays', () => {
    expect(cal.addWorkingDays('2025-12-30', 1)).toBe('2026-01-12');
    expect(cal.addWorkingDays('2024-12-27', 1)).toBe('2024-12-28');
    expect(cal.addWorkingDays('2024-12-27', 2)).toBe('2025-01-09');
    expect(cal.addWorkingDays('2026-01-12', -1)).toBe('2025-12-30');
    expect(cal.addWorkingDays('2025-03-04', 0)).toBe('2025-03-04');
    expect(() => cal.addWorkingDays('2025-03-04', 1.5)).toThrow();
  });

  it('workingDaysBetween counts (from, to]', () => {
    expect(cal.workingDaysBetween('2025-12-30', '2026-01-12')).toBe(1);
    expect(cal.workingDaysBetween('2025-03-03', '2025-03-07')).toBe(4);
    expect(cal.workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(cal.workingDaysBetween('2025-03-07', '2025-03-03')).toBe(-4);
  });
});

describe('addCalendarDays (legal deadlines)', () => {
  it('does not count the day of registration', () => {
    expect(cal.addCalendarDays('2025-01-10', 30, 'none')).toBe('2025-02-09');
  });

  it('moves a Sunday deadline back by default, or per shift', () => {
    expect(cal.addCalendarDays('2025-01-10', 30)).toBe('2025-02-07');
    expect(cal.addCalendarDays('2025-01-10', 30, 'previous')).toBe('2025-02-07');
    expect(cal.addCalendarDays('2025-01-10', 30, 'next')).toBe('2025-02-10');
  });

  it('skips the May holidays in both directions', () => {
    // 2025-04-03 + 30 = Saturday 3 May; 1–4 May are all off.
    expect(cal.addCalendarDays('2025-04-03', 30, 'none')).toBe('2025-05-03');
    expect(cal.addCalendarDays('2025-04-03', 30, 'previous')).toBe('2025-04-30');
    expect(cal.addCalendarDays('2025-04-03', 30, 'next')).toBe('2025-05-05');
  });

  it('skips the New Year holidays in both directions', () => {
    expect(cal.addCalendarDays('2025-12-04', 30, 'previous')).toBe('2025-12-30');
    expect(cal.addCalendarDays('2025-12-04', 30, 'next')).toBe('2026-01-12');
  });

  it('keeps a deadline that lands on a working day', () => {
    for (const shift of ['previous', 'next', 'none'] as const) {
      expect(cal.addCalendarDays('2025-03-03', 30, shift)).toBe('2025-04-02');
    }
  });
});

describe('agency overrides', () => {
  const agency = new ProductionCalendar(years, [
    { date: '2025-03-05', kind: 'nonWorking', note: 'региональный праздник' },
    { date: '2025-05-02', kind: 'working' },
    { date: '2025-03-07', kind: 'working' },
    { date: '2030-01-01', kind: 'nonWorking', note: null },
  ]);

  it('win over the base data', () => {
    expect(agency.dayKind('2025-03-05')).toBe('nonWorking');
    expect(agency.dayKind('2025-05-02')).toBe('working');
    expect(agency.dayKind('2025-03-07')).toBe('working');
    expect(agency.dayKind('2030-01-01')).toBe('nonWorking');
    expect(agency.addWorkingDays('2025-03-04', 1)).toBe('2025-03-06');
    expect(agency.addCalendarDays('2025-04-03', 30, 'previous')).toBe('2025-05-02');
  });

  it('do not leak into another calendar built from the same years', () => {
    expect(cal.dayKind('2025-03-05')).toBe('working');
    expect(cal.dayKind('2025-05-02')).toBe('nonWorking');
  });

  it('reject an invalid date', () => {
    expect(() => new ProductionCalendar(years, [{ date: '2025-3-5', kind: 'working' }])).toThrow(/2025-3-5/);
  });
});

describe('local dates', () => {
  const instant = new Date('2025-01-09T17:30:00Z');

  it('localDate depends on the zone', () => {
    expect(localDate(instant, 'Asia/Novosibirsk')).toBe('2025-01-10'); // 00:30 +07
    expect(localDate(instant, 'Asia/Yekaterinburg')).toBe('2025-01-09'); // 22:30 +05
  });

  it('endOfLocalDay is 23:59:59.999 local', () => {
    expect(endOfLocalDay('2025-01-10', 'Asia/Novosibirsk').toISOString()).toBe('2025-01-10T16:59:59.999Z');
    expect(endOfLocalDay('2025-01-10', 'Asia/Yekaterinburg').toISOString()).toBe('2025-01-10T18:59:59.999Z');
  });

  it('rejects an unknown zone', () => {
    expect(() => localDate(instant, 'Asia/Nowhere')).toThrow();
  });
});

describe('isWithinWorkingHours', () => {
  const hours: WorkingHours = {
    days: {
      mon: { start: '09:00', end: '18:00' },
      tue: { start: '09:00', end: '18:00' },
      wed: { start: '09:00', end: '18:00' },
      thu: { start: '09:00', end: '18:00' },
      fri: { start: '09:00', end: '17:00' },
      sat: null,
      sun: null,
    },
    lunch: { start: '13:00', end: '13:48' },
  };
  const NSK = 'Asia/Novosibirsk';
  const EKB = 'Asia/Yekaterinburg';
  const nsk = (local: string) => new Date(`${local}:00+07:00`);
  const ekb = (local: string) => new Date(`${local}:00+05:00`);
  const open = (instant: Date, zone = NSK, h = hours, c = cal) => isWithinWorkingHours(instant, zone, h, c);

  it.each([
    ['08:59', false],
    ['09:00', true],
    ['12:59', true],
    ['13:00', false],
    ['13:47', false],
    ['13:48', true],
    ['17:59', true],
    ['18:00', false],
  ])('Tuesday %s in Novosibirsk → %s', (time, expected) => {
    expect(open(nsk(`2025-03-04T${time}`))).toBe(expected);
  });

  it('uses the agency zone, not UTC: one instant, two answers', () => {
    const instant = ekb('2025-03-04T17:30'); // 19:30 in Novosibirsk
    expect(open(instant, EKB)).toBe(true);
    expect(open(instant, NSK)).toBe(false);
    expect(open(ekb('2025-03-04T08:59'), EKB)).toBe(false);
  });

  it('Friday closes at 17:00', () => {
    expect(open(nsk('2025-03-14T16:59'))).toBe(true);
    expect(open(nsk('2025-03-14T17:30'))).toBe(false);
  });

  it('a short day ends one hour earlier', () => {
    expect(open(nsk('2025-04-30T16:59'))).toBe(true); // Wednesday before 1 May
    expect(open(nsk('2025-04-30T17:00'))).toBe(false);
    expect(open(ekb('2025-03-07T15:59'), EKB)).toBe(true); // Friday before 8 March: 17:00 − 1 h
    expect(open(ekb('2025-03-07T16:00'), EKB)).toBe(false);
  });

  it('is closed on a holiday and open on the first working day after', () => {
    expect(open(nsk('2025-05-08T10:00'))).toBe(false);
    expect(open(nsk('2025-01-08T10:00'))).toBe(false);
    expect(open(nsk('2025-01-09T10:00'))).toBe(true);
  });

  it('a working Saturday uses its configured hours, shortened before the holiday', () => {
    const withSat: WorkingHours = {
      ...hours,
      days: { ...hours.days, sat: { start: '10:00', end: '15:00' } },
    };
    expect(open(nsk('2025-11-01T09:30'), NSK, withSat)).toBe(false);
    expect(open(nsk('2025-11-01T10:00'), NSK, withSat)).toBe(true);
    expect(open(nsk('2025-11-01T13:10'), NSK, withSat)).toBe(false); // lunch
    expect(open(nsk('2025-11-01T13:59'), NSK, withSat)).toBe(true);
    expect(open(nsk('2025-11-01T14:00'), NSK, withSat)).toBe(false); // 15:00 − 1 h
    expect(open(nsk('2025-11-08T11:00'), NSK, withSat)).toBe(false); // an ordinary Saturday
  });

  it('a working Saturday without own hours borrows the weekday hours', () => {
    expect(open(nsk('2025-11-01T09:00'))).toBe(true);
    expect(open(nsk('2025-11-01T16:59'))).toBe(true);
    expect(open(nsk('2025-11-01T17:00'))).toBe(false); // 18:00 − 1 h
    expect(open(nsk('2024-12-28T17:30'))).toBe(true); // worked in full
  });

  it('follows agency overrides', () => {
    const agency = new ProductionCalendar(years, [{ date: '2025-03-05', kind: 'nonWorking' }]);
    expect(open(nsk('2025-03-05T10:00'), NSK, hours, agency)).toBe(false);
    expect(open(nsk('2025-03-05T10:00'))).toBe(true);
  });

  it('rejects malformed hours', () => {
    const bad: WorkingHours = { ...hours, days: { ...hours.days, tue: { start: '9:00', end: '18:00' } } };
    expect(() => open(nsk('2025-03-04T10:00'), NSK, bad)).toThrow(/tue\.start/);
  });
});

describe('loadCalendarYears validation', () => {
  let dir = '';
  const valid: CalendarYear = {
    year: 2025,
    source: 'test',
    nonWorking: ['2025-01-01'],
    working: ['2025-11-01'],
    short: ['2025-11-01'],
  };
  const load = (name: string, content: string) => {
    dir = mkdtempSync(join(tmpdir(), 'calendar-'));
    writeFileSync(join(dir, name), content);
    return () => loadCalendarYears(dir);
  };
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a valid file and ignores other files', () => {
    const run = load('2025.json', JSON.stringify(valid));
    writeFileSync(join(dir, 'README.md'), 'not data');
    expect(run()).toEqual([valid]);
  });

  it.each([
    ['broken JSON', '2025.json', '{"year": 2025,', /2025\.json: not valid JSON/],
    [
      'a month 13',
      '2025.json',
      { ...valid, nonWorking: ['2025-13-01'] },
      /2025\.json: field "nonWorking\[0\]"/,
    ],
    [
      'a weekend in nonWorking',
      '2025.json',
      { ...valid, nonWorking: ['2025-01-04'] },
      /"nonWorking\[0\]".*weekend/,
    ],
    [
      'a Monday in working',
      '2025.json',
      { ...valid, working: ['2025-11-03'] },
      /"working\[0\]".*not a Saturday/,
    ],
    ['a short holiday', '2025.json', { ...valid, short: ['2025-01-01'] }, /"short\[0\]".*not a working day/],
    ['another year', '2025.json', { ...valid, nonWorking: ['2024-12-31'] }, /outside year 2025/],
    [
      'a repeated date',
      '2025.json',
      { ...valid, nonWorking: ['2025-01-01', '2025-01-01'] },
      /"nonWorking\[1\]" repeats/,
    ],
    ['an empty source', '2025.json', { ...valid, source: '' }, /2025\.json: field "source"/],
    [
      'a string for a list',
      '2025.json',
      { ...valid, working: '2025-11-01' },
      /field "working" must be an array/,
    ],
    ['a misspelt field', '2025.json', { ...valid, nonworking: [] }, /field "nonworking" is not expected/],
    ['a wrong file name', '2026.json', valid, /2026\.json: field "year" is 2025/],
  ])('rejects %s', (_label, name, content, message) => {
    expect(load(name, typeof content === 'string' ? content : JSON.stringify(content))).toThrow(message);
  });
});

describe('formatLongDate', () => {
  it("gives the date of the agency's own zone, not of the server", () => {
    const lateEveningInMoscow = new Date('2026-11-26T20:30:00Z');
    expect(formatLongDate(lateEveningInMoscow, 'Europe/Moscow')).toBe('26 ноября 2026 г.');
    expect(formatLongDate(lateEveningInMoscow, 'Asia/Novosibirsk')).toBe('27 ноября 2026 г.');
    // The cached formatter of one zone must not leak into the next call with another.
    expect(formatLongDate(lateEveningInMoscow, 'Europe/Moscow')).toBe('26 ноября 2026 г.');
  });
});
