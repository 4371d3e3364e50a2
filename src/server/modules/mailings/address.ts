import { Invalid } from '../../lib/errors.js';

// One local part and a dotted domain, with nothing a header could be split on: no whitespace or
// control characters (CR/LF), no quotes, angle brackets, commas or semicolons.
const ADDRESS =
  /^[^\s\p{Cc}@<>()[\]\\,;:"]{1,64}@[a-z0-9\p{L}](?:[a-z0-9\p{L}-]*[a-z0-9\p{L}])?(?:\.[a-z0-9\p{L}](?:[a-z0-9\p{L}-]*[a-z0-9\p{L}])?)+$/u;

/** The address as stored: trimmed and lower-cased, or a Russian error naming the field. */
export function mailboxAddress(raw: string, field: string): string {
  const address = raw.trim().toLowerCase();
  if (address.length > 254 || !ADDRESS.test(address)) {
    throw new Invalid(
      field,
      'Укажите корректный адрес электронной почты, например ivanov@mail.ru',
      'invalid_email',
    );
  }
  return address;
}

/** Text that goes into a header (subject, sender name): one line, no control characters. */
export function headerText(raw: string, field: string, label: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    throw new Invalid(
      field,
      `${label}: перевод строки и управляющие символы недопустимы`,
      'header_injection',
    );
  }
  return raw.trim();
}
