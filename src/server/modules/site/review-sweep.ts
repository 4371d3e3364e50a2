import type { FreshnessCounts } from '../../../common/kb-review.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { localDate } from '../../lib/calendar.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { UserService } from '../auth/users.service.js';
import { freshnessOf, noticeHorizon, type ReviewNotice, reviewNoticeDue } from '../kb/review-dates.js';
import type { NotificationService, Recipient, StaffNotice } from '../notifications/service.js';
import * as repo from './repo.js';
import type { SiteService } from './service.js';

type Target = 'section' | 'publication';
interface Reviewed {
  id: string;
  title: string;
  reviewDueOn: string;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  responsibleUserId: string | null;
}

const longDate = (date: string) =>
  new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

function noticeFor(agencyId: string, target: Target, row: Reviewed, notice: ReviewNotice): StaffNotice {
  const what = target === 'section' ? `раздел сайта «${row.title}»` : `страницу сайта «${row.title}»`;
  const due = longDate(row.reviewDueOn);
  const escalation = notice === 'escalation';
  return {
    agencyId,
    kind: escalation ? 'site_review_overdue' : 'site_review_reminder',
    title: escalation ? `Не проверена актуальность: ${what}` : `Проверьте ${what} до ${due}`,
    body: escalation
      ? `Актуальность: ${what} нужно было проверить до ${due}, но проверка не отмечена.`
      : `Срок проверки актуальности: ${what} — ${due}. Проверьте сведения и отметьте «Проверено».`,
    link: `/site-freshness?${target}=${row.id}`,
  };
}

/**
 * Accuracy control of the public site (seed 000 p. 7.1), the KB review cycle's rules applied to
 * site sections and pages: the responsible official is reminded `leadDays` working days ahead,
 * the heads hear of it the working day after the due date, each once per due date.
 */
export function createSiteReviewSweep(deps: {
  db: Db;
  agencies: AgencyService;
  calendar: CalendarService;
  users: UserService;
  notifications: NotificationService;
  site: SiteService;
  leadDays: number;
}) {
  const { db, agencies, calendar, users, notifications, site, leadDays } = deps;

  /** The responsible official; without one (or gone), the site editors; without those, the heads. */
  async function responsibleFor(agencyId: string, userId: string | null): Promise<Recipient[]> {
    const responsible = userId ? await users.activeMembers(agencyId, [userId]) : [];
    if (responsible.length > 0) return responsible;
    const editors = await users.withRole(agencyId, 'site_editor');
    return editors.length > 0 ? editors : users.headsOf(agencyId, null);
  }

  async function sweepAgency(agencyId: string, now: Date): Promise<number> {
    const agency = await agencies.byId(agencyId);
    const productionCalendar = await calendar.forAgency(agencyId);
    const today = localDate(now, agency.timezone);
    const horizon = noticeHorizon(today, leadDays, productionCalendar);
    const candidates: [Target, Reviewed][] = [
      ...(await repo.sectionsToNotice(db, agencyId, horizon)).map(
        (row) => ['section', row] as [Target, Reviewed],
      ),
      ...(await repo.publicationsToNotice(db, agencyId, horizon)).map(
        (row) => ['publication', row] as [Target, Reviewed],
      ),
    ];
    let sent = 0;
    for (const [target, row] of candidates) {
      const notice = reviewNoticeDue(row, today, leadDays, productionCalendar);
      if (!notice) continue;
      const recipients =
        notice === 'escalation'
          ? await users.headsOf(agencyId, null)
          : await responsibleFor(agencyId, row.responsibleUserId);
      const claim = (tx: Executor) => repo.claimNotice(tx, target, agencyId, row, notice, now);
      if (await notifications.sendOnce(claim, noticeFor(agencyId, target, row, notice), recipients)) sent++;
    }
    return sent;
  }

  return {
    sweepAgency,
    async sweep(now = new Date()): Promise<number> {
      let sent = 0;
      for (const agencyId of await agencies.allAgencyIds()) sent += await sweepAgency(agencyId, now);
      return sent;
    },

    /** «Актуальность сайта»: every section and live page with its state, stale ones first. */
    async overview(actor: Actor, now = new Date()) {
      const agency = await agencies.byId(actor.agencyId);
      const productionCalendar = await calendar.forAgency(actor.agencyId);
      const today = localDate(now, agency.timezone);
      const sections = await site.ensureSections(actor.agencyId);
      const publications = (await repo.listPublications(db, actor.agencyId)).filter(
        (p) => p.status !== 'archived',
      );
      const responsibleIds = [
        ...new Set(
          [...sections, ...publications].map((r) => r.responsibleUserId).filter((id) => id !== null),
        ),
      ];
      const names = new Map(
        (await users.activeMembers(actor.agencyId, responsibleIds)).map((u) => [u.id, u.name] as const),
      );
      const rows = [
        ...sections.map((row) => ({ target: 'section' as const, row })),
        ...publications.map((row) => ({ target: 'publication' as const, row })),
      ].map(({ target, row }) => ({
        target,
        id: row.id,
        title: row.title,
        responsibleUserId: row.responsibleUserId,
        responsibleName: row.responsibleUserId ? (names.get(row.responsibleUserId) ?? null) : null,
        checkedAt: row.checkedAt?.toISOString() ?? null,
        reviewDueOn: row.reviewDueOn,
        ...freshnessOf(row.reviewDueOn, today, productionCalendar),
      }));
      rows.sort((a, b) => a.reviewDueOn.localeCompare(b.reviewDueOn) || a.title.localeCompare(b.title));
      const counts: FreshnessCounts = { sections: rows.length, fresh: 0, dueSoon: 0, overdue: 0 };
      for (const row of rows) counts[row.state === 'due_soon' ? 'dueSoon' : row.state]++;
      return { counts, items: rows };
    },
  };
}

export type SiteReviewSweep = ReturnType<typeof createSiteReviewSweep>;
