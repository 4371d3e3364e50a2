import type { ChannelAccounts } from '../accounts.service.js';
import { PermanentFailure, type Transport } from '../transport.js';
import { OkApiError, okGraph } from './api.js';

// OK refusals no retry changes: permission denied, a bad parameter, no such chat or user.
const PERMANENT_CODES = new Set([10, 100, 300, 455]);

/** Outbound OK: a message from the group's bot into the chat the request came from. */
export function createOkTransport(accounts: ChannelAccounts): Transport {
  return {
    async send(message) {
      const account = message.accountId ? await accounts.openById(message.accountId) : null;
      if (!account || account.agencyId !== message.agencyId || account.network !== 'ok') {
        throw new PermanentFailure('Подключение Одноклассников для этого сообщения удалено');
      }
      const chatId = message.recipient;
      try {
        const sent = await okGraph<{ message_id?: string }>(
          account,
          `/me/messages/${encodeURIComponent(chatId)}`,
          { recipient: { chat_id: chatId }, message: { text: message.body } },
        );
        return { externalId: sent.message_id ?? null };
      } catch (error) {
        if (error instanceof OkApiError && PERMANENT_CODES.has(error.code)) {
          throw new PermanentFailure(`Одноклассники отказали: ${error.message}`);
        }
        throw error;
      }
    },
  };
}
