import type { ClientDetail, ClientKind, ContactKind } from '../../../common/clients.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import type { AuditService } from '../audit/service.js';
import { assertContact, normalizeContact, normalizePhone } from './contacts.js';
import { clientMatchCtes, findOrInsertClient, storedContacts } from './match.repo.js';
import * as repo from './repo.js';
import { auditView, toDetail, toSummary } from './views.js';

export { normalizePhone };

export interface ContactInput {
  name: string;
  email: string | null;
  phone: string | null;
  /** The channel the contact came through; recorded as the contact's source. */
  channel?: string;
  /** The sender's id on a messenger or network (Telegram, VK, OK): it finds the client again. */
  messenger?: { kind: 'telegram' | 'vk' | 'ok'; value: string } | null;
}

export interface ClientPatch {
  kind?: ClientKind;
  name?: string;
  organisationName?: string | null;
  inn?: string | null;
  postalAddress?: string | null;
}

export const clientNotFound = () => new NotFound('client_not_found', 'Клиент не найден');

export function createClientService(db: Db, audit: AuditService) {
  /** The client by id, following merges so links to a merged-away record still resolve. */
  async function resolve(executor: Executor, agencyId: string, id: string) {
    const row = await repo.findClient(executor, agencyId, id);
    if (row) return { row, mergedFrom: null };
    const survivorId = await repo.findSurvivorOf(executor, agencyId, id);
    const survivor = survivorId ? await repo.findClient(executor, agencyId, survivorId) : undefined;
    if (!survivor) throw clientNotFound();
    return { row: survivor, mergedFrom: id };
  }

  async function detailOf(executor: Executor, agencyId: string, id: string): Promise<ClientDetail> {
    const { row, mergedFrom } = await resolve(executor, agencyId, id);
    return toDetail(row, await repo.listContacts(executor, agencyId, [row.id]), mergedFrom);
  }

  /** Runs a staff change on one client with the audit row (before/after) in the same transaction. */
  async function change(actor: Actor, id: string, apply: (tx: Executor, clientId: string) => Promise<void>) {
    return db.transaction(async (tx) => {
      const [before] = await repo.lockClients(tx, actor.agencyId, [id]);
      if (!before) throw clientNotFound();
      const beforeContacts = await repo.listContacts(tx, actor.agencyId, [id]);
      await apply(tx, id);
      const after = await repo.findClient(tx, actor.agencyId, id);
      if (!after) throw clientNotFound();
      const afterContacts = await repo.listContacts(tx, actor.agencyId, [id]);
      await audit.record(tx, actor, 'client', id, {
        before: auditView(before, beforeContacts),
        after: auditView(after, afterContacts),
      });
      return toDetail(after, afterContacts, null);
    });
  }

  /** The contacts given with a request, normalised, e-mail first (the match prefers it). */
  function givenContacts(contact: ContactInput) {
    return [
      contact.email ? { kind: 'email' as const, value: contact.email } : null,
      contact.phone ? { kind: 'phone' as const, value: contact.phone } : null,
      contact.messenger ?? null,
    ].flatMap((c) => (c ? [{ ...c, normalized: normalizeContact(c.kind, c.value) }] : []));
  }

  return {
    resolve: (agencyId: string, id: string) => resolve(db, agencyId, id),

    /**
     * The agency's client with this e-mail (else phone), or a new one. Matching by contact keeps
     * one history per person across channels; doubtful matches are merged later by staff.
     */
    findOrCreate: (tx: Executor, agencyId: string, contact: ContactInput, at: Date): Promise<string> =>
      findOrInsertClient(
        tx,
        clientMatchCtes({
          agencyId,
          name: contact.name,
          at: at.toISOString(),
          source: contact.channel ?? 'portal',
          contacts: storedContacts(givenContacts(contact)),
        }),
      ),

    /** The contacts given with a request as the client match writes them: sealed, with blind indexes. */
    storedContactsOf: (contact: ContactInput) => storedContacts(givenContacts(contact)),

    consentEvents: (agencyId: string, clientId: string) => repo.listConsentEvents(db, agencyId, clientId),

    contactsOf: (agencyId: string, clientId: string) => repo.listContacts(db, agencyId, [clientId]),

    /** The client holding this e-mail, for the portal's history link; undefined when none. */
    findByEmail: (agencyId: string, email: string) =>
      repo.findClientByContact(db, agencyId, 'email', normalizeContact('email', email)),

    async list(actor: Actor, filter: repo.ClientListFilter & PageRequest) {
      const { page, limit, offset } = pageWindow(filter);
      const { total, rows } = await repo.listClients(db, actor.agencyId, filter, limit, offset);
      const contacts = rows.length
        ? await repo.listContacts(
            db,
            actor.agencyId,
            rows.map((r) => r.id),
          )
        : [];
      return toPage(
        rows.map((row) => toSummary(row, contacts)),
        total,
        page,
        limit,
      );
    },

    /** The card as staff open it; the opening is audited (152-ФЗ: who accessed whose data). */
    async detail(actor: Actor, id: string) {
      const detail = await detailOf(db, actor.agencyId, id);
      await audit.recordRead(actor, 'client', detail.id);
      return detail;
    },

    update: (actor: Actor, id: string, patch: ClientPatch) =>
      change(actor, id, async (tx) => {
        if (patch.inn && !/^(\d{10}|\d{12})$/.test(patch.inn)) {
          throw new Invalid('body.inn', 'ИНН: 10 цифр для организации или 12 для физического лица');
        }
        await repo.updateClient(tx, actor.agencyId, id, patch);
      }),

    addContact: (actor: Actor, id: string, input: { kind: ContactKind; value: string; verified: boolean }) =>
      change(actor, id, async (tx) => {
        const normalized = assertContact(input.kind, input.value, 'body.value');
        const added = await repo.insertContacts(tx, [
          {
            agencyId: actor.agencyId,
            clientId: id,
            ...input,
            value: input.value.trim(),
            normalized,
            source: 'staff',
          },
        ]);
        if (added.length === 0)
          throw new Invalid('body.value', 'Такой контакт у клиента уже есть', 'contact_exists');
      }),

    updateContact: (
      actor: Actor,
      id: string,
      contactId: string,
      input: { value?: string; verified?: boolean },
    ) =>
      change(actor, id, async (tx) => {
        const contact = await repo.findContact(tx, actor.agencyId, id, contactId);
        if (!contact) throw new NotFound('contact_not_found', 'Контакт не найден');
        const value = input.value?.trim() ?? contact.value;
        const normalized = assertContact(contact.kind, value, 'body.value');
        const others = await repo.listContacts(tx, actor.agencyId, [id]);
        if (
          others.some(
            (c) =>
              c.id !== contactId &&
              c.kind === contact.kind &&
              normalizeContact(c.kind, c.value) === normalized,
          )
        ) {
          throw new Invalid('body.value', 'Такой контакт у клиента уже есть', 'contact_exists');
        }
        await repo.updateContact(tx, actor.agencyId, contactId, {
          value,
          normalized,
          verified: input.verified ?? contact.verified,
          // A corrected address has not bounced yet.
          ...(normalized !== normalizeContact(contact.kind, contact.value)
            ? { bouncedAt: null, bounceReason: null }
            : {}),
        });
      }),

    removeContact: (actor: Actor, id: string, contactId: string) =>
      change(actor, id, async (tx) => {
        if (!(await repo.findContact(tx, actor.agencyId, id, contactId))) {
          throw new NotFound('contact_not_found', 'Контакт не найден');
        }
        await repo.deleteContact(tx, actor.agencyId, contactId);
      }),

    /** A legal hold keeps the client out of the retention purge; the reason is required to set it. */
    setLegalHold: (actor: Actor, id: string, input: { legalHold: boolean; reason?: string }) =>
      change(actor, id, async (tx) => {
        const reason = input.reason?.trim() || null;
        if (input.legalHold && !reason)
          throw new Invalid('body.reason', 'Укажите основание для запрета удаления');
        await repo.updateClient(tx, actor.agencyId, id, {
          legalHold: input.legalHold,
          legalHoldReason: input.legalHold ? reason : null,
        });
      }),

    expired: (
      tx: Executor,
      agencyId: string,
      cutoff: Date,
      limit: number,
      after?: { lastInteractionAt: Date; id: string },
    ) => repo.expiredClients(tx, agencyId, cutoff, limit, after),

    deleteClients: (tx: Executor, agencyId: string, ids: string[]) => repo.deleteClients(tx, agencyId, ids),

    contactsFor: (agencyId: string, ids: string[]) => repo.listContacts(db, agencyId, ids),
  };
}

export type ClientService = ReturnType<typeof createClientService>;
