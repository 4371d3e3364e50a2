import { customType } from 'drizzle-orm/pg-core';
import { type FieldCrypto, fieldCrypto } from './field-crypto.js';

/**
 * Contact values inside JSON documents (issue 12 p. 5, 152-ФЗ ст. 19): the audit snapshots and a
 * request's reply route. The documents stay JSON (the audit filters on other keys), only the
 * contact strings in them are sealed like the `sealedText` columns.
 *
 * The audit keys are those the callers record for people outside the agency: a reception
 * booking's and card's `phone`, `email`, `postalAddress`, a mailing subscriber's `email`, a call's
 * `callerPhone`, a client's `postalAddress` and its `contacts[].value` (every contact kind is sealed
 * in `client_contacts`). A staff user's `email` matches the same key and is sealed too: harmless,
 * the audit log opens it for whoever may read it.
 */
export const AUDIT_CONTACT_KEYS = ['email', 'phone', 'postalAddress', 'callerPhone'] as const;
const CONTACT_KEYS = new Set<string>(AUDIT_CONTACT_KEYS);

/** Applies `change` to every contact string in an audit snapshot, at any depth. */
export function mapAuditContacts(value: unknown, change: (text: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapAuditContacts(item, change));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (CONTACT_KEYS.has(key) && typeof inner === 'string') return [key, change(inner)];
      if (key === 'contacts' && Array.isArray(inner))
        return [key, inner.map((c) => mapContactValue(c, change))];
      return [key, mapAuditContacts(inner, change)];
    }),
  );
}

function mapContactValue(contact: unknown, change: (text: string) => string) {
  const walked = mapAuditContacts(contact, change);
  if (walked === null || typeof walked !== 'object' || Array.isArray(walked)) return walked;
  const { value } = walked as { value?: unknown };
  return typeof value === 'string' ? { ...walked, value: change(value) } : walked;
}

/**
 * The ids in a network thread that lead to a person: the post or chat answered, the comment and
 * message (Telegram names them "<chat>:<message>", and a private chat's id is its person's) and
 * the author. The thread's kind, a forum topic and an e-mail's Message-IDs stay open.
 */
export const THREAD_ID_KEYS = ['postId', 'commentId', 'replyTo', 'authorId'] as const;

/** Applies `change` to every network id of an outbound thread or a reply route's thread. */
export function mapThreadIds<T extends Record<string, string>>(
  thread: T,
  change: (text: string) => string,
): T {
  if (thread === null || typeof thread !== 'object' || Array.isArray(thread)) return thread;
  const changed: Record<string, string> = { ...thread };
  for (const key of THREAD_ID_KEYS) {
    const value = changed[key];
    if (typeof value === 'string') changed[key] = change(value);
  }
  return changed as T;
}

/** The reply route's `recipient` (the address or chat id) and its thread's ids; the network and account are not contacts. */
export function mapRouteRecipient<T extends { recipient: string; thread?: Record<string, string> }>(
  route: T,
  change: (text: string) => string,
): T {
  const { thread } = route;
  return {
    ...route,
    recipient: change(route.recipient),
    ...(thread ? { thread: mapThreadIds(thread, change) } : {}),
  };
}

// node-postgres and PGlite hand jsonb back parsed; a string is a driver that did not.
const parsed = (stored: unknown) => (typeof stored === 'string' ? JSON.parse(stored) : stored);

/** Seals with the current key whatever is not under it yet: clear values and a previous key's. */
export function resealer(crypto: FieldCrypto) {
  const current = `f1:${crypto.keyId}:`;
  return (text: string) => (text.startsWith(current) ? text : crypto.seal(crypto.open(text)));
}

/** An audit snapshot column: contact values sealed on write, opened on read. */
export const sealedAuditJson = customType<{ data: unknown; driverData: string }>({
  dataType: () => 'jsonb',
  toDriver: (snapshot) => JSON.stringify(mapAuditContacts(snapshot, (text) => fieldCrypto().seal(text))),
  fromDriver: (stored) => mapAuditContacts(parsed(stored), (text) => fieldCrypto().open(text)),
});

/** A reply route column: the recipient and the thread's ids sealed on write, opened on read. */
export function sealedRouteJson<T extends { recipient: string; thread?: Record<string, string> }>(
  name: string,
) {
  return customType<{ data: T; driverData: string }>({
    dataType: () => 'jsonb',
    toDriver: (route) => JSON.stringify(mapRouteRecipient(route, (text) => fieldCrypto().seal(text))),
    fromDriver: (stored) => mapRouteRecipient(parsed(stored) as T, (text) => fieldCrypto().open(text)),
  })(name);
}

/** An outbound thread column: the network ids sealed on write, opened on read; the keys stay queryable. */
export function sealedThreadJson<T extends Record<string, string>>(name: string) {
  return customType<{ data: T; driverData: string }>({
    dataType: () => 'jsonb',
    toDriver: (thread) => JSON.stringify(mapThreadIds(thread, (text) => fieldCrypto().seal(text))),
    fromDriver: (stored) => mapThreadIds(parsed(stored) as T, (text) => fieldCrypto().open(text)),
  })(name);
}
