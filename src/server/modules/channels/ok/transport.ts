import type { ChannelAccounts, OpenAccount } from '../accounts.service.js';
import { type OutboundRow, PermanentFailure, type Transport } from '../transport.js';
import { OkApiError, okGraph } from './api.js';
import { okRest, okRestMissing } from './rest.js';

// OK refusals no retry changes: permission denied, a bad parameter, a wrong application key,
// an expired or wrong token, a wrong signature (a wrong secret key), no such chat, topic or user.
const PERMANENT_CODES = new Set([10, 100, 101, 102, 103, 104, 300, 455]);
const HINTS: Record<number, string> = {
  10: 'у ключа доступа нет прав на группу (нужны GROUP_CONTENT и PUBLISH_TO_STREAM)',
  101: 'неверный публичный ключ приложения (applicationKey)',
  102: 'ключ доступа истёк или отозван',
  103: 'ключ доступа неверен',
  104: 'подпись запроса не сошлась: проверьте секретный ключ приложения (applicationSecretKey)',
};

/**
 * A post to the group's feed (`mediatopic.post`, a GROUP_THEME with one text block). OK takes no
 * idempotency key here, so a response lost after OK stored the topic is not told from a failure:
 * the outbox's own rule (a send cut off is marked uncertain, never repeated on its own) is what
 * keeps a restart from posting twice.
 */
async function postToFeed(account: OpenAccount, message: OutboundRow) {
  const topicId = await okRest<string | { id?: string }>(account, 'mediatopic.post', {
    gid: message.recipient,
    type: 'GROUP_THEME',
    attachment: JSON.stringify({ media: [{ type: 'text', text: message.body }] }),
  });
  return { externalId: typeof topicId === 'string' ? topicId : (topicId.id ?? null) };
}

/**
 * An answer under a topic of the group, on behalf of the group, as a reply to the comment being
 * answered. The method and its parameters (`discussions.comment` with discussionId,
 * discussionType GROUP_TOPIC, text, as_admin, reply_to_comment_id) are not on any apiok.ru page
 * we could read; they follow OK's naming of `discussions.getComments` and its comment fields.
 */
async function commentOnTopic(account: OpenAccount, message: OutboundRow, topicId: string) {
  const commentId = message.thread?.commentId;
  const sent = await okRest<string | { id?: string }>(account, 'discussions.comment', {
    discussionId: topicId,
    discussionType: 'GROUP_TOPIC',
    text: message.body,
    as_admin: 'true',
    ...(commentId ? { reply_to_comment_id: commentId } : {}),
  });
  return { externalId: typeof sent === 'string' ? sent : (sent.id ?? null) };
}

/**
 * Outbound OK: a chat message from the group's bot (Bot API), a post to the group's feed and an
 * answer to a comment under a topic (classic REST API, signed with the application's keys).
 */
export function createOkTransport(accounts: ChannelAccounts): Transport {
  return {
    async send(message) {
      const account = message.accountId ? await accounts.openById(message.accountId) : null;
      if (!account || account.agencyId !== message.agencyId || account.network !== 'ok') {
        throw new PermanentFailure('Подключение Одноклассников для этого сообщения удалено');
      }
      const viaRest = message.thread?.kind === 'post' || message.thread?.kind === 'comment';
      const missing = viaRest ? okRestMissing(account) : null;
      if (missing) throw new PermanentFailure(`Одноклассники: в подключении ${missing}`);
      try {
        if (message.thread?.kind === 'post') return await postToFeed(account, message);
        const topicId = message.thread?.postId;
        if (message.thread?.kind === 'comment' && topicId) {
          return await commentOnTopic(account, message, topicId);
        }
        const chatId = message.recipient;
        const sent = await okGraph<{ message_id?: string }>(
          account,
          `/me/messages/${encodeURIComponent(chatId)}`,
          { recipient: { chat_id: chatId }, message: { text: message.body } },
        );
        return { externalId: sent.message_id ?? null };
      } catch (error) {
        if (error instanceof OkApiError && PERMANENT_CODES.has(error.code)) {
          const hint = HINTS[error.code];
          throw new PermanentFailure(
            `Одноклассники отказали: ${hint ? `${hint} (${error.message})` : error.message}`,
          );
        }
        throw error;
      }
    },
  };
}
