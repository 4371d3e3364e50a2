import { describe, expect, it } from 'vitest';
import { localInputToIso } from './localTime';

describe('agency-local time inputs', () => {
  it('reads a datetime-local value in the agency zone, not the browser zone', () => {
    expect(localInputToIso('2026-11-26T09:30', 'Asia/Novosibirsk')).toBe('2026-11-26T02:30:00.000Z');
    expect(localInputToIso('2026-11-26T09:30', 'Asia/Yekaterinburg')).toBe('2026-11-26T04:30:00.000Z');
  });
});
