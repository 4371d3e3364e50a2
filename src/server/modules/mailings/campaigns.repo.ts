import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { CampaignStatus, MailFeedback, RecipientStatus } from '../../../common/mailings.js';
import type { Db, Executor } from '../../db/client.js';
import { fieldCrypto } from '../../lib/field-crypto.js';
import { mailingCampaigns, mailingRecipients } from './schema.js';

const SKIPPED_REASON = 'Согласие отозвано или темы изменены до отправки';
const ABANDONED_REASON =
  'Отправка прервалась (узел остановился): письмо могло уйти, повторно не отправляется';

/**
 * A reason written by raw SQL, sealed as the `last_error` column type seals it. One seal serves
 * every row of a statement: the text is fixed, so equal values there reveal nothing.
 */
const sealedReason = (reason: string) => fieldCrypto().seal(reason);

export type CampaignRow = typeof mailingCampaigns.$inferSelect;
export type RecipientRow = typeof mailingRecipients.$inferSelect;

export async function insertCampaign(tx: Executor, row: typeof mailingCampaigns.$inferInsert) {
  const [created] = await tx.insert(mailingCampaigns).values(row).returning();
  return created as CampaignRow;
}

export async function findCampaign(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(mailingCampaigns)
    .where(and(eq(mailingCampaigns.agencyId, agencyId), eq(mailingCampaigns.id, id)));
  return row;
}

export async function campaignsByIds(db: Executor, ids: string[]) {
  return db.select().from(mailingCampaigns).where(inArray(mailingCampaigns.id, ids));
}

