import type { Db, Executor } from '../../db/client.js';
import { localDate } from '../../lib/calendar.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { UserService } from '../auth/users.service.js';
import type { NotificationService, Recipient, StaffNotice } from '../notifications/service.js';
import * as repo from './review.repo.js';
import { noticeHorizon, type ReviewNotice, reviewNoticeDue } from './review-dates.js';

const longDate = (date: string) =>
  new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

function noticeFor(agencyId: string, section: repo.SectionRow, notice: ReviewNotice): StaffNotice {
  const due = longDate(section.reviewDueOn);
  const escalation = notice === 'escalation';
  return {
    agencyId,
    kind: escalation ? 'kb_review_overdue' : 'kb_review_reminder',
    title: escalation
      ? `Не проверен раздел базы знаний «${section.title}»`
      : `Проверьте раздел базы знаний «${section.title}» до ${due}`,
    body: escalation
      ? `Раздел базы знаний «${section.title}» нужно было проверить до ${due}, но проверка не отмечена.`
      : `Срок проверки раздела базы знаний «${section.title}» — ${due}. Отметьте «Проверено, изменений нет» или внесите изменения.`,
    link: `/kb-freshness?section=${section.id}`,
  };
}

/**
 * The review sweep (seed 003 p. 41): reminds the keepers of a section `leadDays` working days
 * before its due date and escalates to the heads from the working day after it, each once per due
 * date — the claim on the section row decides between reruns and nodes.
 */
export function createKbReviewSweep(deps: {
  db: Db;
  agencies: AgencyService;
  calendar: CalendarService;
  users: UserService;
  notifications: NotificationService;
  leadDays: number;
}) {
  const { db, agencies, calendar, users, notifications, leadDays } = deps;

  /**
   * A department's section is kept by its staff, an unowned one by the KB editors; when nobody
   * is there, the heads (or administrators) — a reminder always reaches someone.
   */
  async function keepersOf(agencyId: string, departmentId: string | null): Promise<Recipient[]> {
    const keepers = departmentId
      ? await users.departmentStaff(agencyId, departmentId)
      : await users.withRole(agencyId, 'kb_editor');
    return keepers.length > 0 ? keepers : users.headsOf(agencyId, departmentId);
  }

  async function sweepAgency(agencyId: string, now: Date): Promise<number> {
    const agency = await agencies.byId(agencyId);
    const productionCalendar = await calendar.forAgency(agencyId);
    const today = localDate(now, agency.timezone);
    const horizon = noticeHorizon(today, leadDays, productionCalendar);
    let sent = 0;
    for (const section of await repo.listNoticeCandidates(db, agencyId, horizon, today)) {
      const notice = reviewNoticeDue(section, today, leadDays, productionCalendar);
      if (!notice) continue;
      const recipients =
        notice === 'escalation'
          ? await users.headsOf(agencyId, section.departmentId)
          : await keepersOf(agencyId, section.departmentId);
      const message = noticeFor(agencyId, section, notice);
      const claim = (tx: Executor) => repo.claimNotice(tx, agencyId, section, notice, now);
      if (await notifications.sendOnce(claim, message, recipients)) sent++;
    }
    return sent;
  }

  return {
    sweepAgency,
    /** Every agency; returns how many notices went out. */
    async sweep(now = new Date()): Promise<number> {
      let sent = 0;
      for (const agencyId of await agencies.allAgencyIds()) sent += await sweepAgency(agencyId, now);
      return sent;
    },
  };
}

export type KbReviewSweep = ReturnType<typeof createKbReviewSweep>;
