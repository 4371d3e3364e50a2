import type { ConsentMethod, ConsentRecord, Subscriber, SubscriberStatus } from '../../../common/mailings.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { Mailer } from '../../lib/mail.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import { mailboxAddress } from './address.js';
import { ledgerWorkbook } from './ledger-export.js';
import * as repo from './repo.js';
import type { MailingTopics } from './topics.js';
import type { UnsubscribeTokens } from './unsubscribe-token.js';

const CONFIRM_TTL_MS = 48 * 3600_000;

const linkInvalid = () =>
  new NotFound('link_invalid', 'Ссылка недействительна или устарела. Подпишитесь ещё раз на сайте ведомства');

export const toSubscriber = (row: repo.SubscriberRow): Subscriber => ({
  id: row.id,
  email: row.email,
  status: row.status,
  topicIds: row.topicIds,
  confirmedAt: row.confirmedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
  bouncedAt: row.bouncedAt?.toISOString() ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** The consent a citizen reads on the subscription page; the ledger keeps it word for word. */
export const consentText = (agencyName: string) =>
  `Я даю согласие «${agencyName}» на обработку моего адреса электронной почты для направления мне ` +
  'информационных рассылок по выбранным темам. Согласие действует до его отзыва; отозвать его можно ' +
  'в любой момент по ссылке «Отписаться» в каждом письме рассылки.';

export interface SubscribeInput {
  email: string;
  topics?: string[];
  sourcePage?: string;
  ip?: string;
}

/**
 * Consent to mailings (seed 004 p. 12, 14, 15): double opt-in by e-mail, revocation by link
 * without login, and every step written to the append-only ledger.
 */
export function createSubscriptions(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  topics: MailingTopics;
  mailer: Mailer;
  tokens: UnsubscribeTokens;
  publicUrl: string;
}) {
  const { db, audit, agencies, topics, mailer, tokens, publicUrl } = deps;

  async function agencyOf(slug: string) {
    const agency = await agencies.findBySlug(slug);
    if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
    return agency;
  }

  // Inside a transaction: PGlite has one connection, so a query through `db` there would wait forever.
  const titlesOf = async (tx: Executor, agencyId: string, ids: string[]) =>
    (await repo.listTopics(tx, agencyId)).filter((row) => ids.includes(row.id)).map((row) => row.title);

  async function revoke(
    tx: Executor,
    subscriber: repo.SubscriberRow,
    how: { method: ConsentMethod; actorId?: string; ip?: string },
  ) {
    if (subscriber.status === 'revoked') return subscriber;
    const row = await repo.updateSubscriber(tx, subscriber.agencyId, subscriber.id, {
      status: 'revoked',
      revokedAt: new Date(),
      topicIds: [],
      confirmTokenHash: null,
      confirmExpiresAt: null,
    });
    await repo.appendConsent(tx, {
      agencyId: subscriber.agencyId,
      subscriberId: subscriber.id,
      email: subscriber.email,
      event: 'revoked',
      method: how.method,
      topics: await titlesOf(tx, subscriber.agencyId, subscriber.topicIds),
      actorId: how.actorId ?? null,
      ip: how.ip ?? null,
    });
    return row;
  }

  return {
    tokens,

    async form(slug: string) {
      const agency = await agencyOf(slug);
      const live = (await topics.all(agency.id)).filter((row) => !row.archived);
      return {
        agencyName: agency.name,
        consentText: consentText(agency.name),
        topics: live.map((row) => ({ id: row.id, title: row.title, description: row.description })),
      };
    },

    /**
     * The same answer whether the address is new, waiting or subscribed, so the form tells no one
     * who is on the list; the confirmation e-mail goes to the address itself either way.
     */
    async subscribe(slug: string, input: SubscribeInput): Promise<void> {
      const agency = await agencyOf(slug);
      const email = mailboxAddress(input.email, 'body.email');
      const picked = await topics.chosen(agency.id, input.topics, 'body.topics');
      const text = consentText(agency.name);
      const token = randomToken();
      await db.transaction(async (tx) => {
        const pending = {
          pendingTopicIds: picked.map((row) => row.id),
          pendingConsentText: text,
          pendingSourcePage: input.sourcePage ?? null,
          confirmTokenHash: sha256(token),
          confirmExpiresAt: new Date(Date.now() + CONFIRM_TTL_MS),
        };
        const existing = await repo.findSubscriberByEmail(tx, agency.id, email);
        const row = existing
          ? await repo.updateSubscriber(tx, agency.id, existing.id, {
              ...pending,
              status: existing.status === 'active' ? 'active' : 'pending',
            })
          : await repo.insertSubscriber(tx, { agencyId: agency.id, email, ...pending });
        await repo.appendConsent(tx, {
          agencyId: agency.id,
          subscriberId: row.id,
          email,
          event: 'given',
          method: 'portal_form',
          sourcePage: input.sourcePage ?? null,
          consentText: text,
          topics: picked.map((topic) => topic.title),
          ip: input.ip ?? null,
        });
        const link = `${publicUrl}/${agency.slug}/subscribe/confirm?token=${token}`;
        await mailer.send(
          {
            to: email,
            agencyId: agency.id,
            subject: `Подтвердите подписку на рассылку: ${agency.shortName}`,
            text:
              `Здравствуйте!\n\nНа сайте «${agency.name}» этот адрес указали для получения рассылок ` +
              `по темам: ${picked.map((topic) => topic.title).join(', ')}.\n\n` +
              `Чтобы подтвердить подписку, перейдите по ссылке (она действует 48 часов):\n${link}\n\n` +
              'Если вы не подписывались, просто не отвечайте на это письмо: без подтверждения рассылки ' +
              'не придут.\n',
          },
          tx,
        );
      });
      mailer.wake();
    },

    async confirm(slug: string, token: string, ip?: string) {
      const agency = await agencyOf(slug);
      return db.transaction(async (tx) => {
        const row = await repo.findByConfirmToken(tx, agency.id, sha256(token));
        if (!row?.confirmExpiresAt || row.confirmExpiresAt.getTime() < Date.now()) throw linkInvalid();
        const updated = await repo.updateSubscriber(tx, agency.id, row.id, {
          status: 'active',
          topicIds: row.pendingTopicIds,
          pendingTopicIds: [],
          confirmTokenHash: null,
          confirmExpiresAt: null,
          confirmedAt: new Date(),
          revokedAt: null,
          bouncedAt: null,
        });
        const titles = await titlesOf(tx, agency.id, row.pendingTopicIds);
        await repo.appendConsent(tx, {
          agencyId: agency.id,
          subscriberId: row.id,
          email: row.email,
          event: 'confirmed',
          method: 'confirmation_link',
          sourcePage: row.pendingSourcePage,
          consentText: row.pendingConsentText,
          topics: titles,
          ip: ip ?? null,
        });
        return { email: updated.email, topics: titles };
      });
    },

    /** What the unsubscribe page shows before the button is pressed. */
    async describeUnsubscribe(slug: string, token: string) {
      const agency = await agencyOf(slug);
      const id = tokens.verify(agency.id, token);
      const row = id ? await repo.findSubscriber(db, agency.id, id) : undefined;
      if (!row) throw linkInvalid();
      return { agencyName: agency.name, email: row.email, subscribed: row.status !== 'revoked' };
    },

    /** One click, no login (RFC 8058): the consent is revoked before the answer is sent. */
    async unsubscribe(slug: string, token: string, method: ConsentMethod, ip?: string) {
      const agency = await agencyOf(slug);
      const id = tokens.verify(agency.id, token);
      if (!id) throw linkInvalid();
      await db.transaction(async (tx) => {
        const row = await repo.findSubscriber(tx, agency.id, id);
        if (!row) throw linkInvalid();
        await revoke(tx, row, { method, ip });
      });
    },

    /** Seed 004 p. 12: a citizen asked the agency (by phone, letter) to stop the mailings. */
    async revokeOnRequest(actor: Actor, id: string) {
      return db.transaction(async (tx) => {
        const row = await repo.findSubscriber(tx, actor.agencyId, id);
        if (!row) throw new NotFound('subscriber_not_found', 'Подписчик не найден');
        const updated = await revoke(tx, row, { method: 'staff_request', actorId: actor.userId });
        await audit.record(tx, actor, 'mailing_subscriber', id, {
          before: toSubscriber(row),
          after: toSubscriber(updated),
        });
        return toSubscriber(updated);
      });
    },

    /** A permanent delivery failure: the address is marked and gets no more mailings. */
    async markBounced(tx: Executor, agencyId: string, subscriberId: string) {
      const row = await repo.findSubscriber(tx, agencyId, subscriberId);
      if (!row || row.status === 'revoked') return;
      await repo.updateSubscriber(tx, agencyId, subscriberId, { bouncedAt: new Date() });
      await revoke(tx, row, { method: 'bounce' });
    },

    /** The reader marked a mailing as spam (an ARF report): consent is revoked, as by the link. */
    async markComplained(tx: Executor, agencyId: string, subscriberId: string) {
      const row = await repo.findSubscriber(tx, agencyId, subscriberId);
      if (row) await revoke(tx, row, { method: 'complaint' });
    },

    async list(actor: Actor, filter: PageRequest & { q?: string; status?: SubscriberStatus }) {
      const { page, limit, offset } = pageWindow(filter);
      const q = filter.q?.trim();
      const { rows, total } = await repo.listSubscribers(
        db,
        actor.agencyId,
        { q: q || undefined, status: filter.status },
        limit,
        offset,
      );
      return toPage(rows.map(toSubscriber), total, page, limit);
    },

    async history(actor: Actor, id: string): Promise<ConsentRecord[]> {
      const row = await repo.findSubscriber(db, actor.agencyId, id);
      if (!row) throw new NotFound('subscriber_not_found', 'Подписчик не найден');
      return (await repo.ledger(db, actor.agencyId, [id])).map(toRecord);
    },

    async exportLedger(actor: Actor): Promise<Buffer> {
      const agency = await agencies.byId(actor.agencyId);
      return ledgerWorkbook(await repo.ledger(db, actor.agencyId), agency.timezone);
    },

    assertConsent(consent: boolean | undefined) {
      if (consent !== true) {
        throw new Invalid(
          'body.consent',
          'Без согласия на получение рассылок подписаться нельзя',
          'consent_required',
        );
      }
    },
  };
}

const toRecord = (row: Awaited<ReturnType<typeof repo.ledger>>[number]): ConsentRecord => ({
  id: String(row.id),
  email: row.email,
  event: row.event,
  method: row.method,
  at: row.at.toISOString(),
  sourcePage: row.sourcePage,
  consentText: row.consentText,
  topics: row.topics,
  actorName: row.actorName,
});

export type Subscriptions = ReturnType<typeof createSubscriptions>;
