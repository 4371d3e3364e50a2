import { and, eq, sql } from 'drizzle-orm';
import { removeUploads, type Upload } from '../../http/uploads.js';
import { StorageFull } from '../../lib/errors.js';
import type { Services } from '../../services.js';
import { storageFullNote } from '../agencies/file-quota.js';
import { touchpoints } from '../agencies/schema.js';
import { recordBounce } from './email-bounces.js';
import { storeMailFiles } from './email-files.js';
import { type InboundMail, readMail } from './email-mime.js';
import { alreadyReceived, recordReply, requestAnswered } from './email-threads.js';

/** A letter refused for good: the SMTP code and text the sender's server gets. */
export class MailRefusal extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

export type MailOutcome =
  | { kind: 'request'; agencyId: string; requestId: string; created: boolean }
  | { kind: 'reply'; agencyId: string; requestId: string; created: boolean }
  | { kind: 'bounce'; reported: number }
  | { kind: 'complaint'; reported: number };

export const addressOf = (mailbox: string) =>
  (/<([^<>]+)>/.exec(mailbox)?.[1] ?? mailbox).trim().toLowerCase();

/**
 * Inbound e-mail, whatever brought it (the SMTP listener, an IMAP mailbox): a new letter becomes
 * a request, a reply joins its request, a bounce marks the address, a spam complaint about a
 * mailing revokes the consent. Every write is committed
 * before this resolves, so the caller may acknowledge the letter to the sender right after.
 */
export function createEmailIntake(services: Services) {
  const { db } = services.database;
  const bounceAddress = addressOf(services.config.mailFrom);
  const limits = {
    maxBytes: services.config.attachmentMaxBytes,
    maxCount: services.config.attachmentMaxCount,
  };

  /** The agency whose touchpoints list this address; 'bounces' for our own sender address. */
  async function recipient(address: string): Promise<string | 'bounces' | null> {
    const normalized = address.trim().toLowerCase();
    if (normalized === bounceAddress) return 'bounces';
    const [row] = await db
      .select({ agencyId: touchpoints.agencyId })
      .from(touchpoints)
      .where(and(eq(touchpoints.kind, 'email'), sql`lower(trim(${touchpoints.value})) = ${normalized}`))
      .limit(1);
    return row?.agencyId ?? null;
  }

  const storeFiles = async (agencyId: string, mail: InboundMail) =>
    storeMailFiles(
      services.attachmentStore,
      agencyId,
      mail.files,
      limits,
      await services.fileQuota.room(agencyId),
    );

  async function reply(agencyId: string, mail: InboundMail): Promise<MailOutcome | null> {
    const request = await requestAnswered(db, agencyId, mail);
    if (!request) return null;
    const { uploads, notes } = await storeFiles(agencyId, mail);
    const keep = (files: Upload[], withNotes: string[]) =>
      recordReply(db, services.fileQuota, request, mail, files, withNotes);
    let created: boolean;
    try {
      created = await keep(uploads, notes);
    } catch (error) {
      await removeUploads(services.attachmentStore, agencyId, uploads);
      if (!(error instanceof StorageFull)) throw error;
      // Another upload took the last room after these files were stored: the reply stays, without them.
      created = await keep([], [...notes, storageFullNote(uploads)]);
      return { kind: 'reply', agencyId, requestId: request.id, created };
    }
    if (!created) await removeUploads(services.attachmentStore, agencyId, uploads);
    return { kind: 'reply', agencyId, requestId: request.id, created };
  }

  async function newRequest(agencyId: string, mail: InboundMail): Promise<MailOutcome> {
    const from = mail.from;
    if (!from) throw new MailRefusal(554, '5.1.7 The message has no sender address');
    if (!mail.readable && mail.files.length === 0) {
      throw new MailRefusal(554, '5.6.0 The message has no readable text');
    }
    const { uploads, notes } = await storeFiles(agencyId, mail);
    const body = mail.readable ? mail.text : 'Письмо без текста: см. приложенные файлы';
    try {
      const { row, created, filesKept } = await services.requests.registerFromChannel(agencyId, {
        kind: 'appeal',
        channel: 'email',
        text: mail.subject ? `${mail.subject}\n\n${body}` : body,
        name: from.name || from.address,
        email: from.address,
        phone: null,
        notifyByEmail: true,
        externalId: mail.messageId,
        replyRoute: {
          network: 'email',
          accountId: null,
          recipient: from.address,
          thread: { inReplyTo: mail.messageId, references: [...mail.answers, mail.messageId].join(' ') },
        },
        files: uploads,
        notes,
      });
      if (!created || !filesKept) await removeUploads(services.attachmentStore, agencyId, uploads);
      return { kind: 'request', agencyId, requestId: row.id, created };
    } catch (error) {
      await removeUploads(services.attachmentStore, agencyId, uploads);
      throw error;
    }
  }

  /** Takes in one raw letter for the given agencies; `envelopeFrom` '' is the null sender. */
  async function take(raw: Buffer, envelope: { from: string | null; agencyIds: string[] }) {
    const mail = await readMail(raw, envelope.from);
    // Reports about our own e-mails are never citizens' letters, whichever address they reach.
    if (mail.complaint) {
      const reported = await services.mailingFeedback.complained(mail.complaint.reports);
      return [{ kind: 'complaint', reported } as MailOutcome];
    }
    if (mail.bounce) {
      const campaigns = mail.bounce.permanent
        ? await services.mailingFeedback.bounced(mail.bounce.reports)
        : 0;
      return [{ kind: 'bounce', reported: campaigns + (await recordBounce(db, mail)) } as MailOutcome];
    }
    if (envelope.agencyIds.length === 0) {
      throw new MailRefusal(550, '5.1.1 This address does not accept letters, only delivery reports');
    }
    const outcomes: MailOutcome[] = [];
    for (const agencyId of new Set(envelope.agencyIds)) {
      const joined = await alreadyReceived(db, agencyId, mail.messageId);
      if (joined) {
        outcomes.push({ kind: 'reply', agencyId, requestId: joined, created: false });
        continue;
      }
      outcomes.push((await reply(agencyId, mail)) ?? (await newRequest(agencyId, mail)));
    }
    return outcomes;
  }

  return { recipient, take };
}

export type EmailIntake = ReturnType<typeof createEmailIntake>;
