import type { Message, Update } from 'grammy/types';
import type { Db } from '../../../db/client.js';
import { removeUploads } from '../../../http/uploads.js';
import type { AttachmentStore } from '../../../lib/attachment-store.js';
import type { FileQuota } from '../../agencies/file-quota.js';
import type { RequestService } from '../../requests/service.js';
import type { OpenAccount } from '../accounts.service.js';
import type { Outbox } from '../outbox.js';
import type { SocialInbox } from '../social.service.js';
import { botSettings, fullName } from './client.js';
import { fetchMessageFiles } from './files.js';
import { repliedTo, threadOfGroupCopy } from './repo.js';

export const GREETING =
  'Здравствуйте! Это официальный бот для обращений граждан.\n\n' +
  'Напишите здесь ваше обращение одним сообщением: суть вопроса, адрес (если он важен) и как к вам обращаться. ' +
  'Можно приложить фото или документ. Мы зарегистрируем обращение и пришлём его номер, а ответ придёт в этот чат.';

const THREAD_TITLE_LENGTH = 120;

export interface InboundDeps {
  db: Db;
  requests: RequestService;
  socialInbox: SocialInbox;
  outbox: Outbox;
  store: AttachmentStore;
  fileQuota: FileQuota;
  attachmentMaxBytes: number;
}

const textOf = (message: Message) => (message.text ?? message.caption ?? '').trim();
const at = (message: Message) => new Date(message.date * 1000);

/**
 * One update from Telegram, whichever way it came (long polling or webhook). It returns once what
 * it stored is committed, so the caller may then confirm the update to Telegram; a redelivered
 * update finds the request, comment or greeting already there (the message id is the key).
 */
export function createInbound(deps: InboundDeps) {
  async function greet(account: OpenAccount, message: Message) {
    const chatId = String(message.chat.id);
    if (await repliedTo(deps.db, account.id, chatId, String(message.message_id))) return;
    await deps.outbox.enqueue(deps.db, {
      agencyId: account.agencyId,
      network: 'telegram',
      accountId: account.id,
      recipient: chatId,
      thread: { replyTo: String(message.message_id) },
      body: GREETING,
    });
  }

  async function registerAppeal(account: OpenAccount, message: Message, from: NonNullable<Message['from']>) {
    const { files, notes } = await fetchMessageFiles(account, message, deps.store, {
      maxBytes: deps.attachmentMaxBytes,
      roomBytes: await deps.fileQuota.room(account.agencyId),
    });
    const text = [
      textOf(message) || (files.length > 0 ? 'Обращение без текста — см. вложения' : ''),
      ...notes,
    ]
      .filter(Boolean)
      .join('\n\n');
    if (!text) return; // a sticker or a voice note: nothing a registrar could read
    try {
      const { created, filesKept } = await deps.requests.registerFromChannel(account.agencyId, {
        kind: 'appeal',
        channel: 'telegram',
        text,
        name: fullName(from),
        email: null,
        phone: null,
        notifyByEmail: false,
        externalId: `${message.chat.id}:${message.message_id}`,
        messenger: { kind: 'telegram', value: String(from.id) },
        replyRoute: {
          network: 'telegram',
          accountId: account.id,
          recipient: String(message.chat.id),
          thread: {
            replyTo: String(message.message_id),
            // A forum topic (a bot's private chat may have them): the answer stays in it.
            ...(message.is_topic_message && message.message_thread_id !== undefined
              ? { messageThreadId: String(message.message_thread_id) }
              : {}),
          },
        },
        files,
        receivedAt: at(message),
      });
      if (!created || !filesKept) await removeUploads(deps.store, account.agencyId, files);
    } catch (error) {
      await removeUploads(deps.store, account.agencyId, files);
      throw error;
    }
  }

  async function privateMessage(account: OpenAccount, message: Message) {
    const from = message.from;
    if (!from || from.is_bot) return;
    if (/^\/start(@\w+)?(\s|$)/.test(message.text ?? '')) return greet(account, message);
    if (botSettings(account).purpose === 'requests') return registerAppeal(account, message, from);
    const text = textOf(message);
    if (!text) return;
    // A consultation bot: the chat is a conversation in the social inbox, answered the same day.
    await deps.socialInbox.ingest({
      agencyId: account.agencyId,
      accountId: account.id,
      network: 'telegram',
      kind: 'message',
      externalId: `${message.chat.id}:${message.message_id}`,
      threadId: String(message.chat.id),
      authorId: String(from.id),
      authorName: fullName(from),
      text,
      receivedAt: at(message),
    });
  }

  /**
   * A comment under a channel post: in the linked discussion group it answers the group's
   * automatic copy of the post (or another comment in that thread).
   */
  async function discussionComment(account: OpenAccount, message: Message) {
    const parent = message.reply_to_message;
    const text = textOf(message);
    if (!parent || !text || message.is_automatic_forward) return;
    let thread: { threadId: string; threadTitle: string | null } | null = null;
    if (parent.is_automatic_forward) {
      const origin = parent.forward_origin;
      const postId = origin?.type === 'channel' ? origin.message_id : parent.message_id;
      thread = {
        threadId: String(postId),
        threadTitle: textOf(parent).slice(0, THREAD_TITLE_LENGTH) || null,
      };
    } else if (message.message_thread_id !== undefined) {
      thread = await threadOfGroupCopy(
        deps.db,
        account.agencyId,
        account.id,
        String(message.message_thread_id),
      );
    }
    if (!thread) return; // a reply in the group's own chatter, not under a post
    const author = message.from;
    const senderChat = message.sender_chat;
    await deps.socialInbox.ingest({
      agencyId: account.agencyId,
      accountId: account.id,
      network: 'telegram',
      kind: 'comment',
      externalId: `${message.chat.id}:${message.message_id}`,
      threadId: thread.threadId,
      parentId: String(parent.message_id),
      threadTitle: thread.threadTitle,
      authorId: String(senderChat?.id ?? author?.id ?? ''),
      authorName: senderChat?.title ?? (author ? fullName(author) : 'Telegram'),
      text,
      receivedAt: at(message),
    });
  }

  return {
    async handle(account: OpenAccount, update: Update): Promise<void> {
      const message = update.message;
      if (!message) return;
      if (message.chat.type === 'private') return privateMessage(account, message);
      if (String(message.chat.id) === botSettings(account).discussionChatId) {
        return discussionComment(account, message);
      }
    },
  };
}

export type TelegramInbound = ReturnType<typeof createInbound>;
