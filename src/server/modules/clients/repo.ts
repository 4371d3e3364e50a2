import { and, asc, count, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { CONTACT_KINDS } from '../../../common/clients.js';
import type { Executor } from '../../db/client.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { normalizeContact } from './contacts.js';
import { type ContactKind, clientConsentEvents, clientContacts, clientMerges, clients } from './schema.js';

export type ClientRow = typeof clients.$inferSelect;
export type ContactRow = typeof clientContacts.$inferSelect;
export type ConsentEventRow = typeof clientConsentEvents.$inferSelect;
/** A contact as services write it: the repository turns `normalized` into the blind index. */
export type ContactValues = Omit<typeof clientContacts.$inferInsert, 'valueIndex'> & { normalized: string };

/** The blind index a normalised contact is stored and looked up under. */
export const contactIndex = (normalized: string) => fieldCrypto().blindIndex(normalized);

function withIndex<T extends { normalized?: string }>({ normalized, ...rest }: T) {
  return normalized === undefined ? rest : { ...rest, valueIndex: contactIndex(normalized) };
}

export async function findClientByContact(
  db: Executor,
  agencyId: string,
  kind: ContactKind,
  normalized: string,
) {
  const [row] = await db
    .select({ client: clients })
    .from(clientContacts)
    .innerJoin(clients, eq(clients.id, clientContacts.clientId))
    .where(
      and(
        eq(clientContacts.agencyId, agencyId),
        eq(clientContacts.kind, kind),
        eq(clientContacts.valueIndex, contactIndex(normalized)),
      ),
    )
    .orderBy(asc(clients.createdAt))
    .limit(1);
  return row?.client;
}

export async function findClient(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(clients)
    .where(and(eq(clients.agencyId, agencyId), eq(clients.id, id)));
  return row;
}

export function findClients(db: Executor, agencyId: string, ids: string[]) {
  return db
    .select()
    .from(clients)
    .where(and(eq(clients.agencyId, agencyId), inArray(clients.id, ids)));
}

export async function lockClients(db: Executor, agencyId: string, ids: string[]) {
  return db
    .select()
    .from(clients)
    .where(and(eq(clients.agencyId, agencyId), inArray(clients.id, ids)))
    .orderBy(asc(clients.id))
    .for('update');
}

export async function findSurvivorOf(db: Executor, agencyId: string, mergedId: string) {
  const [row] = await db
    .select({ survivorId: clientMerges.survivorId })
    .from(clientMerges)
    .where(and(eq(clientMerges.agencyId, agencyId), eq(clientMerges.mergedId, mergedId)));
  return row?.survivorId;
}

export async function insertClient(db: Executor, values: typeof clients.$inferInsert): Promise<ClientRow> {
  const [row] = await db.insert(clients).values(values).returning();
  if (!row) throw new Error('client insert returned nothing');
  return row;
}

export async function updateClient(
  db: Executor,
  agencyId: string,
  id: string,
  patch: Partial<typeof clients.$inferInsert>,
) {
  const [row] = await db
    .update(clients)
    .set(patch)
    .where(and(eq(clients.agencyId, agencyId), eq(clients.id, id)))
    .returning();
  return row;
}

export async function touchClient(db: Executor, agencyId: string, id: string, at: Date) {
  await db
    .update(clients)
    .set({ lastInteractionAt: sql`greatest(${clients.lastInteractionAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(clients.agencyId, agencyId), eq(clients.id, id)));
}

export async function insertContacts(db: Executor, values: ContactValues[]) {
  if (values.length === 0) return [];
  return db
    .insert(clientContacts)
    .values(values.map(({ normalized, ...v }) => ({ ...v, valueIndex: contactIndex(normalized) })))
    .onConflictDoNothing()
    .returning();
}

export function listContacts(db: Executor, agencyId: string, clientIds: string[]) {
  return db
    .select()
    .from(clientContacts)
    .where(and(eq(clientContacts.agencyId, agencyId), inArray(clientContacts.clientId, clientIds)))
    .orderBy(asc(clientContacts.kind), asc(clientContacts.createdAt));
}

export async function findContact(db: Executor, agencyId: string, clientId: string, id: string) {
  const [row] = await db
    .select()
    .from(clientContacts)
    .where(
      and(
        eq(clientContacts.agencyId, agencyId),
        eq(clientContacts.clientId, clientId),
        eq(clientContacts.id, id),
      ),
    );
  return row;
}

export async function updateContact(
  db: Executor,
  agencyId: string,
  id: string,
  patch: Partial<ContactValues>,
) {
  const [row] = await db
    .update(clientContacts)
    .set(withIndex(patch))
    .where(and(eq(clientContacts.agencyId, agencyId), eq(clientContacts.id, id)))
    .returning();
  return row;
}

export async function deleteContact(db: Executor, agencyId: string, id: string) {
  await db
    .delete(clientContacts)
    .where(and(eq(clientContacts.agencyId, agencyId), eq(clientContacts.id, id)));
}

/** The INSERT of a consent event, to run by itself or with the request it came with. */
export function consentEventInsert(db: Executor, values: PgInsertValue<typeof clientConsentEvents>) {
  return db.insert(clientConsentEvents).values(values);
}

export function listConsentEvents(db: Executor, agencyId: string, clientId: string) {
  return db
    .select()
    .from(clientConsentEvents)
    .where(and(eq(clientConsentEvents.agencyId, agencyId), eq(clientConsentEvents.clientId, clientId)))
    .orderBy(desc(clientConsentEvents.at));
}

export interface ClientListFilter {
  q?: string;
  sort?: 'name' | 'lastInteractionAt' | 'createdAt';
  order?: 'asc' | 'desc';
}

const SORT_COLUMNS = {
  name: sql`lower(${clients.name})`,
  lastInteractionAt: clients.lastInteractionAt,
  createdAt: clients.createdAt,
};

export async function listClients(
  db: Executor,
  agencyId: string,
  filter: ClientListFilter,
  limit: number,
  offset: number,
) {
  const conditions: SQL[] = [eq(clients.agencyId, agencyId)];
  if (filter.q) {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Contacts are sealed, so they match whole (by blind index): a name or organisation by substring.
    const sameContact = CONTACT_KINDS.map(
      (kind) =>
        sql`(cc.kind = ${kind} and cc.value_index = ${contactIndex(normalizeContact(kind, filter.q ?? ''))})`,
    );
    conditions.push(sql`(lower(${clients.name}) like ${pattern}
      or lower(coalesce(${clients.organisationName}, '')) like ${pattern}
      or exists (select 1 from ${clientContacts} cc where cc.agency_id = ${agencyId}
        and cc.client_id = ${clients.id} and (${sql.join(sameContact, sql` or `)})))`);
  }
  const where = and(...conditions);
  const column = SORT_COLUMNS[filter.sort ?? 'lastInteractionAt'];
  const defaultOrder = filter.sort === 'name' ? 'asc' : 'desc';
  const direction = (filter.order ?? defaultOrder) === 'asc' ? asc : desc;
  const [total] = await db.select({ value: count() }).from(clients).where(where);
  const rows = await db
    .select()
    .from(clients)
    .where(where)
    .orderBy(direction(column), asc(clients.id))
    .limit(limit)
    .offset(offset);
  return { total: total?.value ?? 0, rows };
}

/** Pairs of clients sharing a normalised contact of one kind (postal addresses are compared below). */
export async function contactMatches(db: Executor, agencyId: string, limit: number) {
  const result = await db.execute(sql`
    select a.client_id as "leftId", b.client_id as "rightId", a.kind as "kind", a.value as "value"
    from ${clientContacts} a
    join ${clientContacts} b on b.agency_id = a.agency_id and b.kind = a.kind
      and b.value_index = a.value_index and a.client_id < b.client_id
    where a.agency_id = ${agencyId} and a.kind <> 'postal'
    limit ${limit}`);
  const { rows } = result as unknown as {
    rows: { leftId: string; rightId: string; kind: ContactKind; value: string }[];
  };
  return rows.map((row) => ({ ...row, value: normalizeContact(row.kind, fieldCrypto().open(row.value)) }));
}

/** Every postal address a client has (the client field or a postal contact), with the client's name. */
export async function postalAddresses(db: Executor, agencyId: string) {
  const [fields, contacts] = await Promise.all([
    db
      .select({ id: clients.id, name: clients.name, address: clients.postalAddress })
      .from(clients)
      .where(and(eq(clients.agencyId, agencyId), sql`${clients.postalAddress} is not null`)),
    db
      .select({ id: clients.id, name: clients.name, address: clientContacts.value })
      .from(clientContacts)
      .innerJoin(clients, eq(clients.id, clientContacts.clientId))
      .where(and(eq(clientContacts.agencyId, agencyId), eq(clientContacts.kind, 'postal'))),
  ]);
  return [...fields, ...contacts].flatMap((row) => (row.address ? [{ ...row, address: row.address }] : []));
}

/** Moves what belongs to `fromId` onto `toId`; contacts the survivor already has are dropped. */
export async function moveClientData(db: Executor, agencyId: string, fromId: string, toId: string) {
  await db.execute(sql`
    update ${clientContacts} c set client_id = ${toId}
    where c.agency_id = ${agencyId} and c.client_id = ${fromId} and not exists (
      select 1 from ${clientContacts} s where s.client_id = ${toId} and s.kind = c.kind and s.value_index = c.value_index)`);
  await db
    .update(clientConsentEvents)
    .set({ clientId: toId })
    .where(and(eq(clientConsentEvents.agencyId, agencyId), eq(clientConsentEvents.clientId, fromId)));
  await db
    .update(clientMerges)
    .set({ survivorId: toId })
    .where(and(eq(clientMerges.agencyId, agencyId), eq(clientMerges.survivorId, fromId)));
}

export async function insertMerge(db: Executor, values: typeof clientMerges.$inferInsert) {
  await db.insert(clientMerges).values(values);
}

export async function deleteClients(db: Executor, agencyId: string, ids: string[]) {
  if (ids.length === 0) return;
  await db.delete(clients).where(and(eq(clients.agencyId, agencyId), inArray(clients.id, ids)));
}

/** Clients whose last interaction is before `cutoff` and who are not on legal hold, oldest first. */
export function expiredClients(
  db: Executor,
  agencyId: string,
  cutoff: Date,
  limit: number,
  after?: { lastInteractionAt: Date; id: string },
) {
  const conditions: SQL[] = [
    eq(clients.agencyId, agencyId),
    eq(clients.legalHold, false),
    lt(clients.lastInteractionAt, cutoff),
  ];
  if (after) {
    conditions.push(
      sql`(${clients.lastInteractionAt}, ${clients.id}) > (${after.lastInteractionAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
    );
  }
  return db
    .select({ id: clients.id, lastInteractionAt: clients.lastInteractionAt })
    .from(clients)
    .where(and(...conditions))
    .orderBy(asc(clients.lastInteractionAt), asc(clients.id))
    .limit(limit)
    .for('update', { skipLocked: true });
}
