import { randomBytes, randomInt } from 'node:crypto';
import type { FakeTelegram } from './fake-telegram.js';
import type { StaffClient } from './harness.js';

/** A fresh bot token in Telegram's shape («<bot id>:<35 characters>»). */
export const botToken = () =>
  `${randomInt(1e8, 1e9)}:AA${randomBytes(24).toString('base64url').slice(0, 33)}`;

/**
 * Connects a bot on the fake Bot API as the agency's Telegram account through the staff API,
 * as an administrator does in the console; returns the account id and its credentials.
 */
export async function connectBot(
  staff: StaffClient,
  fake: FakeTelegram,
  settings: Record<string, string> = {},
) {
  const token = botToken();
  const webhookSecret = randomBytes(18).toString('base64url');
  fake.addBot(token);
  const response = await staff.request({
    method: 'POST',
    url: '/api/staff/channels',
    payload: {
      network: 'telegram',
      title: 'Бот обращений',
      settings: { mode: 'polling', apiRoot: fake.apiRoot, ...settings },
      secrets: { botToken: token, webhookSecret },
    },
  });
  if (response.statusCode !== 201) throw new Error(`connect bot: ${response.statusCode} ${response.body}`);
  return { accountId: response.json<{ id: string }>().id, token, webhookSecret };
}

let nextMessageId = 500;

/** A private message from a citizen to the bot, as Telegram puts it in an update. */
export function privateMessage(
  chatId: number,
  text: string,
  extra: Record<string, unknown> = {},
  messageId = nextMessageId++,
) {
  return {
    message: {
      message_id: messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: 'private', first_name: 'Мария', last_name: 'Иванова' },
      from: { id: chatId, is_bot: false, first_name: 'Мария', last_name: 'Иванова', language_code: 'ru' },
      text,
      ...extra,
    },
  };
}

/** The discussion group's automatic copy of a channel post, which comments answer. */
export function channelPostCopy(
  groupId: number,
  copyId: number,
  channelId: number,
  postId: number,
  text: string,
) {
  return {
    message_id: copyId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: groupId, type: 'supergroup', title: 'Обсуждение' },
    sender_chat: { id: channelId, type: 'channel', title: 'Канал ведомства' },
    is_automatic_forward: true,
    forward_origin: {
      type: 'channel',
      chat: { id: channelId, type: 'channel', title: 'Канал ведомства' },
      message_id: postId,
      date: Math.floor(Date.now() / 1000) - 60,
    },
    text,
  };
}

/** A comment in the discussion group, answering `parent` in the thread of the post copy `threadId`. */
export function groupComment(
  groupId: number,
  messageId: number,
  text: string,
  parent: Record<string, unknown>,
  threadId: number,
) {
  return {
    message: {
      message_id: messageId,
      message_thread_id: threadId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: groupId, type: 'supergroup', title: 'Обсуждение' },
      from: { id: 3030, is_bot: false, first_name: 'Пётр', last_name: 'Сидоров' },
      reply_to_message: parent,
      text,
    },
  };
}

export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
