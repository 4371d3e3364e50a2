import { describe, expect, it } from 'vitest';
import { countValues, formatDateTime, formatDay } from './formats';

describe('formatDay', () => {
  it('names the last day of the term in the agency time zone, not in UTC', () => {
    // 23:59:59.999 in Novosibirsk (UTC+7) is still the 23rd there, though already 16:59 UTC.
    expect(formatDay('2026-12-23T16:59:59.999Z', 'Asia/Novosibirsk')).toBe('23 декабря 2026 г.');
    // 20:00 UTC on the 23rd is already the 24th in Novosibirsk.
    expect(formatDay('2026-12-23T20:00:00Z', 'Asia/Novosibirsk')).toBe('24 декабря 2026 г.');
  });
});

describe('formatDateTime', () => {
  it('shows the local time of the agency', () => {
    expect(formatDateTime('2026-11-23T07:05:00Z', 'Asia/Novosibirsk')).toMatch(
      /^23 ноября 2026 г\.,? (в )?14:05$/,
    );
  });
});

describe('countValues', () => {
  it('groups digits and passes `over` as the plural count', () => {
    expect(countValues({ max: 10_000, over: 1250 })).toEqual({
      max: '10\u00a0000',
      over: '1\u00a0250',
      count: 1250,
    });
  });
});
