import type { MergeSuggestion } from '../../../common/clients.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import { normalizeContact } from './contacts.js';
import * as repo from './repo.js';
import { clientNotFound } from './service.js';
import { auditView, toDetail, toSummary } from './views.js';

/** Moves another capability's rows (requests, later calls and visits) from one client to another. */
export type MergeHandler = (tx: Executor, agencyId: string, fromId: string, toId: string) => Promise<void>;

const SUGGESTION_LIMIT = 100;

/** Pairs with the same name (case and spacing aside) at the same normalised postal address. */
function nameAddressMatches(rows: { id: string; name: string; address: string }[]) {
  const groups = new Map<string, Set<string>>();
  for (const row of rows) {
    const address = normalizeContact('postal', row.address);
    if (!address) continue;
    const key = `${row.name.toLowerCase().replace(/\s+/g, ' ').trim()}|${address}`;
    groups.set(key, (groups.get(key) ?? new Set()).add(row.id));
  }
  const pairs: { leftId: string; rightId: string; value: string }[] = [];
  for (const [key, ids] of groups) {
    const sorted = [...ids].sort();
    for (let i = 0; i < sorted.length; i += 1) {
      for (let j = i + 1; j < sorted.length; j += 1) {
        pairs.push({
          leftId: sorted[i] as string,
          rightId: sorted[j] as string,
          value: key.split('|')[1] ?? '',
        });
      }
    }
  }
  return pairs.slice(0, SUGGESTION_LIMIT);
}

/** The survivor keeps its own fields and takes the other's where it has none. */
function mergedFields(survivor: repo.ClientRow, merged: repo.ClientRow): Partial<repo.ClientRow> {
  const earlier = (a: Date, b: Date) => (a < b ? a : b);
  const later = (a: Date, b: Date) => (a > b ? a : b);
  return {
    organisationName: survivor.organisationName ?? merged.organisationName,
    inn: survivor.inn ?? merged.inn,
    postalAddress: survivor.postalAddress ?? merged.postalAddress,
    // A hold on either record must survive the merge, or merging would defeat it.
    legalHold: survivor.legalHold || merged.legalHold,
    legalHoldReason: survivor.legalHold ? survivor.legalHoldReason : merged.legalHoldReason,
    createdAt: earlier(survivor.createdAt, merged.createdAt),
    lastInteractionAt: later(survivor.lastInteractionAt, merged.lastInteractionAt),
  };
}

export function createClientMergeService(db: Db, audit: AuditService) {
  const handlers: MergeHandler[] = [];

  return {
    /** Each capability that points rows at a client registers how to move them at merge. */
    onMerge(handler: MergeHandler) {
      handlers.push(handler);
    },

    /** Pairs sharing an e-mail, phone or messenger id, or the same name at the same postal address. */
    async suggestions(actor: Actor): Promise<MergeSuggestion[]> {
      const [byContact, byAddress] = await Promise.all([
        repo.contactMatches(db, actor.agencyId, SUGGESTION_LIMIT),
        repo.postalAddresses(db, actor.agencyId).then(nameAddressMatches),
      ]);
      const pairs = new Map<
        string,
        { leftId: string; rightId: string; reasons: MergeSuggestion['reasons'] }
      >();
      const add = (leftId: string, rightId: string, reason: MergeSuggestion['reasons'][number]) => {
        const key = `${leftId}:${rightId}`;
        const pair = pairs.get(key) ?? { leftId, rightId, reasons: [] };
        pair.reasons.push(reason);
        pairs.set(key, pair);
      };
      for (const m of byContact) add(m.leftId, m.rightId, { kind: m.kind, value: m.value });
      for (const m of byAddress) add(m.leftId, m.rightId, { kind: 'name_address', value: m.value });
      const ids = [...new Set([...pairs.values()].flatMap((p) => [p.leftId, p.rightId]))];
      if (ids.length === 0) return [];
      const [rows, contacts] = await Promise.all([
        repo.findClients(db, actor.agencyId, ids),
        repo.listContacts(db, actor.agencyId, ids),
      ]);
      const byId = new Map(rows.map((row) => [row.id, toSummary(row, contacts)]));
      return [...pairs.values()].flatMap(({ leftId, rightId, reasons }) => {
        const left = byId.get(leftId);
        const right = byId.get(rightId);
        return left && right ? [{ left, right, reasons }] : [];
      });
    },

    /**
     * Folds `mergedId` into `survivorId`: requests, consents and contacts move, the survivor keeps its
     * fields and takes the other's where it has none, and the merged-away id keeps resolving.
     */
    async merge(actor: Actor, survivorId: string, mergedId: string) {
      if (survivorId === mergedId)
        throw new Invalid('body.mergedId', 'Нельзя объединить клиента с самим собой');
      return db.transaction(async (tx) => {
        const locked = await repo.lockClients(tx, actor.agencyId, [survivorId, mergedId]);
        const survivor = locked.find((row) => row.id === survivorId);
        const merged = locked.find((row) => row.id === mergedId);
        if (!survivor) throw clientNotFound();
        if (!merged) throw new Invalid('body.mergedId', 'Второй клиент не найден', 'client_not_found');
        const contacts = await repo.listContacts(tx, actor.agencyId, [survivorId, mergedId]);
        for (const handler of handlers) await handler(tx, actor.agencyId, mergedId, survivorId);
        await repo.moveClientData(tx, actor.agencyId, mergedId, survivorId);
        const after = await repo.updateClient(tx, actor.agencyId, survivorId, mergedFields(survivor, merged));
        if (!after) throw clientNotFound();
        await repo.deleteClients(tx, actor.agencyId, [mergedId]);
        await repo.insertMerge(tx, { agencyId: actor.agencyId, mergedId, survivorId, actorId: actor.userId });
        const afterContacts = await repo.listContacts(tx, actor.agencyId, [survivorId]);
        const own = (id: string) => contacts.filter((c) => c.clientId === id);
        await audit.record(tx, actor, 'client', survivorId, {
          before: {
            survivor: { id: survivorId, ...auditView(survivor, own(survivorId)) },
            merged: { id: mergedId, ...auditView(merged, own(mergedId)) },
          },
          after: { survivor: { id: survivorId, ...auditView(after, afterContacts) }, mergedId },
        });
        return toDetail(after, afterContacts, null);
      });
    },
  };
}

export type ClientMergeService = ReturnType<typeof createClientMergeService>;
