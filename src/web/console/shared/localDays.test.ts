import { describe, expect, it } from 'vitest';
import { addDays, localDateOf, mondayOf } from './localDays';

describe('agency-local days', () => {
  it('starts a week on its Monday, also from a Sunday and across a month', () => {
    expect(mondayOf('2026-11-26')).toBe('2026-11-23');
    expect(mondayOf('2026-11-23')).toBe('2026-11-23');
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-12-02')).toBe('2026-11-30');
  });

  it('adds days across a year end', () => {
    expect(addDays('2026-12-28', 6)).toBe('2027-01-03');
    expect(addDays('2027-01-04', -7)).toBe('2026-12-28');
  });

  it('puts an instant on the agency-local day, not the UTC one', () => {
    expect(localDateOf('2026-11-25T22:30:00Z', 'Europe/Moscow')).toBe('2026-11-26');
    expect(localDateOf('2026-11-25T22:30:00Z', 'UTC')).toBe('2026-11-25');
  });
});
