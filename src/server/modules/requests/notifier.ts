import type { Db, Executor } from '../../db/client.js';
import { formatLongDate } from '../../lib/calendar.js';
import type { MailAttachment } from '../../lib/mail.js';
import type { AgencyService } from '../agencies/service.js';
import type { Outbox } from '../channels/outbox.js';
import { STATUS_TITLES } from './lifecycle.js';
import type { RequestRow } from './repo.js';

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
  const statusLink = (slug: string, row: RequestRow) =>
    `${deps.publicUrl}/${slug}/requests/status?number=${encodeURIComponent(row.number)}&code=${row.trackingCode}`;

  async function send(row: RequestRow, notice: Notice, tx: Executor) {
    const about = { agencyId: row.agencyId, requestId: row.id, clientId: row.clientId };
    const route = row.replyRoute;
    if (route) {
      const isEmail = route.network === 'email';
      await deps.outbox.enqueue(tx, {
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
    const alreadyMailed = route?.network === 'email' && route.recipient === row.contactEmail;
    if (row.notifyByEmail && row.contactEmail && !alreadyMailed) {
      await deps.outbox.enqueue(tx, {
        ...about,
        network: 'email',
        recipient: row.contactEmail,
        subject: notice.subject,
        body: notice.text,
        attachments: notice.attachments,
      });
    }
  }

  return {
    /** Wakes the outbox once the caller's transaction has committed. */
    afterCommit: () => deps.outbox.kick(),

    /** Written in the registration's transaction: the acknowledgement commits with the request. */
    async registered(
      agency: { slug: string; shortName: string; timezone: string },
      row: RequestRow,
      tx: Executor,
    ) {
      const due = formatLongDate(row.dueAt, agency.timezone);
      const link = statusLink(agency.slug, row);
      await send(
        row,
        {
          subject: `${agency.shortName}: обращение № ${row.number} зарегистрировано`,
          text: `Здравствуйте, ${row.contactName}!\n\nВаше обращение зарегистрировано под номером ${row.number}.\nСрок ответа — до ${due} включительно.\n\nКод доступа: ${row.trackingCode}\nХод рассмотрения: ${link}\n\nО каждом изменении статуса мы сообщим на этот адрес.\n`,
          short: `Ваше обращение зарегистрировано под номером ${row.number}. Срок ответа — до ${due} включительно.\nХод рассмотрения: ${link}`,
          attachments: [],
        },
        tx,
      );
    },

    async statusChanged(agencyId: string, row: RequestRow, note: string | null) {
      if (!row.replyRoute && !(row.notifyByEmail && row.contactEmail)) return;
      const agency = await deps.agencies.byId(agencyId);
      const title = STATUS_TITLES[row.status];
      const link = statusLink(agency.slug, row);
      const attachments = row.status === 'answered' ? await deps.answerFiles(agencyId, row.id) : [];
      await send(
        row,
        {
          subject: `${agency.shortName}: обращение № ${row.number} — ${title}`,
          text: `Здравствуйте, ${row.contactName}!\n\nСтатус вашего обращения № ${row.number}: ${title}.\n${note ? `\n${note}\n` : ''}\nХод рассмотрения: ${link}\n`,
          short: `Обращение № ${row.number}: ${title}.${note ? `\n\n${note}` : ''}\n\nХод рассмотрения: ${link}`,
          attachments,
        },
        deps.db,
      );
    },
  };
}

export type RequestNotifier = ReturnType<typeof createRequestNotifier>;
