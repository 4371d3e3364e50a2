import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { formatLongDate } from '../../lib/calendar.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { AgencyService } from '../agencies/service.js';
import type { TouchpointService } from '../agencies/touchpoints.service.js';
import type { AuditService } from '../audit/service.js';
import type { UserService } from '../auth/users.service.js';
import type { KbService } from '../kb/service.js';
import type { ReplyRoute } from '../requests/schema.js';
import type { RequestService } from '../requests/service.js';
import type { Outbox } from './outbox.js';
import { SOCIAL_ITEM_STATUSES, type SocialItemStatus } from './schema.js';
import * as repo from './social.repo.js';
import { createInvitations } from './social-invite.js';

const notFound = () => new NotFound('social_item_not_found', 'Сообщение из соцсети не найдено');

export function toSocialItem(entry: Awaited<ReturnType<typeof repo.listQueue>>['rows'][number]) {
  const { item } = entry;
  return {
    id: item.id,
    network: item.network,
    kind: item.kind,
    accountId: item.accountId,
    threadId: item.threadId,
    threadTitle: item.threadTitle,
    threadSize: entry.threadSize,
    authorId: item.authorId,
    authorName: item.authorName,
    text: item.text,
    receivedAt: item.receivedAt.toISOString(),
    status: item.status,
    requestId: item.requestId,
    requestNumber: entry.requestNumber,
    dismissReason: item.dismissReason,
    handledAt: item.handledAt?.toISOString() ?? null,
    replyStatus: entry.replyStatus,
  };
}

/**
 * Where an answer to the item goes on its network: a comment is answered in its post's thread,
 * under the comment; a message in its chat. Adapters read `recipient` and `thread` as written here.
 */
export function replyRouteOf(item: repo.SocialItemRow): ReplyRoute {
  const thread: Record<string, string> =
    item.kind === 'comment'
      ? { kind: 'comment', postId: item.threadId, commentId: item.externalId, authorId: item.authorId }
      : { kind: 'message', replyTo: item.externalId, authorId: item.authorId };
  return { network: item.network, accountId: item.accountId, recipient: item.threadId, thread };
}

/**
 * The social inbox (seed 001 p. 6.2, seed 000 p. 3.1–3.2): comments and messages from every
 * network in one queue. Adapters `ingest` what arrives (a redelivery is kept once); staff answer,
 * invite to an individual channel, register a request, or dismiss — each item once.
 */
