import { GrammyError } from 'grammy';
import type { ChannelAccounts } from '../accounts.service.js';
import { type OutboundRow, PermanentFailure, type Transport } from '../transport.js';
import { botApi, describeFailure } from './client.js';

/** Telegram's limit for one text message. */
const MESSAGE_LIMIT = 4096;

/** Cuts a long text into messages at paragraph or line breaks where it can. */
export function splitMessage(text: string, limit = MESSAGE_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit);
    const cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('\n'));
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n+/, '');
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/**
 * The social inbox names the item answered by its network id, "<chat>:<message>" — for a channel
 * comment that chat is the discussion group, not the post's thread: answer there, under it.
 */
function targetOf(message: OutboundRow): { chat: string; replyTo: number } {
  const item = /^(-?\d+):(\d+)$/.exec(message.thread?.commentId ?? message.thread?.replyTo ?? '');
  if (item?.[1] && item[2]) return { chat: item[1], replyTo: Number(item[2]) };
  return { chat: message.recipient, replyTo: Number(message.thread?.replyTo) };
}

/**
 * Bot messages out of the outbox: to the recipient chat, as a reply to the message the thread
 * names (the client's appeal), in its forum topic when there is one. Telegram's 403 (the user
 * blocked the bot) and 400 (no such chat, bad request) are final; 429 and network errors retry.
 */
export function createTelegramTransport(accounts: ChannelAccounts): Transport {
  return {
    async send(message) {
      const account = message.accountId ? await accounts.openById(message.accountId) : null;
      if (!account)
        throw new PermanentFailure('Подключение Telegram, через которое пришло обращение, удалено');
      const api = botApi(account);
      const { chat, replyTo } = targetOf(message);
      const topic = Number(message.thread?.messageThreadId);
      let firstId: number | null = null;
      for (const part of splitMessage(message.body)) {
        try {
          const sent = await api.sendMessage(chat, part, {
            ...(firstId === null && Number.isSafeInteger(replyTo)
              ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } }
              : {}),
            ...(Number.isSafeInteger(topic) ? { message_thread_id: topic } : {}),
          });
          firstId ??= sent.message_id;
        } catch (error) {
          if (error instanceof GrammyError && (error.error_code === 403 || error.error_code === 400)) {
            throw new PermanentFailure(describeFailure(error));
          }
          if (error instanceof GrammyError && error.error_code === 429) {
            throw new Error(
              `Telegram просит подождать ${error.parameters.retry_after ?? '?'} с (429 Too Many Requests)`,
            );
          }
          throw new Error(describeFailure(error));
        }
      }
      return { externalId: firstId === null ? null : String(firstId) };
    },
  };
}
