import type { Campaign, CampaignProgress, CampaignStatus } from '../../../common/mailings.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, DomainError, Invalid, NotFound } from '../../lib/errors.js';
import { type PageRequest, pageWindow, toPage } from '../../lib/paging.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { createUserService } from '../auth/users.service.js';
import { sanitizeBody } from '../kb/sanitize.js';
import { headerText } from './address.js';
import { type CampaignTransport, renderCampaignMail } from './campaign-mail.js';
import * as repo from './campaigns.repo.js';
import type { CampaignSender } from './sender.js';
import type { MailingTopics } from './topics.js';
import { trackingOf } from './tracking.js';

export interface CampaignInput {
  subject: string;
  fromName?: string | null;
  html: string;
  text: string;
  topicIds: string[];
}

const notFound = () => new NotFound('campaign_not_found', 'Рассылка не найдена');
const wrongState = (what: string) =>
  new Conflict('campaign_state', `Нельзя ${what}: рассылка уже в другом состоянии. Обновите страницу`);

const EMPTY: Pick<CampaignProgress, 'total' | 'sent' | 'failed' | 'skipped' | 'remaining'> = {
  total: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  remaining: 0,
};

/** Campaigns (seed 004 p. 13, e-mail only): composed, tested, sent now or on schedule by staff. */
export function createCampaigns(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  users: ReturnType<typeof createUserService>;
  topics: MailingTopics;
  sender: CampaignSender;
  transport: CampaignTransport;
  ratePerMinute: number;
  publicUrl: string;
  from: string;
}) {
  const { db, audit, agencies, users, topics, sender } = deps;

  async function clean(actor: Actor, input: CampaignInput) {
    const html = sanitizeBody(input.html);
    if (!html) throw new Invalid('body.html', 'Напишите текст письма', 'empty_body');
    const picked = await topics.chosen(actor.agencyId, input.topicIds, 'body.topicIds');
    const fromName = input.fromName ? headerText(input.fromName, 'body.fromName', 'Имя отправителя') : null;
    return {
      subject: headerText(input.subject, 'body.subject', 'Тема письма'),
      fromName: fromName || null,
      html,
      text: input.text.trim(),
      topicIds: picked.map((topic) => topic.id),
    };
  }

  async function withProgress(agencyId: string, rows: repo.CampaignRow[]): Promise<Campaign[]> {
    const ids = rows.map((row) => row.id);
    const [counts, after, tracking] = await Promise.all([
      repo.recipientCounts(db, agencyId, ids, new Date(Date.now() - 60_000)),
      repo.aftermath(db, agencyId, ids),
      trackingOf(db, agencyId),
    ]);
    return rows.map((row) => {
      const stats = after.find((a) => a.campaign_id === row.id);
      const progress = {
        ...EMPTY,
        ratePerMinute: 0,
        bounced: stats?.bounced ?? 0,
        complaints: stats?.complaints ?? 0,
        unsubscribed: stats?.unsubscribed ?? 0,
        opened: tracking.trackOpens ? (stats?.opened ?? 0) : null,
        clicked: tracking.trackClicks ? (stats?.clicked ?? 0) : null,
      };
      for (const count of counts.filter((c) => c.campaignId === row.id)) {
        progress.total += count.count;
        progress.ratePerMinute += count.recent;
        if (count.status === 'sent') progress.sent += count.count;
        else if (count.status === 'failed' || count.status === 'uncertain') progress.failed += count.count;
        else if (count.status === 'skipped' || count.status === 'cancelled') progress.skipped += count.count;
        else progress.remaining += count.count;
      }
      const pace = Math.min(deps.ratePerMinute, Math.max(progress.ratePerMinute, 1));
      const etaAt =
        progress.remaining > 0 && row.status === 'sending'
          ? new Date(Date.now() + (progress.remaining / pace) * 60_000).toISOString()
          : null;
      return {
        id: row.id,
        subject: row.subject,
        fromName: row.fromName,
        html: row.html,
        text: row.text,
        topicIds: row.topicIds,
        status: row.status,
        scheduledAt: row.scheduledAt?.toISOString() ?? null,
        startedAt: row.startedAt?.toISOString() ?? null,
        finishedAt: row.finishedAt?.toISOString() ?? null,
        createdAt: row.createdAt.toISOString(),
        progress: { ...progress, etaAt },
      };
    });
  }

  async function detail(actor: Actor, id: string) {
    const row = await repo.findCampaign(db, actor.agencyId, id);
    if (!row) throw notFound();
    return (await withProgress(actor.agencyId, [row]))[0] as Campaign;
  }

  /** Moves a campaign between statuses, audited; `also` runs in the same transaction. */
  async function transition(
    actor: Actor,
    id: string,
    from: CampaignStatus[],
    patch: Partial<repo.CampaignRow>,
    what: string,
    also?: (tx: Db, row: repo.CampaignRow) => Promise<void>,
  ) {
    const before = await repo.findCampaign(db, actor.agencyId, id);
    if (!before) throw notFound();
    await db.transaction(async (tx) => {
      const row = await repo.updateCampaign(tx, actor.agencyId, id, from, patch);
      if (!row) throw wrongState(what);
      await also?.(tx as unknown as Db, row);
      await audit.record(tx, actor, 'mailing_campaign', id, {
        before: { status: before.status },
        after: { status: row.status, scheduledAt: row.scheduledAt },
      });
    });
    sender.kick();
    return detail(actor, id);
  }

  return {
    detail,

    async list(actor: Actor, page: PageRequest) {
      const { page: number, limit, offset } = pageWindow(page);
      const { rows, total } = await repo.listCampaigns(db, actor.agencyId, limit, offset);
      return toPage(await withProgress(actor.agencyId, rows), total, number, limit);
    },

    async create(actor: Actor, input: CampaignInput) {
      const values = await clean(actor, input);
      const row = await db.transaction(async (tx) => {
        const created = await repo.insertCampaign(tx, {
          agencyId: actor.agencyId,
          createdBy: actor.userId,
          ...values,
        });
        await audit.record(tx, actor, 'mailing_campaign', created.id, { after: values });
        return created;
      });
      return detail(actor, row.id);
    },

    async update(actor: Actor, id: string, input: CampaignInput) {
      const before = await repo.findCampaign(db, actor.agencyId, id);
      if (!before) throw notFound();
      const values = await clean(actor, input);
      await db.transaction(async (tx) => {
        const row = await repo.updateCampaign(tx, actor.agencyId, id, ['draft'], values);
        if (!row) throw wrongState('изменить отправленную или запланированную рассылку');
        await audit.record(tx, actor, 'mailing_campaign', id, {
          before: {
            subject: before.subject,
            html: before.html,
            text: before.text,
            topicIds: before.topicIds,
          },
          after: values,
        });
      });
      return detail(actor, id);
    },

    /** Now, or at `at`; the recipients are listed when sending starts, not when it is planned. */
    async send(actor: Actor, id: string, at?: Date) {
      if (at && at.getTime() > Date.now()) {
        return transition(actor, id, ['draft'], { status: 'scheduled', scheduledAt: at }, 'запланировать');
      }
      return transition(
        actor,
        id,
        ['draft', 'scheduled'],
        { status: 'sending', startedAt: new Date(), scheduledAt: null },
        'отправить',
        (tx, row) => repo.createRecipients(tx, row),
      );
    },

    pause: (actor: Actor, id: string) =>
      transition(actor, id, ['sending'], { status: 'paused' }, 'приостановить'),
    resume: (actor: Actor, id: string) =>
      transition(actor, id, ['paused'], { status: 'sending' }, 'возобновить'),
    unschedule: (actor: Actor, id: string) =>
      transition(actor, id, ['scheduled'], { status: 'draft', scheduledAt: null }, 'отменить планирование'),
    cancel: (actor: Actor, id: string) =>
      transition(
        actor,
        id,
        ['draft', 'scheduled', 'sending', 'paused'],
        { status: 'cancelled', finishedAt: new Date() },
        'отменить',
        (tx, row) => repo.cancelPending(tx, actor.agencyId, row.id),
      ),

    /** The e-mail as subscribers will get it, to the staff member's own address only. */
    async testSend(actor: Actor, id: string) {
      const row = await repo.findCampaign(db, actor.agencyId, id);
      if (!row) throw notFound();
      const [agency, to] = await Promise.all([agencies.byId(actor.agencyId), users.emailOf(actor.userId)]);
      if (!to) throw notFound();
      try {
        await deps.transport.send(
          renderCampaignMail(
            {
              to,
              fromName: row.fromName || agency.name,
              subject: `[Проверка] ${row.subject}`,
              html: row.html,
              text: row.text,
              // A staff member is no subscriber: the link leads to the subscription page instead.
              unsubscribeUrl: `${deps.publicUrl}/${agency.slug}/subscribe`,
              messageId: `<mailing-test-${row.id}-${Date.now()}@${/@([^>\s]+)/.exec(deps.from)?.[1] ?? 'otklik.local'}>`,
            },
            deps.from,
          ),
        );
      } catch (error) {
        throw new DomainError(
          502,
          'test_send_failed',
          `Не удалось отправить проверочное письмо: ${(error as Error).message}`,
        );
      }
      return { to };
    },
  };
}

export type Campaigns = ReturnType<typeof createCampaigns>;
