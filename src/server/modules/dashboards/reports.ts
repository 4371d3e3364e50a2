import { Readable } from 'node:stream';
import { and, eq, sql } from 'drizzle-orm';
import type { Dashboard, ReportFrequency } from '../../../common/dashboard.js';
import type { Role } from '../../../common/roles.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import type { AttachmentStore } from '../../lib/attachment-store.js';
import { localDate } from '../../lib/calendar.js';
import type { Mailer } from '../../lib/mail.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import { percent } from '../surveys/report.tables.js';
import { centricityIndex, componentsOf } from './centricity.js';
import { points } from './export.js';
import { dashboardReportDeliveries, dashboardReportSubscriptions } from './schema.js';
import { rowsOf } from './scope.js';
import type { DashboardService } from './service.js';

/** Those who read «Мониторинг» may have it by e-mail; a role taken away stops the reports. */
const READERS: Role[] = ['admin', 'head', 'analyst'];
const DAY_MS = 86_400_000;

const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The last full period before `today`: Monday to Sunday of the previous week, or the previous month. */
export function lastPeriod(frequency: ReportFrequency, today: string) {
  if (frequency === 'weekly') {
    const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
    const from = plusDays(today, -weekday - 7);
    return { from, to: plusDays(from, 6) };
  }
  const firstOfThisMonth = `${today.slice(0, 7)}-01`;
  const to = plusDays(firstOfThisMonth, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

function reportText(d: Dashboard, frequency: ReportFrequency) {
  const judged = d.deadlines.onTime + d.deadlines.extended + d.deadlines.overdue;
  const index = centricityIndex(componentsOf(d)).value;
  return [
    `Мониторинг ${frequency === 'weekly' ? 'за неделю' : 'за месяц'}: ${d.from} — ${d.to}.`,
    '',
    `Индекс клиентоцентричности: ${points(index)}`,
    `Обращений: ${d.requests.total}; в срок: ${percent(judged ? (d.deadlines.onTime + d.deadlines.extended) / judged : null)}; срок нарушен: ${d.deadlines.overdue}`,
    `Удовлетворены: ${percent(d.satisfaction.share)} (ответов: ${d.satisfaction.answered})`,
    `Пропущено звонков в рабочее время: ${d.calls.missed} из ${d.calls.withinHours}`,
    `Разделов базы знаний с просроченной проверкой: ${d.kb.pastReview}; страниц сайта: ${d.site.stale}`,
    '',
    'Полный отчёт — во вложении (PDF). Отказаться от рассылки можно в разделе «Мониторинг» консоли.',
  ].join('\n');
}

/** Issue 11 p. 4: «Мониторинг» by e-mail to those who asked, weekly or monthly, once per period. */
export function createDashboardReports(deps: {
  db: Db;
  agencies: AgencyService;
  audit: AuditService;
  dashboards: DashboardService;
  store: AttachmentStore;
  mailer: Mailer;
}) {
  const { db, agencies, audit, dashboards, store, mailer } = deps;
  const mine = (actor: Actor) =>
    and(
      eq(dashboardReportSubscriptions.agencyId, actor.agencyId),
      eq(dashboardReportSubscriptions.userId, actor.userId),
    );

  async function subscription(actor: Actor): Promise<{ frequency: ReportFrequency | null }> {
    const [row] = await db.select().from(dashboardReportSubscriptions).where(mine(actor));
    return { frequency: row?.frequency ?? null };
  }

  async function subscribe(actor: Actor, frequency: ReportFrequency | null) {
    const before = await subscription(actor);
    await db.transaction(async (tx) => {
      if (frequency === null) await tx.delete(dashboardReportSubscriptions).where(mine(actor));
      else
        await tx
          .insert(dashboardReportSubscriptions)
          .values({ agencyId: actor.agencyId, userId: actor.userId, frequency })
          .onConflictDoUpdate({
            target: [dashboardReportSubscriptions.agencyId, dashboardReportSubscriptions.userId],
            set: { frequency },
          });
      await audit.record(tx, actor, 'dashboard_report_subscription', actor.userId, {
        before,
        after: { frequency },
      });
    });
    return { frequency };
  }

  /** Sends each subscriber the last full period's report unless it went already; returns how many. */
  async function sendDue(now = new Date()) {
    const subscribers = await rowsOf<{
      agency_id: string;
      user_id: string;
      frequency: ReportFrequency;
      roles: Role[];
      email: string;
    }>(
      db,
      sql`select s.agency_id, s.user_id, s.frequency, m.roles, u.email
          from dashboard_report_subscriptions s
          join memberships m on m.agency_id = s.agency_id and m.user_id = s.user_id and m.active
          join users u on u.id = s.user_id`,
    );
    let sent = 0;
    for (const s of subscribers) {
      if (!s.roles.some((role) => READERS.includes(role))) continue;
      const agency = await agencies.byId(s.agency_id);
      const period = lastPeriod(s.frequency, localDate(now, agency.timezone));
      const key = `${s.frequency}:${period.from}`;
      const [already] = await db
        .select()
        .from(dashboardReportDeliveries)
        .where(
          and(
            eq(dashboardReportDeliveries.agencyId, s.agency_id),
            eq(dashboardReportDeliveries.userId, s.user_id),
            eq(dashboardReportDeliveries.period, key),
          ),
        );
      if (already) continue;
      const actor: Actor = { userId: s.user_id, agencyId: s.agency_id, roles: s.roles, isRegionAdmin: false };
      const data = await dashboards.dashboard(actor, period);
      const pdf = await dashboards.exportFile(actor, period, 'pdf');
      const blob = await store.write(s.agency_id, Readable.from(pdf));
      // The delivery row is the claim: of two nodes building the same report, one inserts it.
      const claimed = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(dashboardReportDeliveries)
          .values({ agencyId: s.agency_id, userId: s.user_id, period: key, sentAt: now })
          .onConflictDoNothing()
          .returning();
        if (!row) return false;
        await mailer.send(
          {
            to: s.email,
            agencyId: s.agency_id,
            subject: `Мониторинг: ${agency.shortName}, ${period.from} — ${period.to}`,
            text: reportText(data, s.frequency),
            attachments: [
              {
                filename: `monitoring-${period.from}.pdf`,
                contentType: 'application/pdf',
                storageKey: blob.key,
              },
            ],
          },
          tx,
        );
        return true;
      });
      if (claimed) sent++;
      else await store.remove(s.agency_id, blob.key);
    }
    if (sent > 0) mailer.wake();
    return sent;
  }

  return { subscription, subscribe, sendDue };
}

export type DashboardReports = ReturnType<typeof createDashboardReports>;
