import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.js';
import { recipientIndexOf } from '../outbox.repo.js';
import { channelAccounts, outboundMessages, socialItems } from '../schema.js';

/**
 * Whether the bot already queued a reply to this message (a redelivered /start gets no second
 * greeting). The message id in a thread is sealed, so the chat's replies are opened and compared here.
 */
export async function repliedTo(executor: Executor, accountId: string, chatId: string, messageId: string) {
  const rows = await executor
    .select({ thread: outboundMessages.thread })
    .from(outboundMessages)
    .where(
      and(
        eq(outboundMessages.network, 'telegram'),
        eq(outboundMessages.accountId, accountId),
        eq(outboundMessages.recipientIndex, recipientIndexOf(chatId)),
        sql`${outboundMessages.thread} ? 'replyTo'`,
      ),
    );
  return rows.some((row) => row.thread?.replyTo === messageId);
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
