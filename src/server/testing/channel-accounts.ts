import { and, eq } from 'drizzle-orm';
import type { RequestChannel } from '../../common/requests.js';
import { fieldCrypto } from '../lib/field-crypto.js';
import { channelKeyOf } from '../modules/requests/channel-keys.js';
import { requests } from '../modules/requests/schema.js';
import type { Harness, StaffClient } from './harness.js';

/** Connects a network account as the agency's admin through the console API; returns its id. */
export async function connectAccount(
  staff: StaffClient,
  payload: { network: 'vk' | 'ok'; settings: Record<string, string>; secrets: Record<string, string> },
): Promise<string> {
  const response = await staff.request({
    method: 'POST',
    url: '/api/staff/channels',
    payload: { title: 'Подключение для теста', ...payload },
  });
  if (response.statusCode !== 201) throw new Error(`connect failed: ${response.body}`);
  return response.json<{ id: string }>().id;
}

export const agencyIdOf = async (harness: Harness, slug: string) =>
  (await harness.services.agencies.findBySlug(slug))?.id as string;

/** The key as registration stores it: a network message's "<channel>:<id>" becomes its blind index. */
function storedKey(key: string) {
  const colon = key.indexOf(':');
  return channelKeyOf(fieldCrypto(), key.slice(0, colon) as RequestChannel, key.slice(colon + 1))
    .idempotencyKey;
}

/** Requests registered under a channel's message key ("<channel>:<message id>"), in any agency. */
export const requestsByKey = (harness: Harness, key: string) =>
  harness.services.database.db
    .select()
    .from(requests)
    .where(eq(requests.idempotencyKey, storedKey(key)));

export const requestsOfAgency = (harness: Harness, agencyId: string, key: string) =>
  harness.services.database.db
    .select()
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), eq(requests.idempotencyKey, storedKey(key))));

/** Waits until `probe` returns something truthy (a background poller's work), or fails. */
export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Delivers the outbox until `probe` sees what it waits for. On a shared Postgres another test
 * file's harness may be the node that claims and sends a row, so one `drain` is not enough.
 */
export const delivered = <T>(harness: Harness, probe: () => T | Promise<T>) =>
  eventually(async () => {
    await harness.services.outbox.drain();
    return probe();
  });