export async function listCampaigns(db: Executor, agencyId: string, limit: number, offset: number) {
  const where = eq(mailingCampaigns.agencyId, agencyId);
  const [rows, [count]] = await Promise.all([
    db
      .select()
      .from(mailingCampaigns)
      .where(where)
      .orderBy(desc(mailingCampaigns.createdAt), asc(mailingCampaigns.id))
      .limit(limit)
      .offset(offset),
    db.select({ total: sql<number>`count(*)::int` }).from(mailingCampaigns).where(where),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** Changes a campaign only from one of the `from` statuses, so two clicks cannot both win. */
export async function updateCampaign(
  tx: Executor,
  agencyId: string,
  id: string,
  from: CampaignStatus[],
  patch: Partial<typeof mailingCampaigns.$inferInsert>,
) {
  const [row] = await tx
    .update(mailingCampaigns)
    .set(patch)
    .where(
      and(
        eq(mailingCampaigns.agencyId, agencyId),
        eq(mailingCampaigns.id, id),
        inArray(mailingCampaigns.status, from),
      ),
    )
    .returning();
  return row;
}

/**
 * One row per subscriber who may receive the campaign when sending starts (seed 004 p. 12);
 * whether each still may is checked again right before each e-mail leaves.
 */
export async function createRecipients(tx: Executor, campaign: CampaignRow) {
  await tx.execute(sql`
    insert into mailing_recipients (agency_id, campaign_id, subscriber_id, email)
    select s.agency_id, c.id, s.id, s.email
    from mailing_campaigns c
    join mailing_subscribers s on s.agency_id = c.agency_id
    where c.id = ${campaign.id} and c.agency_id = ${campaign.agencyId}
      and s.status = 'active' and s.topic_ids && c.topic_ids
    order by s.created_at, s.id
    on conflict do nothing`);
}

/** Scheduled campaigns whose time has come start sending: the UPDATE lets one node win each. */
export async function startDueCampaigns(tx: Executor, now: Date) {
  return tx
    .update(mailingCampaigns)
    .set({ status: 'sending', startedAt: now })
    .where(and(eq(mailingCampaigns.status, 'scheduled'), lte(mailingCampaigns.scheduledAt, now)))
    .returning();
}

/** E-mails of mailings sent over the last minute, over every campaign: the relay's limit is one. */
export async function sentSince(db: Executor, since: Date) {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(mailingRecipients)
    .where(sql`${mailingRecipients.sentAt} > ${since.toISOString()}::timestamptz`);
  return row?.count ?? 0;
}

/**
 * Claims due rows of campaigns that are sending: SKIP LOCKED lets another node take the next
 * rows at the same time, and a claimed row is never claimed again unless released. The lease
 * it sets is the claim's fence: only the node holding that exact lease may hand the row over.
 */
export async function claimDue(db: Db, now: Date, limit: number, leaseMs: number) {
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  const result = await db.execute(sql`
    update mailing_recipients r
    set status = 'claimed', attempts = r.attempts + 1, lease_until = ${lease}::timestamptz
    where r.id in (
      select r2.id from mailing_recipients r2
      join mailing_campaigns c on c.id = r2.campaign_id
      where r2.status = 'pending' and r2.next_attempt_at <= ${now.toISOString()}::timestamptz
        and c.status = 'sending'
      order by r2.id
      limit ${limit}
      for update of r2 skip locked)
    returning r.id, r.agency_id, r.campaign_id, r.subscriber_id, r.email, r.attempts`);
  const rows = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  // UPDATE … RETURNING keeps no order: send in the order the rows were made.
  return rows
    .map((row) => ({
      id: Number(row.id),
      agencyId: String(row.agency_id),
      campaignId: String(row.campaign_id),
      subscriberId: String(row.subscriber_id),
      // Raw SQL bypasses the column type: the address is opened here.
      email: fieldCrypto().open(String(row.email)),
      attempts: Number(row.attempts),
      lease,
    }))
    .sort((a, b) => a.id - b.id);
}

export type ClaimedRecipient = Awaited<ReturnType<typeof claimDue>>[number];

const idList = (ids: number[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * One statement right before a group's e-mails leave (seed 004 p. 12). It marks `sent` what the
 * relay accepted from the worker's previous group, and decides each row of this group: still
 * subscribed to a topic of a campaign that is still sending → `sending` (handed to SMTP; after a
 * crash `uncertain`, never repeated); revoked → `skipped`; campaign paused → back to the queue;
 * cancelled → `cancelled`. Rows whose claim lapsed to another node are left alone. Returns the
 * ids now `sending`. So a crash leaves uncertain at most one group per worker, not the batch.
 */
export async function handOver(db: Executor, acceptedBefore: number[], group: ClaimedRecipient[]) {
  if (group.length === 0) {
    await markSent(db, acceptedBefore);
    return new Set<number>();
  }
  const claims = sql.join(
    group.map((r) => sql`(${r.id}::bigint, ${r.lease}::timestamptz)`),
    sql`, `,
  );
  const markSentBefore =
    acceptedBefore.length > 0
      ? sql`accepted as (
          update mailing_recipients set status = 'sent', sent_at = now(), lease_until = null, last_error = null
          where id in (${idList(acceptedBefore)}) and status = 'sending'),`
      : sql``;
  const result = await db.execute(sql`
    with ${markSentBefore}
    verdict as (
      select r.id, c.status as campaign_status,
        exists (select 1 from mailing_subscribers s
                where s.id = r.subscriber_id and s.agency_id = c.agency_id
                  and s.status = 'active' and s.topic_ids && c.topic_ids) as may_receive
      from (values ${claims}) as claim (id, lease)
      join mailing_recipients r on r.id = claim.id and r.lease_until = claim.lease
      join mailing_campaigns c on c.id = r.campaign_id and c.agency_id = r.agency_id
      where r.status = 'claimed'),
    decided as (
      update mailing_recipients r set
        status = case
          when v.campaign_status = 'cancelled' then 'cancelled'
          when v.campaign_status <> 'sending' then 'pending'
          when not v.may_receive then 'skipped'
          else 'sending' end,
        attempts = case when v.campaign_status = 'sending' then r.attempts else r.attempts - 1 end,
        lease_until = case when v.campaign_status = 'sending' and v.may_receive then r.lease_until end,
        last_error = case when v.campaign_status = 'sending' and not v.may_receive
          then ${sealedReason(SKIPPED_REASON)} else r.last_error end
      from verdict v where r.id = v.id
      returning r.id, r.status)
    select id from decided where status = 'sending'`);
  const rows = (result as unknown as { rows: { id: number | string }[] }).rows;
  return new Set(rows.map((row) => Number(row.id)));
}

export async function finishRecipients(
  db: Executor,
  ids: number[],
  outcome: {
    status: RecipientStatus;
    error?: string | null;
    nextAttemptAt?: Date;
    feedback?: MailFeedback;
  },
) {
  await db
    .update(mailingRecipients)
    .set({
      status: outcome.status,
      leaseUntil: null,
      lastError: outcome.error ?? null,
      ...(outcome.nextAttemptAt ? { nextAttemptAt: outcome.nextAttemptAt } : {}),
      ...(outcome.feedback ? { feedback: outcome.feedback, feedbackAt: new Date() } : {}),
    })
    .where(and(inArray(mailingRecipients.id, ids), eq(mailingRecipients.status, 'sending')));
}

/** Rows whose e-mail the relay accepted and no later group's hand-over has marked yet. */
export async function markSent(db: Executor, ids: number[]) {
  if (ids.length === 0) return;
  await db
    .update(mailingRecipients)
    .set({ status: 'sent', sentAt: new Date(), leaseUntil: null, lastError: null })
    .where(and(inArray(mailingRecipients.id, ids), eq(mailingRecipients.status, 'sending')));
}

/**
 * Rows whose node stopped before finishing them (lease ran out): one only claimed was never
 * tried and goes back to the queue; one handed to SMTP may have left, so it is never sent again.
 */
export async function markAbandoned(db: Executor, now: Date) {
  await db.execute(sql`
    update mailing_recipients set
      status = case when status = 'claimed' then 'pending' else 'uncertain' end,
      attempts = case when status = 'claimed' then attempts - 1 else attempts end,
      last_error = case when status = 'claimed' then last_error else ${sealedReason(ABANDONED_REASON)} end,
      lease_until = null
    where status in ('claimed', 'sending') and lease_until < ${now.toISOString()}::timestamptz`);
}

/** A sending campaign with nothing left to send or being sent is finished. */
export async function finishDrainedCampaigns(db: Executor, now: Date) {
  await db.execute(sql`
    update mailing_campaigns c set status = 'sent', finished_at = ${now.toISOString()}::timestamptz
    where c.status = 'sending' and not exists (
      select 1 from mailing_recipients r
      where r.campaign_id = c.id and r.status in ('pending', 'claimed', 'sending'))`);
}

export async function cancelPending(tx: Executor, agencyId: string, campaignId: string) {
  await tx
    .update(mailingRecipients)
    .set({ status: 'cancelled' })
    .where(
      and(
        eq(mailingRecipients.agencyId, agencyId),
        eq(mailingRecipients.campaignId, campaignId),
        eq(mailingRecipients.status, 'pending'),
      ),
    );
}

export async function recipientCounts(db: Executor, agencyId: string, campaignIds: string[], since: Date) {
  if (campaignIds.length === 0) return [];
  return db
    .select({
      campaignId: mailingRecipients.campaignId,
      status: mailingRecipients.status,
      count: sql<number>`count(*)::int`,
      recent: sql<number>`count(*) filter (where ${mailingRecipients.sentAt} > ${since.toISOString()}::timestamptz)::int`,
    })
    .from(mailingRecipients)
    .where(and(eq(mailingRecipients.agencyId, agencyId), inArray(mailingRecipients.campaignId, campaignIds)))
    .groupBy(mailingRecipients.campaignId, mailingRecipients.status);
}

/**
 * Issue 9 p. 5–6, per campaign: its e-mails that bounced (refused at sending or reported later)
 * or drew a spam complaint, recipients who unsubscribed since it started, and — counted only
 * when the agency opted in to tracking — e-mails opened and clicked.
 */
export async function aftermath(db: Executor, agencyId: string, campaignIds: string[]) {
  if (campaignIds.length === 0) return [];
  const result = await db.execute(sql`
    select r.campaign_id,
      count(*) filter (where r.feedback = 'bounce')::int as bounced,
      count(*) filter (where r.feedback = 'complaint')::int as complaints,
      count(*) filter (where s.revoked_at >= c.started_at and s.bounced_at is null
                         and r.feedback is null)::int as unsubscribed,
      count(r.opened_at)::int as opened,
      count(r.clicked_at)::int as clicked
    from mailing_recipients r
    join mailing_campaigns c on c.id = r.campaign_id
    join mailing_subscribers s on s.id = r.subscriber_id
    where r.agency_id = ${agencyId}
      and r.campaign_id in (${sql.join(
        campaignIds.map((id) => sql`${id}`),
        sql`, `,
      )})
    group by r.campaign_id`);
  return (
    result as unknown as {
      rows: {
        campaign_id: string;
        bounced: number;
        complaints: number;
        unsubscribed: number;
        opened: number;
        clicked: number;
      }[];
    }
  ).rows;
}
