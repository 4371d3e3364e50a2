import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, CSRF and reset tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
