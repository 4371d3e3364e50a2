import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { users } from '../auth/schema.js';
import { mailingConsentEvents, mailingSubscribers, mailingTopics } from './schema.js';

export type TopicRow = typeof mailingTopics.$inferSelect;
export type SubscriberRow = typeof mailingSubscribers.$inferSelect;
export type NewConsentEvent = typeof mailingConsentEvents.$inferInsert;

export async function listTopics(db: Executor, agencyId: string) {
  return db
    .select()
    .from(mailingTopics)
    .where(eq(mailingTopics.agencyId, agencyId))
    .orderBy(asc(mailingTopics.position), asc(mailingTopics.createdAt));
}

/** Only an agency that never had a topic gets the presets: archiving them all is a choice. */
export async function insertPresetTopics(
  db: Db,
  agencyId: string,
  presets: { title: string; description: string }[],
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`mailing_topics:${agencyId}`}))`);
    const [existing] = await tx
      .select({ id: mailingTopics.id })
      .from(mailingTopics)
      .where(eq(mailingTopics.agencyId, agencyId))
      .limit(1);
    if (existing) return;
    await tx
      .insert(mailingTopics)
      .values(presets.map((preset, position) => ({ agencyId, position, ...preset })));
  });
}

export async function insertTopic(
  tx: Executor,
  row: { agencyId: string; title: string; description: string; position: number },
) {
  const [created] = await tx.insert(mailingTopics).values(row).onConflictDoNothing().returning();
  return created;
}

export async function updateTopic(
  tx: Executor,
  agencyId: string,
  id: string,
  patch: Partial<Pick<TopicRow, 'title' | 'description' | 'archived'>>,
) {
  const [row] = await tx
    .update(mailingTopics)
    .set(patch)
    .where(and(eq(mailingTopics.agencyId, agencyId), eq(mailingTopics.id, id)))
    .returning();
  return row;
}

/** The blind index of an address as stored (trimmed, lower-cased: `mailboxAddress`). */
export const emailIndexOf = (address: string) => fieldCrypto().blindIndex(address);

export async function findSubscriberByEmail(tx: Executor, agencyId: string, email: string) {
  const [row] = await tx
    .select()
    .from(mailingSubscribers)
    .where(
      and(eq(mailingSubscribers.agencyId, agencyId), eq(mailingSubscribers.emailIndex, emailIndexOf(email))),
    )
    .for('update');
  return row;
}

export async function findSubscriber(tx: Executor, agencyId: string, id: string) {
  const [row] = await tx
    .select()
    .from(mailingSubscribers)
    .where(and(eq(mailingSubscribers.agencyId, agencyId), eq(mailingSubscribers.id, id)));
  return row;
}

export async function findByConfirmToken(tx: Executor, agencyId: string, tokenHash: string) {
  const [row] = await tx
    .select()
    .from(mailingSubscribers)
    .where(and(eq(mailingSubscribers.agencyId, agencyId), eq(mailingSubscribers.confirmTokenHash, tokenHash)))
    .for('update');
  return row;
}

export async function insertSubscriber(
  tx: Executor,
  row: Omit<typeof mailingSubscribers.$inferInsert, 'emailIndex'>,
) {
  const [created] = await tx
    .insert(mailingSubscribers)
    .values({ ...row, emailIndex: emailIndexOf(row.email) })
    .returning();
  return created as SubscriberRow;
}

export async function updateSubscriber(
  tx: Executor,
  agencyId: string,
  id: string,
  patch: Partial<typeof mailingSubscribers.$inferInsert>,
) {
  const [row] = await tx
    .update(mailingSubscribers)
    .set(patch)
    .where(and(eq(mailingSubscribers.agencyId, agencyId), eq(mailingSubscribers.id, id)))
    .returning();
  return row as SubscriberRow;
}

export async function listSubscribers(
  db: Executor,
  agencyId: string,
  filter: { q?: string; status?: SubscriberRow['status'] },
  limit: number,
  offset: number,
) {
  const where = and(
    eq(mailingSubscribers.agencyId, agencyId),
    // Sealed addresses match only whole, as the clients' contacts do.
    filter.q ? eq(mailingSubscribers.emailIndex, emailIndexOf(filter.q.trim().toLowerCase())) : undefined,
    filter.status ? eq(mailingSubscribers.status, filter.status) : undefined,
  );
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(mailingSubscribers)
      .where(where)
      .orderBy(desc(mailingSubscribers.createdAt), asc(mailingSubscribers.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(mailingSubscribers).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** The ledger is written only here, and only by INSERT. */
export async function appendConsent(tx: Executor, event: NewConsentEvent) {
  await tx.insert(mailingConsentEvents).values(event);
}

export async function ledger(db: Executor, agencyId: string, subscriberIds?: string[]) {
  return db
    .select({
      id: mailingConsentEvents.id,
      email: mailingConsentEvents.email,
      event: mailingConsentEvents.event,
      method: mailingConsentEvents.method,
      sourcePage: mailingConsentEvents.sourcePage,
      consentText: mailingConsentEvents.consentText,
      topics: mailingConsentEvents.topics,
      ip: mailingConsentEvents.ip,
      at: mailingConsentEvents.at,
      actorName: users.name,
    })
    .from(mailingConsentEvents)
    .leftJoin(users, eq(users.id, mailingConsentEvents.actorId))
    .where(
      and(
        eq(mailingConsentEvents.agencyId, agencyId),
        subscriberIds ? inArray(mailingConsentEvents.subscriberId, subscriberIds) : undefined,
      ),
    )
    .orderBy(asc(mailingConsentEvents.at), asc(mailingConsentEvents.id));
}
