import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { outboundMessages } from '../channels/schema.js';
import { emailIndexOf, ledger } from '../mailings/repo.js';
import { mailingSubscribers } from '../mailings/schema.js';
import { surveyPollRecipients, surveyPolls, surveyVersions } from '../surveys/schema.js';

/** What Otklik sent the person (notifications, answers, poll invitations), oldest first. */
export function messagesTo(db: Executor, agencyId: string, clientId: string, requestIds: string[]) {
  return db
    .select({
      at: outboundMessages.createdAt,
      network: outboundMessages.network,
      recipient: outboundMessages.recipient,
      subject: outboundMessages.subject,
      body: outboundMessages.body,
      status: outboundMessages.status,
      sentAt: outboundMessages.sentAt,
      requestId: outboundMessages.requestId,
    })
    .from(outboundMessages)
    .where(
      and(
        eq(outboundMessages.agencyId, agencyId),
        requestIds.length > 0
          ? or(eq(outboundMessages.clientId, clientId), inArray(outboundMessages.requestId, requestIds))
          : eq(outboundMessages.clientId, clientId),
      ),
    )
    .orderBy(asc(outboundMessages.createdAt), asc(outboundMessages.id));
}

/** The polls the person was invited to; answers themselves are never tied to anyone (seed 002 p. 3.3). */
export function pollInvitations(db: Executor, agencyId: string, clientId: string) {
  return db
    .select({
      at: surveyPolls.createdAt,
      channel: surveyPolls.channel,
      surveyTitle: sql<string>`(select ${surveyVersions.definition}->>'title' from ${surveyVersions} where ${surveyVersions.surveyId} = ${surveyPolls.surveyId} order by ${surveyVersions.number} desc limit 1)`,
    })
    .from(surveyPollRecipients)
    .innerJoin(surveyPolls, eq(surveyPolls.id, surveyPollRecipients.pollId))
    .where(and(eq(surveyPollRecipients.agencyId, agencyId), eq(surveyPollRecipients.clientId, clientId)))
    .orderBy(asc(surveyPolls.createdAt));
}

/** The person's mailing subscriptions (by their e-mail addresses) and every consent-ledger entry of them. */
export async function mailingsOf(db: Executor, agencyId: string, emails: string[]) {
  if (emails.length === 0) return { subscriptions: [], ledger: [] };
  const subscriptions = await db
    .select({
      id: mailingSubscribers.id,
      email: mailingSubscribers.email,
      status: mailingSubscribers.status,
      confirmedAt: mailingSubscribers.confirmedAt,
      revokedAt: mailingSubscribers.revokedAt,
      createdAt: mailingSubscribers.createdAt,
    })
    .from(mailingSubscribers)
    .where(
      and(
        eq(mailingSubscribers.agencyId, agencyId),
        inArray(
          mailingSubscribers.emailIndex,
          emails.map((email) => emailIndexOf(email.toLowerCase())),
        ),
      ),
    );
  const entries =
    subscriptions.length > 0
      ? await ledger(
          db,
          agencyId,
          subscriptions.map((s) => s.id),
        )
      : [];
  return { subscriptions, ledger: entries };
}
