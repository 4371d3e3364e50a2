import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { Invalid } from '../errors.js';

const HINT = 'Укажите номер телефона полностью, например +7 913 123-45-67';

/**
 * A phone number as E.164 (`+79131234567`). Russian habits are understood: «8 913 …», «+7 (913) …»
 * and ten digits without the trunk prefix. Null when it is not a real number.
 */
export function toE164(raw: string): string | null {
  if (!/^[0-9+()\-.\s]{3,40}$/.test(raw)) return null;
  const parsed = parsePhoneNumberFromString(raw, 'RU');
  return parsed?.isValid() ? parsed.number : null;
}

/** The E.164 form of `raw`, or a 400 naming `field` with a Russian hint. */
export function requireE164(raw: string, field: string): string {
  const number = toE164(raw);
  if (!number) throw new Invalid(field, `Номер телефона не распознан. ${HINT}`, 'invalid_phone');
  return number;
}

/** Only Russian mobile numbers take our SMS: landlines cannot, and the gateways are Russian. */
export function isRussianMobile(e164: string): boolean {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed?.isValid() || parsed.country !== 'RU') return false;
  const type = parsed.getType();
  return type === 'MOBILE' || type === 'FIXED_LINE_OR_MOBILE';
}
