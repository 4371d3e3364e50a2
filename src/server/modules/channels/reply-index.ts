import type { FieldCrypto } from '../../lib/field-crypto.js';

/**
 * The blind index of the message an outbound reply answers (`thread.replyTo`, sealed) together
 * with its chat: a bot asks «did I already answer this message?» (a redelivered /start) with one
 * indexed match instead of opening every reply in the chat. The chat is in it because message
 * ids repeat across chats; the pair as JSON can never equal a plain id's index.
 */
export function replyToIndexOf(crypto: FieldCrypto, recipient: string, replyTo: string) {
  return crypto.blindIndex(JSON.stringify([recipient, replyTo]));
}
