import { randomBytes } from 'node:crypto';
import type { VkEvent } from '../modules/channels/vk/events.js';
import { type FakeCall, startLoopbackJson } from './loopback-http.js';

export interface FakeVk {
  /** What an account's `apiBaseUrl` setting points to. */
  apiBaseUrl: string;
  groupId: number;
  token: string;
  /** Every API method call, in order (method name and its parameters). */
  calls: { method: string; params: Record<string, string> }[];
  /** Distinct messages VK delivered (a repeated random_id is dropped, as VK does). */
  messages: { peerId: number; text: string; id: number }[];
  comments: { postId: number; replyTo: number | null; text: string; id: number }[];
  wallPosts: { text: string; id: number }[];
  /** The `ts` of every Long Poll check, in order. */
  checks: string[];
  users: Map<number, { first_name: string; last_name: string }>;
  /** The next calls of `method` answer with these VK error codes. */
  failNext(method: string, ...codes: number[]): void;
  /** Queues an event for the Long Poll server, as VK does when something happens. */
  pushLongPoll(event: VkEvent): void;
  close(): Promise<void>;
}

const error = (code: number, message: string) => ({
  error: { error_code: code, error_msg: message, request_params: [] },
});

/**
 * A VK API and Bots Long Poll server on loopback speaking VK's JSON: `{response}` or
 * `{error: {error_code, error_msg}}` for methods (POST form or query), `{ts, updates}` or
 * `{failed}` for `act=a_check`.
 */
export async function startFakeVk(groupId = 1000 + Math.floor(Math.random() * 1e6)): Promise<FakeVk> {
  const token = `vk1.a.${randomBytes(16).toString('hex')}`;
  const key = randomBytes(8).toString('hex');
  const failures = new Map<string, number[]>();
  const events: VkEvent[] = [];
  const waiting = new Set<() => void>();
  const sentByRandomId = new Map<string, number>();
  const byGuid = new Map<string, number>();
  let lastId = 100;

  const fake: Omit<FakeVk, 'apiBaseUrl' | 'close'> = {
    groupId,
    token,
    calls: [],
    messages: [],
    comments: [],
    wallPosts: [],
    checks: [],
    users: new Map(),
    failNext(method, ...codes) {
      failures.set(method, [...(failures.get(method) ?? []), ...codes]);
    },
    pushLongPoll(event) {
      events.push({ group_id: groupId, event_id: randomBytes(20).toString('hex'), ...event });
      for (const wake of waiting) wake();
    },
  };

  async function longPoll(call: FakeCall) {
    if (call.params.key !== key) return { failed: 2 };
    const ts = Number(call.params.ts);
    fake.checks.push(call.params.ts ?? '');
    if (!Number.isInteger(ts) || ts < 1) return { failed: 1, ts: '1' };
    if (events.length < ts) {
      const wait = Math.min(Number(call.params.wait) || 0, 25) * 1000;
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiting.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, wait);
        waiting.add(wake);
      });
    }
    return { ts: String(events.length + 1), updates: events.slice(ts - 1) };
  }

  function method(name: string, params: Record<string, string>) {
    fake.calls.push({ method: name, params });
    if (params.access_token !== token)
      return error(5, 'User authorization failed: invalid access_token (4).');
    const failure = failures.get(name)?.shift();
    if (failure)
      return error(failure, failure === 901 ? "Can't send messages for users without permission" : 'Error');
    switch (name) {
      case 'groups.getById':
        if (Number(params.group_id) !== groupId)
          return error(100, 'One of the parameters specified was missing or invalid');
        return {
          response: { groups: [{ id: groupId, name: 'Сообщество ведомства', type: 'group' }], profiles: [] },
        };
      case 'users.get':
        return {
          response: (params.user_ids ?? '').split(',').flatMap((id) => {
            const user = fake.users.get(Number(id));
            return user ? [{ id: Number(id), ...user }] : [];
          }),
        };
      case 'messages.send': {
        const dedup = `${params.peer_id}:${params.random_id}`;
        const seen = sentByRandomId.get(dedup);
        if (seen) return { response: seen };
        const id = ++lastId;
        sentByRandomId.set(dedup, id);
        fake.messages.push({ peerId: Number(params.peer_id), text: params.message ?? '', id });
        return { response: id };
      }
      case 'wall.createComment': {
        if (Number(params.owner_id) !== -groupId) return error(15, 'Access denied');
        const seen = params.guid ? byGuid.get(params.guid) : undefined;
        const id = seen ?? ++lastId;
        if (!seen) {
          if (params.guid) byGuid.set(params.guid, id);
          fake.comments.push({
            postId: Number(params.post_id),
            replyTo: params.reply_to_comment ? Number(params.reply_to_comment) : null,
            text: params.message ?? '',
            id,
          });
        }
        return { response: { comment_id: id, parents_stack: [] } };
      }
      case 'wall.post': {
        if (Number(params.owner_id) !== -groupId || params.from_group !== '1')
          return error(15, 'Access denied');
        const seen = params.guid ? byGuid.get(params.guid) : undefined;
        const id = seen ?? ++lastId;
        if (!seen) {
          if (params.guid) byGuid.set(params.guid, id);
          fake.wallPosts.push({ text: params.message ?? '', id });
        }
        return { response: { post_id: id } };
      }
      case 'groups.getLongPollServer':
        return { response: { key, server: `${server.url}/lp`, ts: String(events.length + 1) } };
      default:
        return error(3, 'Unknown method passed');
    }
  }

  const server = await startLoopbackJson((call) => {
    if (call.path === '/lp') return longPoll(call);
    const name = /^\/method\/([\w.]+)$/.exec(call.path)?.[1];
    return name ? method(name, call.params) : error(3, 'Unknown method passed');
  });
  return {
    ...fake,
    apiBaseUrl: `${server.url}/method`,
    close: () => {
      for (const wake of waiting) wake();
      return server.close();
    },
  };
}
