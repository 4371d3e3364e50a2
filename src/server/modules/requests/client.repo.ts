import { and, asc, desc, eq, gte, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { OPEN_STATUSES } from './lifecycle.js';
import { requestEvents, requests } from './schema.js';

// The requests of a client, for the client's history, merges and the retention purge.

export function requestsOfClient(db: Executor, agencyId: string, clientId: string) {
  return db
    .select()
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), eq(requests.clientId, clientId)))
    .orderBy(desc(requests.receivedAt));
}

export function eventsOfRequests(db: Executor, agencyId: string, requestIds: string[]) {
  if (requestIds.length === 0) return Promise.resolve([]);
  return db
    .select()
    .from(requestEvents)
    .where(and(eq(requestEvents.agencyId, agencyId), inArray(requestEvents.requestId, requestIds)))
    .orderBy(asc(requestEvents.at), asc(requestEvents.id));
}

export async function reassignClient(db: Executor, agencyId: string, fromId: string, toId: string) {
  await db
    .update(requests)
    .set({ clientId: toId })
    .where(and(eq(requests.agencyId, agencyId), eq(requests.clientId, fromId)));
}

/** Clients among `clientIds` with a request still open or touched on or after `since`. */
export async function clientsActiveSince(db: Executor, agencyId: string, clientIds: string[], since: Date) {
  if (clientIds.length === 0) return [];
  const rows = await db
    .select({ clientId: requests.clientId })
    .from(requests)
    .where(
      and(
        eq(requests.agencyId, agencyId),
        inArray(requests.clientId, clientIds),
        or(inArray(requests.status, [...OPEN_STATUSES]), gte(requests.updatedAt, since)),
      ),
    )
    .groupBy(requests.clientId);
  return rows.flatMap((row) => (row.clientId ? [row.clientId] : []));
}

export function requestIdsOfClients(db: Executor, agencyId: string, clientIds: string[]) {
  if (clientIds.length === 0) return Promise.resolve([]);
  return db
    .select({ id: requests.id })
    .from(requests)
    .where(and(eq(requests.agencyId, agencyId), inArray(requests.clientId, clientIds)));
}

/** Request events go with their request (ON DELETE CASCADE). */
export async function deleteRequests(db: Executor, agencyId: string, ids: string[]) {
  if (ids.length === 0) return;
  await db.delete(requests).where(and(eq(requests.agencyId, agencyId), inArray(requests.id, ids)));
}
