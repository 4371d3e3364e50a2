import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone-format.js';

describe('formatPhone', () => {
  it('groups a Russian number stored as digits or as E.164', () => {
    expect(formatPhone('73835550123')).toBe('+7 383 555 01 23');
    expect(formatPhone('+79131234567')).toBe('+7 913 123 45 67');
  });

  it('leaves what is not a number as it was stored', () => {
    expect(formatPhone('110')).toBe('110');
    expect(formatPhone('скрыт')).toBe('скрыт');
  });
});
