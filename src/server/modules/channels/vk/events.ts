import { Invalid } from '../../../lib/errors.js';
import type { RequestService } from '../../requests/service.js';
import type { OpenAccount } from '../accounts.service.js';
import type { SocialInbox } from '../social.service.js';
import { vkGroupIdOf, vkUserName } from './api.js';

/** One event as VK delivers it, by Callback API and Bots Long Poll alike. */
export interface VkEvent {
  type: string;
  group_id?: number;
  event_id?: string;
  secret?: string;
  object?: Record<string, unknown>;
}

const integer = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Invalid(field, 'В событии ВКонтакте нет обязательного числового поля');
  }
  return value;
};

const textOf = (value: unknown, attachments: unknown): string => {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text) return text;
  const kinds = Array.isArray(attachments)
    ? attachments
        .map((item) => (item as { type?: unknown } | null)?.type)
        .filter((kind) => typeof kind === 'string')
    : [];
  return kinds.length ? `Сообщение без текста (вложения: ${kinds.join(', ')})` : 'Сообщение без текста';
};

const receivedAt = (date: unknown) =>
  typeof date === 'number' && date > 0 ? new Date(date * 1000) : new Date();

/**
 * What an agency's VK community receives: a private message becomes a request whose answers go
 * back to the same dialogue; a wall comment goes to the social inbox in its post's thread.
 * Resolves once stored, so the caller acknowledges to VK only after the commit; a redelivered
 * event finds what it stored the first time (keyed by VK's message and comment ids).
 */
export function createVkEvents(deps: { requests: RequestService; socialInbox: SocialInbox }) {
  async function messageNew(account: OpenAccount, object: Record<string, unknown>) {
    // API 5.103+ wraps the message with the client's capabilities; older versions send it bare.
    const message = (object.message ?? object) as Record<string, unknown>;
    const peerId = integer(message.peer_id, 'body.object.message.peer_id');
    const fromId = integer(message.from_id, 'body.object.message.from_id');
    const messageId = message.conversation_message_id ?? message.id;
    integer(messageId, 'body.object.message.id');
    if (fromId <= 0) return;
    await deps.requests.registerFromChannel(account.agencyId, {
      kind: 'appeal',
      channel: 'vk',
      text: textOf(message.text, message.attachments),
      name: await vkUserName(account, fromId),
      email: null,
      phone: null,
      notifyByEmail: false,
      messenger: { kind: 'vk', value: String(fromId) },
      externalId: `${peerId}:${messageId}`,
      replyRoute: { network: 'vk', accountId: account.id, recipient: String(peerId) },
      receivedAt: receivedAt(message.date),
    });
  }

  async function wallReplyNew(account: OpenAccount, object: Record<string, unknown>) {
    const commentId = integer(object.id, 'body.object.id');
    const postId = integer(object.post_id, 'body.object.post_id');
    const fromId = integer(object.from_id, 'body.object.from_id');
    const ownerId = typeof object.owner_id === 'number' ? object.owner_id : -vkGroupIdOf(account);
    // The community's own answers come back as events too; they are not the public's comments.
    if (fromId <= 0) return;
    const parent = object.reply_to_comment;
    await deps.socialInbox.ingest({
      agencyId: account.agencyId,
      accountId: account.id,
      network: 'vk',
      kind: 'comment',
      externalId: `${ownerId}_${commentId}`,
      threadId: String(postId),
      parentId: typeof parent === 'number' ? String(parent) : null,
      authorId: String(fromId),
      authorName: await vkUserName(account, fromId),
      text: textOf(object.text, object.attachments),
      receivedAt: receivedAt(object.date),
    });
  }

  /** Stores what the event carries; events Otklik does not use are accepted and ignored. */
  return async function handle(account: OpenAccount, event: VkEvent): Promise<void> {
    const object = event.object ?? {};
    if (event.type === 'message_new') await messageNew(account, object);
    else if (event.type === 'wall_reply_new') await wallReplyNew(account, object);
  };
}

export type VkEventHandler = ReturnType<typeof createVkEvents>;
