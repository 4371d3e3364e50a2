import { Invalid } from '../../lib/errors.js';
import type { ContactKind } from './schema.js';

/** Digits only, with a Russian 8… trunk prefix read as +7, so «8 (383) 228-63-58» matches «+7 383 2286358». */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('8') ? `7${digits.slice(1)}` : digits;
}

// A messenger id may be typed as «@name», «t.me/name», «https://vk.com/id123»: compare the bare id.
const MESSENGER_PREFIX: Record<'telegram' | 'vk' | 'ok', RegExp> = {
  telegram: /^(https?:\/\/)?(www\.)?(t\.me|telegram\.me)\//,
  vk: /^(https?:\/\/)?(www\.|m\.)?vk\.(com|ru)\//,
  ok: /^(https?:\/\/)?(www\.|m\.)?ok\.ru\/(profile\/)?/,
};

/** The form matching and merge suggestions compare: e-mail case-insensitive, phone by digits, ids bare. */
export function normalizeContact(kind: ContactKind, value: string): string {
  const trimmed = value.trim();
  switch (kind) {
    case 'email':
      return trimmed.toLowerCase();
    case 'phone':
      return normalizePhone(trimmed);
    case 'postal':
      return trimmed
        .toLowerCase()
        .replace(/[\p{P}\p{S}]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    default:
      return bareMessengerId(kind, trimmed.toLowerCase());
  }
}

/** Strips link prefixes, «@» and slashes until nothing changes, so normalising twice changes nothing. */
function bareMessengerId(kind: keyof typeof MESSENGER_PREFIX, value: string): string {
  const stripped = value.replace(MESSENGER_PREFIX[kind], '').replace(/^@+/, '').replace(/\/+$/, '').trim();
  return stripped === value ? value : bareMessengerId(kind, stripped);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Rejects a value that cannot be the contact it claims to be; `field` names the input for the form. */
export function assertContact(kind: ContactKind, value: string, field: string): string {
  const normalized = normalizeContact(kind, value);
  if (!normalized) throw new Invalid(field, 'Укажите контакт');
  if (kind === 'email' && !EMAIL.test(normalized))
    throw new Invalid(field, 'Неверный адрес электронной почты');
  if (kind === 'phone' && (normalized.length < 5 || normalized.length > 15)) {
    throw new Invalid(field, 'Телефон: от 5 до 15 цифр');
  }
  if (
    (kind === 'telegram' || kind === 'vk' || kind === 'ok') &&
    !/^[\p{L}\p{N}_.-]{2,64}$/u.test(normalized)
  ) {
    throw new Invalid(field, 'Идентификатор: буквы, цифры, «_», «.» или «-»');
  }
  return normalized;
}
