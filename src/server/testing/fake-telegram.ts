import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A message the bot sent, as the fake recorded the sendMessage call. */
export interface SentMessage {
  messageId: number;
  chatId: string;
  text: string;
  replyTo: number | null;
  messageThreadId: number | null;
}

interface Bot {
  id: number;
  username: string;
  updates: Array<{ update_id: number } & Record<string, unknown>>;
  nextUpdateId: number;
  /** The highest offset a getUpdates call sent: every update below it is confirmed and gone. */
  confirmedOffset: number;
  sent: SentMessage[];
  nextMessageId: number;
  webhook: { url: string; secretToken: string | null } | null;
  files: Map<string, { path: string; content: Buffer }>;
  waiters: Array<() => void>;
}

export interface FakeTelegram {
  /** What an account's `apiRoot` setting points at. */
  apiRoot: string;
  /** Makes a bot known to the fake; other tokens get 401 Unauthorized, as on Telegram. */
  addBot(token: string, username?: string): void;
  /** Queues an update for getUpdates; the fake numbers it like Telegram does. */
  pushUpdate(token: string, update: Record<string, unknown>): number;
  sent(token: string): SentMessage[];
  confirmedOffset(token: string): number;
  pendingUpdates(token: string): number;
  webhook(token: string): { url: string; secretToken: string | null } | null;
  /** A file the bot can fetch with getFile and download; returns its file_id. */
  addFile(token: string, content: Buffer, path: string): string;
  /**
   * The next getFile for this file never answers (as if Telegram hung); the promise resolves when
   * it is asked, which tells a test the bot is in the middle of that update.
   */
  holdNextGetFile(fileId: string): Promise<void>;
  /** sendMessage to this chat answers 403 «bot was blocked by the user». */
  blockChat(chatId: number | string): void;
  /** The next sendMessage calls answer with these errors before any succeeds. */
  failNextSends(...errors: Array<{ code: number; description: string; retryAfter?: number }>): void;
  close(): Promise<void>;
}

const ok = (result: unknown) => ({ ok: true, result });
const fail = (code: number, description: string, parameters?: Record<string, unknown>) => ({
  ok: false,
  error_code: code,
  description,
  ...(parameters ? { parameters } : {}),
});

async function readParams(request: IncomingMessage, url: URL): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  if (!body) return params;
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    return { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
  }
  return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
}

/**
 * A Telegram Bot API stand-in on loopback for tests: the methods Otklik calls, in Telegram's JSON
 * shapes ({ok, result} / {ok:false, error_code, description}), with getUpdates' offset semantics
 * (an offset confirms and drops every earlier update) and a short long-poll.
 */
