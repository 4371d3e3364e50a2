import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

/**
 * A stored phone (digits, or E.164 with «+») the way people read it: «+7 383 555 01 23». What
 * does not parse as a number is shown as it was stored.
 */
export function formatPhone(stored: string): string {
  const parsed = parsePhoneNumberFromString(stored.startsWith('+') ? stored : `+${stored}`);
  return parsed?.isValid() ? parsed.formatInternational() : stored;
}
