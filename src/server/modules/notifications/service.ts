import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { NotFound } from '../../lib/errors.js';
import type { Mailer } from '../../lib/mail.js';
import * as repo from './repo.js';

export interface Recipient {
  id: string;
  email: string;
  name: string;
}

export interface StaffNotice {
  agencyId: string;
  kind: repo.NewNotification['kind'];
  title: string;
  body: string;
  link: string | null;
}

const LIST_LIMIT = 50;

/** In-app notices for staff, each also e-mailed (issue 4 p. 5: reminders in-app and by e-mail). */
export function createNotificationService(deps: { db: Db; mailer: Mailer; publicUrl: string }) {
  const { db, mailer, publicUrl } = deps;

  /** Records the notice in `tx`; the e-mails are sent by `deliver` once the caller has committed. */
  async function record(tx: Executor, notice: StaffNotice, recipients: Recipient[]) {
    await repo.insertNotifications(
      tx,
      recipients.map((r) => ({ ...notice, userId: r.id })),
    );
  }

  async function deliver(notice: StaffNotice, recipients: Recipient[]) {
    const link = notice.link ? `\n\n${publicUrl}/console${notice.link}` : '';
    for (const recipient of recipients) {
      await mailer.send({
        to: recipient.email,
        subject: notice.title,
        text: `${recipient.name}, здравствуйте!\n\n${notice.body}${link}\n`,
      });
    }
  }

  return {
    record,
    deliver,

    /**
     * A notice owed once (a reminder, an escalation): recorded only if `claim` wins in the same
     * transaction, so racing nodes and reruns send it once; e-mailed after the commit. Returns
     * whether this call sent it.
     */
    async sendOnce(claim: (tx: Executor) => Promise<boolean>, notice: StaffNotice, recipients: Recipient[]) {
      const claimed = await db.transaction(async (tx) => {
        const fresh = await claim(tx);
        if (fresh) await record(tx, notice, recipients);
        return fresh;
      });
      if (claimed) await deliver(notice, recipients);
      return claimed;
    },

    async list(actor: Actor) {
      const { rows, unread } = await repo.listNotifications(db, actor.agencyId, actor.userId, LIST_LIMIT);
      return {
        unread,
        items: rows.map((row) => ({
          id: row.id,
          kind: row.kind,
          title: row.title,
          body: row.body,
          link: row.link,
          createdAt: row.createdAt.toISOString(),
          readAt: row.readAt?.toISOString() ?? null,
        })),
      };
    },

    async markRead(actor: Actor, id: number) {
      const changed = await repo.markRead(db, actor.agencyId, actor.userId, id);
      // Nothing changed: either read already (fine) or not this user's notice in this agency.
      if (changed === 0 && !(await repo.findNotification(db, actor.agencyId, actor.userId, id))) {
        throw new NotFound('notification_not_found', 'Уведомление не найдено');
      }
    },

    markAllRead: (actor: Actor) => repo.markRead(db, actor.agencyId, actor.userId, null),
  };
}

export type NotificationService = ReturnType<typeof createNotificationService>;
