import { Invalid } from '../../../lib/errors.js';
import type { RequestService } from '../../requests/service.js';
import type { OpenAccount } from '../accounts.service.js';

/** A webhook the OK Bot API posts (its fields as documented; others are ignored). */
export interface OkWebhook {
  webhookType?: string;
  sender?: { user_id?: string; name?: string };
  recipient?: { chat_id?: string };
  message?: { text?: string; attachments?: { type?: string }[] };
  mid?: string;
  timestamp?: number;
}

const required = (value: string | undefined, field: string) => {
  if (!value) throw new Invalid(field, 'В событии Одноклассников нет обязательного поля');
  return value;
};

/**
 * A message to the group's bot becomes a request (channel ok) answered in the same chat; the
 * message id `mid` is the key, so a redelivered webhook finds the first request. Resolves after
 * the commit; the route answers OK only then.
 */
export function createOkEvents(deps: { requests: RequestService }) {
  return async function handle(account: OpenAccount, event: OkWebhook): Promise<void> {
    if ((event.webhookType ?? '').toUpperCase() !== 'MESSAGE_CREATED') return;
    const mid = required(event.mid, 'body.mid');
    const chatId = required(event.recipient?.chat_id, 'body.recipient.chat_id');
    const userId = required(event.sender?.user_id, 'body.sender.user_id').replace(/^user:/, '');
    const kinds = (event.message?.attachments ?? []).map((item) => item.type).filter(Boolean);
    const text =
      event.message?.text?.trim() ||
      (kinds.length ? `Сообщение без текста (вложения: ${kinds.join(', ')})` : 'Сообщение без текста');
    await deps.requests.registerFromChannel(account.agencyId, {
      kind: 'appeal',
      channel: 'ok',
      text,
      name: event.sender?.name?.trim() || `Пользователь Одноклассников ${userId}`,
      email: null,
      phone: null,
      notifyByEmail: false,
      messenger: { kind: 'ok', value: userId },
      externalId: mid,
      replyRoute: { network: 'ok', accountId: account.id, recipient: chatId },
      ...(event.timestamp ? { receivedAt: new Date(event.timestamp) } : {}),
    });
  };
}

export type OkEventHandler = ReturnType<typeof createOkEvents>;
