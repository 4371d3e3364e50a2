import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { normalizeContact } from '../clients/contacts.js';
import { contactIndex } from '../clients/repo.js';
import { clientContacts } from '../clients/schema.js';
import * as requestRepo from '../requests/repo.js';
import type { InboundMail } from './email-mime.js';
import { inboundEmails, outboundMessages } from './schema.js';

/** An e-mail address as a receiving server quotes it, bare or in angle brackets. */
const ADDRESS = /[^\s<>()[\]{}"',;:@]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

/**
 * The diagnosis for the request's history, which is stored open (its notes are not contact
 * fields): the address stays only in the sealed columns (the message, the client's contact).
 */
const withoutAddresses = (text: string) => text.replace(ADDRESS, 'адрес получателя');

/**
 * A delivery failure report about one of our e-mails: the message is marked failed with the
 * receiving server's diagnosis, the address is marked unreachable on every client holding it in
 * that agency, and the request's history says so. Never a request of its own. Returns how many
 * of our messages it concerned.
 */
export async function recordBounce(db: Db, mail: InboundMail): Promise<number> {
  const reports = mail.bounce?.reports ?? [];
  if (reports.length === 0) return 0;
  const diagnostic = mail.bounce?.diagnostic ?? '';
  const at = new Date();
  const note = `Письмо на адрес получателя не доставлено — адрес недоступен: ${withoutAddresses(diagnostic)}`;
  return db.transaction(async (tx) => {
    const failed = await tx
      .update(outboundMessages)
      .set({ status: 'failed', lastError: `Письмо не доставлено: ${diagnostic}`, leaseUntil: null })
      .where(and(eq(outboundMessages.network, 'email'), inArray(outboundMessages.externalId, reports)))
      .returning();
    for (const message of failed) {
      if (!message.agencyId) continue;
      await tx
        .update(clientContacts)
        .set({ bouncedAt: at, bounceReason: diagnostic })
        .where(
          and(
            eq(clientContacts.agencyId, message.agencyId),
            eq(clientContacts.kind, 'email'),
            eq(clientContacts.valueIndex, contactIndex(normalizeContact('email', message.recipient))),
          ),
        );
      if (!message.requestId) continue;
      // The same report delivered again must not repeat the note.
      const first = await tx
        .insert(inboundEmails)
        .values({
          agencyId: message.agencyId,
          messageId: mail.messageId,
          kind: 'bounce',
          requestId: message.requestId,
        })
        .onConflictDoNothing()
        .returning({ messageId: inboundEmails.messageId });
      if (first.length === 0) continue;
      const request = await requestRepo.findById(tx, message.agencyId, message.requestId);
      if (!request) continue;
      await requestRepo.insertEvents(tx, [
        {
          agencyId: message.agencyId,
          requestId: request.id,
          at,
          status: request.status,
          note,
          isPublic: false,
        },
      ]);
    }
    return failed.length;
  });
}
