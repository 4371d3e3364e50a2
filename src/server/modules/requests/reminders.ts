import type { Db, Executor } from '../../db/client.js';
import { endOfLocalDay, formatLongDate, localDate, type ProductionCalendar } from '../../lib/calendar.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { UserService } from '../auth/users.service.js';
import type { NotificationService, Recipient, StaffNotice } from '../notifications/service.js';
import * as repo from './reminders.repo.js';
import type { RequestRow } from './repo.js';

interface Due {
  reminder: string;
  overdue: boolean;
}

/**
 * Which reminder a request is due for today: the escalation once the term has passed, else the
 * smallest lead time (in working days before the term) it has already reached.
 */
export function reminderFor(
  dueAt: Date,
  now: Date,
  leadDays: number[],
  timeZone: string,
  calendar: ProductionCalendar,
): Due | null {
  if (dueAt < now) return { reminder: 'overdue', overdue: true };
  const left = calendar.workingDaysBetween(localDate(now, timeZone), localDate(dueAt, timeZone));
  const reached = leadDays.filter((lead) => left <= lead);
  if (reached.length === 0) return null;
  return { reminder: `lead:${Math.min(...reached)}`, overdue: false };
}

/**
 * The deadline sweep (issue 4 p. 5): reminds executors before the term and escalates overdue
 * requests to the heads of their department, in the console and by e-mail, once per term.
 */
export function createDeadlineReminders(deps: {
  db: Db;
  agencies: AgencyService;
  calendar: CalendarService;
  users: UserService;
  notifications: NotificationService;
}) {
  const { db, agencies, calendar, users, notifications } = deps;

  /**
   * The executor; for an escalation, or without an executor, also the heads of the department.
   * `heads` memoises the heads per department for one sweep.
   */
  async function recipientsOf(
    agencyId: string,
    row: RequestRow,
    overdue: boolean,
    heads: Map<string | null, Promise<Recipient[]>>,
  ): Promise<Recipient[]> {
    const executor = row.assigneeId ? await users.activeMembers(agencyId, [row.assigneeId]) : [];
    if (!overdue && executor.length > 0) return executor;
    if (!heads.has(row.departmentId)) heads.set(row.departmentId, users.headsOf(agencyId, row.departmentId));
    const chiefs = (await heads.get(row.departmentId)) ?? [];
    return [...executor, ...chiefs.filter((h) => !executor.some((e) => e.id === h.id))];
  }

  function noticeFor(agencyId: string, row: RequestRow, due: Due, timeZone: string): StaffNotice {
    const date = formatLongDate(row.dueAt, timeZone);
    return {
      agencyId,
      kind: due.overdue ? 'deadline_overdue' : 'deadline_reminder',
      title: due.overdue
        ? `Просрочено обращение № ${row.number}`
        : `Срок ответа на обращение № ${row.number} — ${date}`,
      body: due.overdue
        ? `Срок ответа на обращение № ${row.number} (${row.contactName}) истёк ${date}. Ответ не дан.`
        : `Срок ответа на обращение № ${row.number} (${row.contactName}) истекает ${date} (${row.dueSource}).`,
      link: `/requests/${row.id}`,
    };
  }

  async function sweepAgency(agencyId: string, now: Date): Promise<number> {
    const agency = await agencies.byId(agencyId);
    const productionCalendar = await calendar.forAgency(agencyId);
    const horizonDay = productionCalendar.addWorkingDays(
      localDate(now, agency.timezone),
      Math.max(0, ...agency.reminderLeadDays),
    );
    const rows = await repo.openDueBy(db, agencyId, endOfLocalDay(horizonDay, agency.timezone));
    // Overdue requests stay in the list sweep after sweep: what was sent is skipped before any
    // recipient is looked up. The claim below still decides when two nodes race.
    const sentBefore = await repo.sentReminderKeys(
      db,
      agencyId,
      rows.map((row) => row.id),
    );
    const heads = new Map<string | null, Promise<Recipient[]>>();
    let sent = 0;
    for (const row of rows) {
      const due = reminderFor(row.dueAt, now, agency.reminderLeadDays, agency.timezone, productionCalendar);
      if (!due || sentBefore.has(repo.reminderKey(row.id, due.reminder, row.dueAt))) continue;
      const recipients = await recipientsOf(agencyId, row, due.overdue, heads);
      const notice = noticeFor(agencyId, row, due, agency.timezone);
      const claim = (tx: Executor) =>
        repo.claimReminder(tx, { agencyId, requestId: row.id, reminder: due.reminder, dueAt: row.dueAt });
      if (await notifications.sendOnce(claim, notice, recipients)) sent++;
    }
    return sent;
  }

  return {
    sweepAgency,
    /** Every agency; returns how many reminders went out. */
    async sweep(now = new Date()): Promise<number> {
      let sent = 0;
      for (const agencyId of await agencies.allAgencyIds()) sent += await sweepAgency(agencyId, now);
      return sent;
    },
  };
}

export type DeadlineReminders = ReturnType<typeof createDeadlineReminders>;
