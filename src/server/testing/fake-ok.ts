import { createHash, randomBytes } from 'node:crypto';
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
  /** What an account's `restBaseUrl` setting points to (the REST API's `/fb.do` is under it). */
  restBaseUrl: string;
  applicationKey: string;
  applicationSecretKey: string;
  /** The group's topics, newest first: posts made through `mediatopic.post` and by `addTopic`. */
  topics: { id: string; groupId: string; text: string }[];
  /** Comments under the topics, as OK keeps them (the group's own answers among them). */
  comments: FakeOkComment[];
  /** Every signed REST call, by method (including refused ones). */
  restCalls: string[];
  addTopic(groupId: string, text: string): string;
  /** A comment written on OK's site; `at` defaults to now. */
  addComment(topicId: string, comment: { authorId: string; name: string; text: string; at?: Date }): string;
  /** The next REST calls answer with these OK error codes (before doing anything). */
  failNextRest(...codes: number[]): void;
  close(): Promise<void>;
}

export interface FakeOkComment {
  id: string;
  topicId: string;
  authorId: string;
  authorType: 'USER' | 'GROUP';
  name: string;
  text: string;
  at: Date;
  replyTo: string | null;
}

const error = (code: number, message: string) => ({ error_code: code, error_msg: message, error_data: null });

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

/** OK's date field: "yyyy-MM-dd HH:mm:ss" in Moscow time (UTC+3 all year). */
const moscowDate = (at: Date) =>
  new Date(at.getTime() + 3 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

const newId = () => String(150_000_000_000_000 + Math.floor(Math.random() * 1e13));

/**
 * The OK Bot API (Graph API) on loopback: `/graph/me/info`, `/graph/me/subscriptions`,
 * `/graph/me/subscribe`, `/graph/me/messages/{chat_id}`, with `access_token` in the query and OK's
 * `{error_code, error_msg}` errors. Beside it OK's classic REST API at `/fb.do` (form-encoded,
 * signed): mediatopic.post, mediatopic.getTopics, discussions.getComments (paged by `anchor`),
 * discussions.comment.
 */
export async function startFakeOk(): Promise<FakeOk> {
  const token = `tkn${randomBytes(16).toString('hex')}`;
  const failures: number[] = [];
  const restFailures: number[] = [];
  const fake = {
    token,
    sent: [] as FakeOk['sent'],
    subscriptions: [] as string[],
    applicationKey: `CBA${randomBytes(6).toString('hex').toUpperCase()}`,
    applicationSecretKey: randomBytes(16).toString('hex').toUpperCase(),
    topics: [] as FakeOk['topics'],
    comments: [] as FakeOkComment[],
    restCalls: [] as string[],
  };

  function addTopic(groupId: string, text: string) {
    const id = newId();
    fake.topics.unshift({ id, groupId, text });
    return id;
  }

  /** `/fb.do`: checks the application key, the token and the signature as OK does, then serves. */
  function rest(params: Record<string, string>) {
    fake.restCalls.push(params.method ?? '');
    if (params.application_key !== fake.applicationKey)
      return error(101, 'PARAM_API_KEY : Invalid application key');
    if (params.access_token !== token) return error(102, 'PARAM_SESSION_EXPIRED : Session expired');
    const signed = Object.keys(params)
      .filter((key) => key !== 'sig' && key !== 'access_token')
      .sort()
      .map((key) => `${key}=${params[key]}`)
      .join('');
    if (params.sig !== md5(signed + md5(token + fake.applicationSecretKey))) {
      return error(104, 'PARAM_SIGNATURE : Invalid signature');
    }
    const failure = restFailures.shift();
    if (failure) return error(failure, 'SYSTEM : Service temporary unavailable');
    const topic = fake.topics.find((t) => t.id === params.discussionId);
    switch (params.method) {
      case 'mediatopic.post': {
        if (params.type !== 'GROUP_THEME' || !params.gid) return error(100, 'PARAM : type/gid');
        const { media } = JSON.parse(params.attachment ?? '{}') as {
          media?: { type: string; text?: string }[];
        };
        const text = media?.find((block) => block.type === 'text')?.text;
        if (!text) return error(100, 'PARAM : attachment');
        return addTopic(params.gid, text);
      }
      case 'mediatopic.getTopics': {
        const count = Number(params.count ?? 20);
        const media_topics = fake.topics
          .filter((t) => t.groupId === params.gid)
          .slice(0, count)
          .map((t) => ({
            id: t.id,
            author_ref: `group:${t.groupId}`,
            media: [{ type: 'text', text: t.text }],
          }));
        return { media_topics, has_more: false };
      }
      case 'discussions.getComments': {
        if (!topic || params.discussionType !== 'GROUP_TOPIC')
          return error(300, 'NOT_FOUND : Discussion not found');
        const all = fake.comments.filter((c) => c.topicId === topic.id);
        const from = Number(params.anchor ?? 0);
        const page = all.slice(from, from + Number(params.count ?? 100));
        const more = from + page.length < all.length;
        return {
          comments: page.map((c) => ({
            id: c.id,
            text: c.text,
            author_id: c.authorId,
            author_type: c.authorType,
            date: moscowDate(c.at),
            ...(c.replyTo ? { reply_to_comment_id: c.replyTo } : {}),
          })),
          entities: {
            users: page
              .filter((c) => c.authorType === 'USER')
              .map((c) => ({ uid: c.authorId, name: c.name })),
          },
          has_more: more,
          ...(more ? { anchor: String(from + page.length) } : {}),
        };
      }
      case 'discussions.comment': {
        if (!topic || params.discussionType !== 'GROUP_TOPIC')
          return error(300, 'NOT_FOUND : Discussion not found');
        if (!params.text) return error(100, 'PARAM : text');
        const id = newId();
        fake.comments.push({
          id,
          topicId: topic.id,
          authorId: topic.groupId,
          authorType: params.as_admin === 'true' ? 'GROUP' : 'USER',
          name: 'Группа ведомства',
          text: params.text,
          at: new Date(),
          replyTo: params.reply_to_comment_id ?? null,
        });
        return id;
      }
      default:
        return error(3, 'METHOD : Method not found');
    }
  }

  const server = await startLoopbackJson((call) => {
    if (call.path === '/fb.do') return rest(call.params);
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
    restBaseUrl: server.url,
    failNext: (...codes) => failures.push(...codes),
    failNextRest: (...codes) => restFailures.push(...codes),
    addTopic,
    addComment(topicId, comment) {
      const id = newId();
      fake.comments.push({
        id,
        topicId,
        authorId: comment.authorId,
        authorType: 'USER',
        name: comment.name,
        text: comment.text,
        at: comment.at ?? new Date(),
        replyTo: null,
      });
      return id;
    },
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