export async function startFakeTelegram(
  options: {
    longPollCapMs?: number;
    /** At most this many updates per getUpdates answer (Telegram: `limit`, up to 100). */
    batch?: number;
  } = {},
): Promise<FakeTelegram> {
  const bots = new Map<string, Bot>();
  const blocked = new Set<string>();
  const sendFailures: Array<{ code: number; description: string; retryAfter?: number }> = [];
  const heldFiles = new Map<string, () => void>();
  const longPollCapMs = options.longPollCapMs ?? 300;
  let nextBotId = 7000001;
  let nextFileId = 1;

  const botOf = (token: string) => {
    const bot = bots.get(token);
    if (!bot) throw new Error(`fake telegram: unknown bot ${token}`);
    return bot;
  };
  const wake = (bot: Bot) => {
    for (const waiter of bot.waiters.splice(0)) waiter();
  };

  async function getUpdates(bot: Bot, params: Record<string, unknown>) {
    if (bot.webhook) {
      return fail(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = params.offset === undefined ? 0 : Number(params.offset);
    if (offset > bot.confirmedOffset) bot.confirmedOffset = offset;
    bot.updates = bot.updates.filter((update) => update.update_id >= bot.confirmedOffset);
    const limit = Math.min(Number(params.limit ?? 100) || 100, options.batch ?? 100);
    const timeoutMs = Math.min(Number(params.timeout ?? 0) * 1000, longPollCapMs);
    if (bot.updates.length === 0 && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        bot.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return ok(bot.updates.slice(0, limit));
  }

  function sendMessage(bot: Bot, params: Record<string, unknown>) {
    const chatId = String(params.chat_id ?? '');
    const text = String(params.text ?? '');
    if (!chatId) return fail(400, 'Bad Request: chat_id is empty');
    if (!text) return fail(400, 'Bad Request: message text is empty');
    if (text.length > 4096) return fail(400, 'Bad Request: message is too long');
    const failure = sendFailures.shift();
    if (failure) {
      return fail(
        failure.code,
        failure.description,
        failure.retryAfter ? { retry_after: failure.retryAfter } : undefined,
      );
    }
    if (blocked.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
    if (!/^-?\d+$/.test(chatId)) return fail(400, 'Bad Request: chat not found');
    const replyParameters = params.reply_parameters as { message_id?: number } | undefined;
    const message: SentMessage = {
      messageId: bot.nextMessageId++,
      chatId,
      text,
      replyTo: replyParameters?.message_id ?? null,
      messageThreadId: params.message_thread_id === undefined ? null : Number(params.message_thread_id),
    };
    bot.sent.push(message);
    return ok({
      message_id: message.messageId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: Number(chatId), type: Number(chatId) > 0 ? 'private' : 'supergroup' },
      from: { id: bot.id, is_bot: true, first_name: 'Отклик', username: bot.username },
      text,
    });
  }

  function call(bot: Bot, method: string, params: Record<string, unknown>): Promise<unknown> | unknown {
    switch (method) {
      case 'getMe':
        return ok({ id: bot.id, is_bot: true, first_name: 'Отклик', username: bot.username });
      case 'getUpdates':
        return getUpdates(bot, params);
      case 'sendMessage':
        return sendMessage(bot, params);
      case 'getFile': {
        const held = heldFiles.get(String(params.file_id));
        if (held) {
          heldFiles.delete(String(params.file_id));
          held();
          return new Promise(() => undefined);
        }
        const file = bot.files.get(String(params.file_id));
        if (!file) return fail(400, 'Bad Request: invalid file_id');
        return ok({
          file_id: String(params.file_id),
          file_unique_id: `u${params.file_id}`,
          file_size: file.content.length,
          file_path: file.path,
        });
      }
      case 'setWebhook':
        bot.webhook = {
          url: String(params.url ?? ''),
          secretToken: params.secret_token ? String(params.secret_token) : null,
        };
        return { ok: true, result: true, description: 'Webhook was set' };
      case 'deleteWebhook':
        bot.webhook = null;
        return { ok: true, result: true, description: 'Webhook was deleted' };
      default:
        return fail(404, 'Not Found');
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://fake');
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (download) {
      const bot = bots.get(decodeURIComponent(download[1] ?? ''));
      const file = [...(bot?.files.values() ?? [])].find((f) => f.path === download[2]);
      if (!file) return send(404, fail(404, 'Not Found'));
      response.writeHead(200, { 'content-type': 'application/octet-stream' });
      return response.end(file.content);
    }
    const route = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!route) return send(404, fail(404, 'Not Found'));
    const bot = bots.get(decodeURIComponent(route[1] ?? ''));
    if (!bot) return send(401, fail(401, 'Unauthorized'));
    const params = await readParams(request, url);
    const result = (await call(bot, route[2] ?? '', params)) as { ok: boolean; error_code?: number };
    send(result.ok ? 200 : (result.error_code ?? 400), result);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: Error) => {
      response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify(fail(500, `Internal Server Error: ${error.message}`)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    addBot(token, username = `bot${nextBotId}`) {
      bots.set(token, {
        id: nextBotId++,
        username,
        updates: [],
        nextUpdateId: 100001,
        confirmedOffset: 0,
        sent: [],
        nextMessageId: 1,
        webhook: null,
        files: new Map(),
        waiters: [],
      });
    },
    pushUpdate(token, update) {
      const bot = botOf(token);
      const updateId = bot.nextUpdateId++;
      bot.updates.push({ ...update, update_id: updateId });
      wake(bot);
      return updateId;
    },
    sent: (token) => botOf(token).sent,
    confirmedOffset: (token) => botOf(token).confirmedOffset,
    pendingUpdates: (token) =>
      botOf(token).updates.filter((u) => u.update_id >= botOf(token).confirmedOffset).length,
    webhook: (token) => botOf(token).webhook,
    addFile(token, content, path) {
      const fileId = `file-${nextFileId++}`;
      botOf(token).files.set(fileId, { path, content });
      return fileId;
    },
    holdNextGetFile: (fileId) => new Promise<void>((resolve) => heldFiles.set(fileId, resolve)),
    blockChat: (chatId) => blocked.add(String(chatId)),
    failNextSends: (...errors) => sendFailures.push(...errors),
    async close() {
      for (const bot of bots.values()) wake(bot);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
