import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { fieldCrypto } from '../../../lib/field-crypto.js';
import { replyToIndexOf } from '../reply-index.js';
import { channelAccounts, outboundMessages, socialItems } from '../schema.js';

/**
 * Whether the bot already queued a reply to this message (a redelivered /start gets no second
 * greeting): the message id in a thread is sealed, so it is matched by its blind index with the chat.
 */
export async function repliedTo(executor: Executor, accountId: string, chatId: string, messageId: string) {
  const [row] = await executor
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(
      and(
        eq(outboundMessages.replyToIndex, replyToIndexOf(fieldCrypto(), chatId, messageId)),
        eq(outboundMessages.network, 'telegram'),
        eq(outboundMessages.accountId, accountId),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The channel post a discussion thread belongs to, found through an earlier comment in it: a
 * reply to a comment names only the group's copy of the post, which the first comment recorded.
 */
export async function threadOfGroupCopy(
  executor: Executor,
  agencyId: string,
  accountId: string,
  copyId: string,
) {
  const [row] = await executor
    .select({ threadId: socialItems.threadId, threadTitle: socialItems.threadTitle })
    .from(socialItems)
    .where(
      and(
        eq(socialItems.agencyId, agencyId),
        eq(socialItems.network, 'telegram'),
        eq(socialItems.accountId, accountId),
        eq(socialItems.parentId, copyId),
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function accountEnabled(executor: Executor, accountId: string) {
  const [row] = await executor
    .select({ enabled: channelAccounts.enabled })
    .from(channelAccounts)
    .where(eq(channelAccounts.id, accountId));
  return row?.enabled === true;
}
