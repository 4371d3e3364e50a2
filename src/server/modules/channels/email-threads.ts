import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Upload } from '../../http/uploads.js';
import type { FileQuota } from '../agencies/file-quota.js';
import { attachmentRows } from '../requests/registration.js';
import * as requestRepo from '../requests/repo.js';
import type { InboundMail } from './email-mime.js';
import { inboundEmails, outboundMessages } from './schema.js';

// «№ ИНСП-2026-00042» as our subjects write it; a client's «Re:» keeps it.
const NUMBER_IN_SUBJECT = /№\s*([\p{L}\p{N}][\p{L}\p{N}-]*\p{N})/u;

/**
 * The request a letter continues, within one agency: it answers one of our e-mails about the
 * request (In-Reply-To / References), or its subject names the request's number and it comes
 * from the address the request was registered with.
 */
export async function requestAnswered(db: Db, agencyId: string, mail: InboundMail) {
  if (mail.answers.length > 0) {
    const [sent] = await db
      .select({ requestId: outboundMessages.requestId })
      .from(outboundMessages)
      .where(
        and(
          eq(outboundMessages.agencyId, agencyId),
          eq(outboundMessages.network, 'email'),
          inArray(outboundMessages.externalId, mail.answers),
          isNotNull(outboundMessages.requestId),
        ),
      )
      .limit(1);
    const row = sent?.requestId ? await requestRepo.findById(db, agencyId, sent.requestId) : undefined;
    if (row) return row;
  }
  const number = NUMBER_IN_SUBJECT.exec(mail.subject)?.[1];
  if (!number || !mail.from) return undefined;
  const row = await requestRepo.findByNumber(db, agencyId, number);
  return row && row.contactEmail?.toLowerCase() === mail.from.address ? row : undefined;
}

/** The request a letter already joined in this agency (a redelivery after a lost 250), if any. */
export async function alreadyReceived(db: Db, agencyId: string, messageId: string) {
  const [row] = await db
    .select({ requestId: inboundEmails.requestId })
    .from(inboundEmails)
    .where(and(eq(inboundEmails.agencyId, agencyId), eq(inboundEmails.messageId, messageId)));
  return row?.requestId ?? null;
}

/**
 * A client's reply becomes an internal note in the request's history with its files as incoming
 * ones, in one transaction with the Message-ID, so a redelivery adds nothing. The status stays.
 */
export async function recordReply(
  db: Db,
  fileQuota: FileQuota,
  request: requestRepo.RequestRow,
  mail: InboundMail,
  uploads: Upload[],
  notes: string[],
): Promise<boolean> {
  const { agencyId } = request;
  const from = mail.from ? `${mail.from.name ? `${mail.from.name} ` : ''}<${mail.from.address}>` : '';
  const at = new Date();
  const event = (note: string) => ({
    agencyId,
    requestId: request.id,
    at,
    status: request.status,
    note,
    isPublic: false,
  });
  const text = mail.readable ? mail.text : '(без текста)';
  const files = uploads.length ? `\n\nФайлы: ${uploads.map((file) => file.name).join(', ')}` : '';
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(inboundEmails)
      .values({ agencyId, messageId: mail.messageId, kind: 'reply', requestId: request.id })
      .onConflictDoNothing()
      .returning({ messageId: inboundEmails.messageId });
    if (inserted.length === 0) return false;
    await requestRepo.insertEvents(tx, [
      event(`Заявитель ответил по электронной почте ${from}\nТема: ${mail.subject}\n\n${text}${files}`),
      ...notes.map(event),
    ]);
    if (uploads.length) {
      await requestRepo.insertAttachments(
        tx,
        attachmentRows(agencyId, request.id, 'incoming', null, uploads),
      );
      await fileQuota.enforce(tx, agencyId, 'files', 'staff');
    }
    return true;
  });
}
