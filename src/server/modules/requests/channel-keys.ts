import type { RequestChannel } from '../../../common/requests.js';
import type { FieldCrypto } from '../../lib/field-crypto.js';

/**
 * Networks whose message ids name a person: a Telegram or VK private message's id reads
 * "<chat>:<message>" and the chat's id is its person's; an OK message id is the dialog's.
 * Other channels' ids (an e-mail's Message-ID, a ПОС number) name no one and stay as they are.
 */
const PERSONAL_ID_CHANNELS = new Set<string>(['telegram', 'vk', 'ok']);

/**
 * The idempotency key of a request made from a channel's message. A network message's key is
 * stored as its blind index, with the plain key sealed beside it (`channelMessageKey`) so that the
 * startup backfill can index it again under a rotated key; a redelivery hashes the same way.
 */
export function channelKeyOf(crypto: FieldCrypto, channel: RequestChannel, externalId: string) {
  const plain = `${channel}:${externalId}`;
  if (!PERSONAL_ID_CHANNELS.has(channel)) return { idempotencyKey: plain, channelMessageKey: null };
  return { idempotencyKey: channelKeyIndex(crypto, plain), channelMessageKey: plain };
}

/** "<channel>:<HMAC>": the channel stays readable, and no portal key (no colon allowed) can equal it. */
export function channelKeyIndex(crypto: FieldCrypto, plain: string) {
  const channel = plain.slice(0, plain.indexOf(':'));
  return `${channel}:${crypto.blindIndex(plain)}`;
}
