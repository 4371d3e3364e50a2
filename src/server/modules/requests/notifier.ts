import type { Executor } from '../../db/client.js';
import type { MailAttachment, Mailer } from '../../lib/mail.js';
import type { AgencyService } from '../agencies/service.js';
import { STATUS_TITLES } from './lifecycle.js';
import type { RequestRow } from './repo.js';

/**
 * Tells the client about a status change (seed 004 p. 3): through the channel the request came
 * from — for the portal that is the status page, which shows every public event — and by e-mail
 * when the client asked for it.
 */
export function createRequestNotifier(deps: {
  agencies: AgencyService;
  mailer: Mailer;
  publicUrl: string;
  /** The files staff attached to the answer; they travel with the answer e-mail. */
  answerFiles: (agencyId: string, requestId: string) => Promise<MailAttachment[]>;
}) {
  const statusLink = (slug: string, row: RequestRow) =>
    `${deps.publicUrl}/${slug}/requests/status?number=${encodeURIComponent(row.number)}&code=${row.trackingCode}`;

  const about = (row: RequestRow) => ({
    agencyId: row.agencyId,
    requestId: row.id,
    ...(row.clientId ? { clientId: row.clientId } : {}),
  });

  return {
    /** Wakes the outbox once the registration's transaction has committed. */
    afterCommit: () => deps.mailer.wake(),

    /** Written in the registration's transaction: the acknowledgement commits with the request. */
    async registered(
      agency: { slug: string; shortName: string; timezone: string },
      row: RequestRow,
      tx: Executor,
    ) {
      if (!row.notifyByEmail || !row.contactEmail) return;
      const due = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: agency.timezone }).format(
        row.dueAt,
      );
      await deps.mailer.send(
        {
          ...about(row),
          to: row.contactEmail,
          subject: `${agency.shortName}: обращение № ${row.number} зарегистрировано`,
          text: `Здравствуйте, ${row.contactName}!\n\nВаше обращение зарегистрировано под номером ${row.number}.\nСрок ответа — до ${due} включительно.\n\nКод доступа: ${row.trackingCode}\nХод рассмотрения: ${statusLink(agency.slug, row)}\n\nО каждом изменении статуса мы сообщим на этот адрес.\n`,
        },
        tx,
      );
    },

    async statusChanged(agencyId: string, row: RequestRow, note: string | null) {
      if (!row.notifyByEmail || !row.contactEmail) return;
      const agency = await deps.agencies.byId(agencyId);
      const details = note ? `\n${note}\n` : '';
      const attachments = row.status === 'answered' ? await deps.answerFiles(agencyId, row.id) : [];
      await deps.mailer.send({
        ...about(row),
        attachments,
        to: row.contactEmail,
        subject: `${agency.shortName}: обращение № ${row.number} — ${STATUS_TITLES[row.status]}`,
        text: `Здравствуйте, ${row.contactName}!\n\nСтатус вашего обращения № ${row.number}: ${STATUS_TITLES[row.status]}.\n${details}\nХод рассмотрения: ${statusLink(agency.slug, row)}\n`,
      });
    },
  };
}

export type RequestNotifier = ReturnType<typeof createRequestNotifier>;
