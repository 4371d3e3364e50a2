import type { ChannelAccounts } from '../accounts.service.js';
import { type OutboundRow, PermanentFailure, type Transport } from '../transport.js';
import { vkApiOf, vkErrorCode, vkGroupIdOf } from './api.js';

// VK refusals that no retry changes: the user forbade messages from the community or blocked it,
// no such user or post, access to the wall or comments denied, a bad parameter, a too-long text.
const PERMANENT_CODES = new Set([7, 15, 18, 100, 113, 210, 211, 212, 213, 222, 900, 901, 902, 914]);

/**
 * The `random_id` VK uses to drop a repeated `messages.send` for a while: derived from the outbox
 * row, so a retry after an unclear failure does not post the message twice.
 */
export const vkRandomIdOf = (outboundId: string) =>
  Number.parseInt(outboundId.replace(/-/g, '').slice(0, 8), 16) & 0x7fffffff;

/**
 * Outbound VK: a chat answer by `messages.send` to the dialogue's peer, a comment answer by
 * `wall.createComment` under the post (thread.postId, thread.commentId) on behalf of the community.
 */
export function createVkTransport(accounts: ChannelAccounts): Transport {
  async function accountOf(message: OutboundRow) {
    const account = message.accountId ? await accounts.openById(message.accountId) : null;
    if (!account || account.agencyId !== message.agencyId || account.network !== 'vk') {
      throw new PermanentFailure('Подключение ВКонтакте для этого сообщения удалено');
    }
    return account;
  }

  return {
    async send(message) {
      const account = await accountOf(message);
      const api = vkApiOf(account);
      try {
        if (message.thread?.kind === 'post') {
          const groupId = vkGroupIdOf(account);
          const { post_id } = await api.wall.post({
            owner_id: -groupId,
            from_group: 1,
            message: message.body,
            guid: message.id,
          });
          return { externalId: `${-groupId}_${post_id}` };
        }
        const postId = message.thread?.postId;
        if (postId) {
          const groupId = vkGroupIdOf(account);
          const commentId = message.thread?.commentId;
          const { comment_id } = await api.wall.createComment({
            owner_id: -groupId,
            post_id: Number(postId),
            from_group: groupId,
            message: message.body,
            guid: message.id,
            // The social inbox names a comment by its network id, "<owner>_<comment>".
            ...(commentId ? { reply_to_comment: Number(commentId.split('_').pop()) } : {}),
          });
          return { externalId: `${-groupId}_${comment_id}` };
        }
        const sent = await api.messages.send({
          peer_id: Number(message.recipient),
          message: message.body,
          random_id: vkRandomIdOf(message.id),
        });
        return { externalId: String(sent) };
      } catch (error) {
        const code = vkErrorCode(error);
        if (code !== null && PERMANENT_CODES.has(code)) {
          throw new PermanentFailure(`ВКонтакте отказал (${code}): ${(error as Error).message}`);
        }
        throw error;
      }
    },
  };
}