export function createSocialInbox(deps: {
  db: Db;
  outbox: Outbox;
  audit: AuditService;
  agencies: AgencyService;
  touchpoints: TouchpointService;
  users: UserService;
  kb: KbService;
  requests: RequestService;
  publicUrl: string;
}) {
  const { db, outbox, audit } = deps;
  const invitations = createInvitations(deps);

  /** The item, still new; a handled one is a conflict, another agency's one does not exist. */
  async function requireNew(agencyId: string, id: string) {
    const item = await repo.findItem(db, agencyId, id);
    if (!item) throw notFound();
    if (item.status !== 'new') throw alreadyHandled(item.status);
    return item;
  }

  const alreadyHandled = (status: SocialItemStatus) =>
    new Conflict('social_item_handled', `Сообщение уже обработано (${STATUS_TITLES[status]})`);

  /** Sends `text` back along the item's route and closes it with `status`, in one transaction. */
  async function reply(actor: Actor, item: repo.SocialItemRow, text: string, status: SocialItemStatus) {
    const route = replyRouteOf(item);
    await db.transaction(async (tx) => {
      const replyId = await outbox.enqueue(tx, {
        agencyId: actor.agencyId,
        network: route.network,
        accountId: route.accountId,
        recipient: route.recipient,
        thread: route.thread ?? null,
        body: text,
      });
      await close(tx, actor, item, { status, handledBy: actor.userId, replyId }, { text });
    });
    outbox.kick();
  }

  async function close(
    tx: Executor,
    actor: Actor,
    item: repo.SocialItemRow,
    outcome: Parameters<typeof repo.closeItem>[3],
    details: Record<string, unknown>,
  ) {
    const row = await repo.closeItem(tx, actor.agencyId, item.id, outcome);
    if (!row) throw alreadyHandled((await repo.findItem(tx, actor.agencyId, item.id))?.status ?? 'new');
    await audit.record(tx, actor, 'social_item', item.id, {
      before: { status: item.status },
      after: { status: row.status, ...details },
    });
  }

  async function templateText(actor: Actor, item: repo.SocialItemRow, templateId: string) {
    const agency = await deps.agencies.byId(actor.agencyId);
    const rendered = await deps.kb.renderWith(actor, templateId, {
      client: item.authorName,
      receivedAt: formatLongDate(item.receivedAt, agency.timezone),
      executor: (await deps.users.nameOf(actor.userId)) ?? '',
    });
    return rendered;
  }

  return {
    /** The retention job's hold on the inbox (ARCHITECTURE §3): the authors' texts go with their period. */
    retention: {
      forRequests: (tx: Executor, agencyId: string, requestIds: string[]) =>
        repo.deleteForRequests(tx, agencyId, requestIds),
      expired: (tx: Executor, agencyId: string, cutoff: Date, limit: number) =>
        repo.deleteExpired(tx, agencyId, cutoff, limit),
    },

    async ingest(item: Omit<repo.NewSocialItem, 'id' | 'status' | 'createdAt'>) {
      const row = await repo.insertSocialItem(db, item);
      return { created: row !== null, id: row?.id ?? null };
    },

    async list(actor: Actor, filter: repo.QueueFilter, page: { limit: number; offset: number }) {
      const [{ rows, total }, counted] = await Promise.all([
        repo.listQueue(db, actor.agencyId, filter, page.limit, page.offset),
        repo.countByStatus(db, actor.agencyId, filter.network),
      ]);
      const counts = Object.fromEntries(SOCIAL_ITEM_STATUSES.map((s) => [s, 0])) as Record<
        SocialItemStatus,
        number
      >;
      for (const { status, count } of counted) counts[status] = count;
      return { rows: rows.map(toSocialItem), total, counts };
    },

    /** A template filled in for the item, for staff to edit before answering. */
    async renderTemplate(actor: Actor, id: string, templateId: string) {
      const item = await repo.findItem(db, actor.agencyId, id);
      if (!item) throw notFound();
      return templateText(actor, item, templateId);
    },

    async answer(actor: Actor, id: string, input: { text?: string; templateId?: string }) {
      const item = await requireNew(actor.agencyId, id);
      let text = input.text?.trim() ?? '';
      if (!text && input.templateId) {
        const rendered = await templateText(actor, item, input.templateId);
        if (rendered.unknown.length > 0) {
          throw new Invalid(
            'body.templateId',
            `В шаблоне остались незаполненные поля: ${rendered.unknown.join(', ')}. Отредактируйте ответ перед отправкой`,
          );
        }
        text = rendered.text.trim();
      }
      if (!text) throw new Invalid('body.text', 'Напишите ответ или выберите шаблон');
      if (text.length > MAX_REPLY_LENGTH) {
        throw new Invalid('body.text', `Ответ длиннее ${MAX_REPLY_LENGTH} символов: соцсети его не примут`);
      }
      await reply(actor, item, text, 'answered');
    },

    async invite(actor: Actor, id: string) {
      const item = await requireNew(actor.agencyId, id);
      await reply(actor, item, await invitations.textFor(actor, item.authorName), 'invited');
    },

    /**
     * Registers the item as a request on its network; the acknowledgement and every later notice
     * go back to the same thread. A second click (or a race) finds the same request by the
     * network's id, and only one of them closes the item.
     */
    async convert(actor: Actor, id: string) {
      const item = await requireNew(actor.agencyId, id);
      const route = replyRouteOf(item);
      const { row } = await deps.requests.registerFromChannel(actor.agencyId, {
        kind: item.kind === 'comment' ? 'social_comment' : 'appeal',
        channel: item.network,
        text: item.text,
        name: item.authorName,
        email: null,
        phone: null,
        notifyByEmail: false,
        externalId: item.externalId,
        receivedAt: item.receivedAt,
        ...(item.network === 'email' ? {} : { messenger: { kind: item.network, value: item.authorId } }),
        replyRoute: route,
      });
      await db.transaction((tx) =>
        close(
          tx,
          actor,
          item,
          { status: 'converted', handledBy: actor.userId, requestId: row.id },
          {
            requestId: row.id,
            number: row.number,
          },
        ),
      );
      return { requestId: row.id, number: row.number };
    },

    async dismiss(actor: Actor, id: string, reason: string) {
      const item = await requireNew(actor.agencyId, id);
      await db.transaction((tx) =>
        close(
          tx,
          actor,
          item,
          { status: 'dismissed', handledBy: actor.userId, dismissReason: reason },
          {
            reason,
          },
        ),
      );
    },

    settings: invitations.settings,
    saveSettings: invitations.save,
  };
}

/** Telegram and VK take up to 4096 characters in one message; the rest is left for the network. */
export const MAX_REPLY_LENGTH = 4000;

const STATUS_TITLES: Record<SocialItemStatus, string> = {
  new: 'новое',
  answered: 'дан ответ',
  invited: 'приглашён в индивидуальный канал',
  converted: 'зарегистрировано обращение',
  dismissed: 'отклонено',
};

export type SocialInbox = ReturnType<typeof createSocialInbox>;
