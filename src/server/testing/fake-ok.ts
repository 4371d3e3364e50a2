import { randomBytes } from 'node:crypto';
import type { OkWebhook } from '../modules/channels/ok/events.js';
import { startLoopbackJson } from './loopback-http.js';

export interface FakeOk {
  /** What an account's `apiBaseUrl` setting points to (…/graph). */
  apiBaseUrl: string;
  token: string;
  /** Messages the bot sent, per chat. */
  sent: { chatId: string; text: string; messageId: string }[];
  subscriptions: string[];
  /** The next message sends answer with these OK error codes. */
  failNext(...codes: number[]): void;
  close(): Promise<void>;
}

const error = (code: number, message: string) => ({ error_code: code, error_msg: message, error_data: null });

/**
 * The OK Bot API (Graph API) on loopback: `/graph/me/info`, `/graph/me/subscriptions`,
 * `/graph/me/subscribe`, `/graph/me/messages/{chat_id}`, with `access_token` in the query and OK's
 * `{error_code, error_msg}` errors.
 */
export async function startFakeOk(): Promise<FakeOk> {
  const token = `tkn${randomBytes(16).toString('hex')}`;
  const failures: number[] = [];
  const fake = { token, sent: [] as FakeOk['sent'], subscriptions: [] as string[] };
  const server = await startLoopbackJson((call) => {
    if (call.params.access_token !== token) return error(102, 'PARAM_SESSION_EXPIRED : Session expired');
    const body = (call.json ?? {}) as { url?: string; message?: { text?: string } };
    if (call.path === '/graph/me/info') return { user_id: 'user:577000000001', name: 'Бот группы ведомства' };
    if (call.path === '/graph/me/subscriptions') {
      return { subscriptions: fake.subscriptions.map((url) => ({ url, time: Date.now() })) };
    }
    if (call.path === '/graph/me/subscribe' && call.method === 'POST' && body.url) {
      fake.subscriptions.push(body.url);
      return { success: true };
    }
    const chat = /^\/graph\/me\/messages\/([^/]+)$/.exec(call.path)?.[1];
    if (chat && call.method === 'POST') {
      const failure = failures.shift();
      if (failure) return error(failure, failure === 300 ? 'NOT_FOUND : Chat not found' : 'SYSTEM : error');
      const messageId = `mid:${randomBytes(8).toString('hex')}`;
      fake.sent.push({ chatId: decodeURIComponent(chat), text: body.message?.text ?? '', messageId });
      return { success: true, message_id: messageId };
    }
    return error(3, 'METHOD : Method not found');
  });
  return {
    ...fake,
    apiBaseUrl: `${server.url}/graph`,
    failNext: (...codes) => failures.push(...codes),
    close: server.close,
  };
}

/** A MESSAGE_CREATED webhook as OK posts it when someone writes to the group's bot. */
export const okMessageEvent = (
  chatId: string,
  userId: string,
  text: string,
  name = 'Мария Иванова',
): OkWebhook => ({
  webhookType: 'MESSAGE_CREATED',
  sender: { user_id: `user:${userId}`, name },
  recipient: { chat_id: chatId },
  message: { text },
  mid: `mid:${randomBytes(10).toString('hex')}`,
  timestamp: Date.now(),
});
