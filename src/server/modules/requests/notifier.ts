import type { Db } from '../../db/client.js';
import { formatLongDate } from '../../lib/calendar.js';
import type { MailAttachment } from '../../lib/mail.js';
import type { AgencyService } from '../agencies/service.js';
import type { Outbox } from '../channels/outbox.js';
import type { NewOutbound } from '../channels/outbox.repo.js';
import { STATUS_TITLES } from './lifecycle.js';
import type { RequestRow } from './repo.js';

/** What a notice needs of its request. */
type NoticeSubject = Pick<
  RequestRow,
  | 'agencyId'
  | 'id'
  | 'clientId'
  | 'replyRoute'
  | 'notifyByEmail'
  | 'contactEmail'
  | 'contactName'
  | 'number'
  | 'trackingCode'
  | 'dueAt'
>;

interface Notice {
  subject: string;
  /** The e-mail's text; messengers get `short`, which fits a chat message. */
  text: string;
  short: string;
  attachments: MailAttachment[];
}

/**
 * Tells the client about registration and every status change (seed 004 p. 3): back through the
 * network the request came from (its reply route: the chat, the comment thread, the e-mail
 * thread) and, when the client asked for it, by e-mail as well. Portal clients see the status
 * page. Everything goes through the outbox, so a notice is never lost and never sent twice.
 */
export function createRequestNotifier(deps: {
  db: Db;
  agencies: AgencyService;
  outbox: Outbox;
  publicUrl: string;
  /** The files staff attached to the answer; they travel with the answer e-mail. */
  answerFiles: (agencyId: string, requestId: string) => Promise<MailAttachment[]>;
}) {
  const statusLink = (slug: string, row: Pick<RequestRow, 'number' | 'trackingCode'>) =>
    `${deps.publicUrl}/${slug}/requests/status?number=${encodeURIComponent(row.number)}&code=${row.trackingCode}`;

  /** The messages a notice makes: one back along the reply route, one by e-mail if asked for. */
  function messagesOf(request: NoticeSubject, notice: Notice): NewOutbound[] {
    const about = { agencyId: request.agencyId, requestId: request.id, clientId: request.clientId };
    const route = request.replyRoute;
    const messages: NewOutbound[] = [];
    if (route) {
      const isEmail = route.network === 'email';
      messages.push({
        ...about,
        network: route.network,
        accountId: route.accountId,
        recipient: route.recipient,
        thread: route.thread ?? null,
        subject: isEmail ? notice.subject : null,
        body: isEmail ? notice.text : notice.short,
        attachments: isEmail ? notice.attachments : [],
      });
    }
    const alreadyMailed = route?.network === 'email' && route.recipient === request.contactEmail;
    if (request.notifyByEmail && request.contactEmail && !alreadyMailed) {
      messages.push({
        ...about,
        network: 'email',
        recipient: request.contactEmail,
        subject: notice.subject,
        body: notice.text,
        attachments: notice.attachments,
      });
    }
    return messages;
  }

  return {
    /** Wakes the outbox once the caller's transaction has committed. */
    afterCommit: () => deps.outbox.kick(),

    /** The acknowledgement of a registration, as messages for the registration's own statement to write. */
    registered(agency: { slug: string; shortName: string; timezone: string }, request: NoticeSubject) {
      const due = formatLongDate(request.dueAt, agency.timezone);
      const link = statusLink(agency.slug, request);
      return messagesOf(request, {
        subject: `${agency.shortName}: обращение № ${request.number} зарегистрировано`,
        text: `Здравствуйте, ${request.contactName}!\n\nВаше обращение зарегистрировано под номером ${request.number}.\nСрок ответа — до ${due} включительно.\n\nКод доступа: ${request.trackingCode}\nХод рассмотрения: ${link}\n\nО каждом изменении статуса мы сообщим на этот адрес.\n`,
        short: `Ваше обращение зарегистрировано под номером ${request.number}. Срок ответа — до ${due} включительно.\nХод рассмотрения: ${link}`,
        attachments: [],
      });
    },

    async statusChanged(agencyId: string, row: RequestRow, note: string | null) {
      if (!row.replyRoute && !(row.notifyByEmail && row.contactEmail)) return;
      const agency = await deps.agencies.byId(agencyId);
      const title = STATUS_TITLES[row.status];
      const link = statusLink(agency.slug, row);
      const attachments = row.status === 'answered' ? await deps.answerFiles(agencyId, row.id) : [];
      const messages = messagesOf(row, {
        subject: `${agency.shortName}: обращение № ${row.number} — ${title}`,
        text: `Здравствуйте, ${row.contactName}!\n\nСтатус вашего обращения № ${row.number}: ${title}.\n${note ? `\n${note}\n` : ''}\nХод рассмотрения: ${link}\n`,
        short: `Обращение № ${row.number}: ${title}.${note ? `\n\n${note}` : ''}\n\nХод рассмотрения: ${link}`,
        attachments,
      });
      for (const message of messages) await deps.outbox.enqueue(deps.db, message);
    },
  };
}

export type RequestNotifier = ReturnType<typeof createRequestNotifier>;
