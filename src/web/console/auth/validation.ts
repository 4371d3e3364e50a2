import type { TFunction } from 'i18next';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../common/passwords';

// Deliberately loose: the server has the final word, this only catches typos before a round trip.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateEmail(value: string, t: TFunction): string | null {
  if (!value.trim()) return t('validation.required', { ns: 'common' });
  return EMAIL.test(value.trim()) ? null : t('validation.email', { ns: 'common' });
}

export function validateRequired(value: string, t: TFunction): string | null {
  return value.trim() ? null : t('validation.required', { ns: 'common' });
}

export function validateNewPassword(value: string, t: TFunction): string | null {
  if (!value) return t('validation.required', { ns: 'common' });
  const length = [...value].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return t('validation.minLength', { ns: 'common', count: MIN_PASSWORD_LENGTH });
  }
  return length > MAX_PASSWORD_LENGTH
    ? t('validation.maxLength', { ns: 'common', count: MAX_PASSWORD_LENGTH })
    : null;
}
