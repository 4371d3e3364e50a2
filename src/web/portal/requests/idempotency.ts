const KEY_PATTERN = /^[A-Za-z0-9_-]{8,100}$/;

/** 32 hex digits; `crypto.randomUUID` exists only on https and localhost, so fall back to bytes. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID().replaceAll('-', '');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function isIdempotencyKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

/**
 * One key per submission. The key is made when the form is first filled and kept while the same
 * content is sent again (a double click, a retry after a network error or a 429), so the server
 * answers with the request it already has. Once the content changes after a send, it is another
 * submission and gets a new key; otherwise the server would return the old request and the edit
 * would be silently lost.
 */
export class IdempotencyKeeper {
  private key: string | null = null;
  private sentPayload: string | null = null;

  constructor(private readonly generate: () => string = newIdempotencyKey) {}

  /** Called on the first input into the form. */
  touch(): void {
    this.key ??= this.generate();
  }

  keyFor(payload: string): string {
    if (this.sentPayload !== null && this.sentPayload !== payload) this.key = null;
    this.key ??= this.generate();
    this.sentPayload = payload;
    return this.key;
  }

  /** After a success, for the next request. */
  reset(): void {
    this.key = null;
    this.sentPayload = null;
  }
}
