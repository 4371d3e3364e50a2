import { dictionary } from '@zxcvbn-ts/language-common';

let known: Set<string> | null = null;

/**
 * ASVS 2.1.7 without sending anything out: the ~49 000 most used passwords from leaks that
 * zxcvbn-ts ships (most are shorter than the minimum; the long ones — keyboard walks,
 * «gfhjkmgfhjkm» — still matter). Loaded on the first check, compared case-insensitively.
 */
export function isCommonPassword(password: string): boolean {
  known ??= new Set(dictionary['passwords-common']);
  return known.has(password.toLowerCase());
}
