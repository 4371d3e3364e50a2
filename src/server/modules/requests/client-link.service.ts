import type { Db, Executor } from '../../db/client.js';
import * as repo from './client.repo.js';

/**
 * What the client history needs from the registry: a client's requests with their events, moving
 * them at a merge, and removing them when the retention job purges the client.
 */
export function createRequestClientLink(db: Db) {
  return {
    async ofClient(agencyId: string, clientId: string) {
      const rows = await repo.requestsOfClient(db, agencyId, clientId);
      const events = await repo.eventsOfRequests(
        db,
        agencyId,
        rows.map((row) => row.id),
      );
      return rows.map((row) => ({ ...row, events: events.filter((e) => e.requestId === row.id) }));
    },

    reassign: (tx: Executor, agencyId: string, fromId: string, toId: string) =>
      repo.reassignClient(tx, agencyId, fromId, toId),

    clientsActiveSince: (tx: Executor, agencyId: string, clientIds: string[], since: Date) =>
      repo.clientsActiveSince(tx, agencyId, clientIds, since),

    async requestIdsOf(tx: Executor, agencyId: string, clientIds: string[]) {
      return (await repo.requestIdsOfClients(tx, agencyId, clientIds)).map((row) => row.id);
    },

    purge: (tx: Executor, agencyId: string, requestIds: string[]) =>
      repo.deleteRequests(tx, agencyId, requestIds),
  };
}

export type RequestClientLink = ReturnType<typeof createRequestClientLink>;
export type ClientRequest = Awaited<ReturnType<RequestClientLink['ofClient']>>[number];
