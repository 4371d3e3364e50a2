import type { TFunction } from 'i18next';

// Deliberately loose: the server has the final word, this only catches typos before a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MIN_PASSWORD_LENGTH = 10;

export function validateEmail(value: string, t: TFunction): string | null {
  if (!value.trim()) return t('validation.required', { ns: 'common' });
  return EMAIL.test(value.trim()) ? null : t('validation.email', { ns: 'common' });
}

export function validateRequired(value: string, t: TFunction): string | null {
  return value.trim() ? null : t('validation.required', { ns: 'common' });
}

export function validateNewPassword(value: string, t: TFunction): string | null {
  if (!value) return t('validation.required', { ns: 'common' });
  return value.length >= MIN_PASSWORD_LENGTH
    ? null
    : t('validation.minLength', { ns: 'common', count: MIN_PASSWORD_LENGTH });
}
