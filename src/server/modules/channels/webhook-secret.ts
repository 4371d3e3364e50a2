import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Compares a secret a network sent with the one stored, in time that does not depend on where
 * they differ (digests first, so the lengths match). An unset stored secret never matches.
 */
export function sameSecret(received: unknown, expected: string | undefined): boolean {
  if (typeof received !== 'string' || !expected) return false;
  return timingSafeEqual(digest(received), digest(expected));
}
