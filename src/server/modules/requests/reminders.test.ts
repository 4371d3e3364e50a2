import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rootDir } from '../../config.js';
import { loadCalendarYears, ProductionCalendar } from '../../lib/calendar.js';
import {
  agencyWithStaff,
  createHarness,
  type Harness,
  type StaffClient,
  uniqueEmail,
} from '../../testing/harness.js';
import { reminderFor } from './reminders.js';
import { updateRequest } from './repo.js';

const calendar = new ProductionCalendar(loadCalendarYears(join(rootDir, 'presets', 'calendar')));
const NSK = 'Asia/Novosibirsk';

describe('which reminder is due', () => {
  // Thursday 2026-11-26, 10:00 in Novosibirsk; Friday 27 and Monday 30 are working days.
  const now = new Date('2026-11-26T03:00:00Z');
  const endOf = (date: string) => new Date(`${date}T16:59:59.999Z`);

  it('counts working days, so a weekend does not eat the lead time', () => {
    expect(reminderFor(endOf('2026-12-03'), now, [3, 1], NSK, calendar)).toBeNull();
    // Tuesday 1 December is three working days ahead (Fri, Mon, Tue).
    expect(reminderFor(endOf('2026-12-01'), now, [3, 1], NSK, calendar)).toEqual({
      reminder: 'lead:3',
      overdue: false,
    });
    expect(reminderFor(endOf('2026-11-27'), now, [3, 1], NSK, calendar)?.reminder).toBe('lead:1');
    expect(reminderFor(endOf('2026-11-26'), now, [3, 1], NSK, calendar)?.reminder).toBe('lead:1');
  });

  it('escalates once the term has passed, and reminds of nothing without lead times', () => {
    expect(reminderFor(endOf('2026-11-25'), now, [3, 1], NSK, calendar)).toEqual({
      reminder: 'overdue',
      overdue: true,
    });
    expect(reminderFor(endOf('2026-11-27'), now, [], NSK, calendar)).toBeNull();
  });
});

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

async function staffMember(admin: StaffClient, roles: string[], departmentIds: string[]) {
  const response = await admin.request({
    method: 'POST',
    url: '/api/staff/users',
    payload: { email: uniqueEmail(roles[0]), name: `Сотрудник ${roles[0]}`, roles, departmentIds },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; email: string }>();
}

async function department(admin: StaffClient, name: string) {
  const response = await admin.request({ method: 'POST', url: '/api/staff/departments', payload: { name } });
  return response.json<{ id: string }>().id;
}

async function setup() {
  const a = await agencyWithStaff(harness, ['admin']);
  const legal = await department(a.staff, 'Правовой отдел');
  const other = await department(a.staff, 'Отдел кадров');
  const executor = await staffMember(a.staff, ['operator'], [legal]);
  const head = await staffMember(a.staff, ['head'], [legal]);
  const otherHead = await staffMember(a.staff, ['head'], [other]);
  const submitted = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${a.slug}/requests`,
    payload: { kind: 'appeal', text: 'Прошу разъяснить порядок', name: 'Орлова Анна', consent: true },
  });
  const { number } = submitted.json();
  const list = await a.staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` });
  const id = list.json().items[0].id as string;
  const assigned = await a.staff.request({
    method: 'POST',
    url: `/api/staff/requests/${id}/assign`,
    payload: { departmentId: legal, assigneeId: executor.id },
  });
  expect(assigned.statusCode).toBe(200);
  const agency = await harness.services.agencies.findBySlug(a.slug);
  if (!agency) throw new Error('agency not created');
  return { ...a, agency, id, number, executor, head, otherHead };
}

const noticesOf = (agencyId: string, userId: string) =>
  harness.services.notifications.list({ agencyId, userId, roles: [], isRegionAdmin: false });

describe('deadline sweep', () => {
  it('reminds the executor before the term once, and escalates to the department head when overdue', async () => {
    const { agency, id, number, executor, head, otherHead } = await setup();
    const { db } = harness.services.database;
    const outboxBefore = (await harness.outbox()).length;
    const now = new Date();
    await updateRequest(db, agency.id, id, { dueAt: new Date(now.getTime() + 3_600_000) });

    expect(await harness.services.reminders.sweepAgency(agency.id, now)).toBe(1);
    expect(await harness.services.reminders.sweepAgency(agency.id, now)).toBe(0);
    const reminded = await noticesOf(agency.id, executor.id);
    expect(reminded.unread).toBe(1);
    expect(reminded.items[0]).toMatchObject({ kind: 'deadline_reminder', link: `/requests/${id}` });
    expect(reminded.items[0]?.title).toContain(number);
    expect((await noticesOf(agency.id, head.id)).items).toHaveLength(0);

    await updateRequest(db, agency.id, id, { dueAt: new Date(now.getTime() - 60_000) });
    expect(await harness.services.reminders.sweepAgency(agency.id, now)).toBe(1);
    expect(await harness.services.reminders.sweepAgency(agency.id, now)).toBe(0);
    expect((await noticesOf(agency.id, head.id)).items[0]).toMatchObject({ kind: 'deadline_overdue' });
    expect((await noticesOf(agency.id, executor.id)).unread).toBe(2);
    expect((await noticesOf(agency.id, otherHead.id)).items).toHaveLength(0);

    const mails = (await harness.outbox()).slice(outboxBefore);
    expect(mails.filter((m) => m.includes(executor.email))).toHaveLength(2);
    const escalation = mails.find((m) => m.includes(head.email));
    expect(escalation).toContain(`Просрочено обращение № ${number}`);
    expect(escalation).toContain(`/console/requests/${id}`);
  });

  it('leaves answered requests alone', async () => {
    const { agency, id, executor, staff } = await setup();
    await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/answer`,
      payload: { text: 'Ответ дан', form: 'electronic' },
    });
    await updateRequest(harness.services.database.db, agency.id, id, {
      dueAt: new Date(Date.now() - 60_000),
    });
    expect(await harness.services.reminders.sweepAgency(agency.id, new Date())).toBe(0);
    expect((await noticesOf(agency.id, executor.id)).items).toHaveLength(0);
  });

  it('shows a staff member only their own notices and marks them read', async () => {
    // No executor and no heads: the escalation reaches the administrator.
    const { slug, staff, userId } = await agencyWithStaff(harness, ['admin']);
    const agency = await harness.services.agencies.findBySlug(slug);
    if (!agency) throw new Error('agency not created');
    await harness.app.inject({
      method: 'POST',
      url: `/api/public/${slug}/requests`,
      payload: { kind: 'appeal', text: 'Прошу ответить', name: 'Орлова Анна', consent: true },
    });
    const id = (await staff.request({ method: 'GET', url: '/api/staff/requests' })).json().items[0].id;
    await updateRequest(harness.services.database.db, agency.id, id, {
      dueAt: new Date(Date.now() - 60_000),
    });
    await harness.services.reminders.sweepAgency(agency.id, new Date());
    const mine = await staff.request({ method: 'GET', url: '/api/staff/notifications' });
    expect(mine.json()).toMatchObject({ unread: 1, items: [{ kind: 'deadline_overdue' }] });
    const noticeId = mine.json().items[0].id;

    const stranger = await agencyWithStaff(harness, ['admin']);
    const foreign = await stranger.staff.request({
      method: 'POST',
      url: `/api/staff/notifications/${noticeId}/read`,
    });
    expect(foreign.statusCode).toBe(404);
    expect(
      (await stranger.staff.request({ method: 'GET', url: '/api/staff/notifications' })).json().items,
    ).toEqual([]);

    const read = await staff.request({ method: 'POST', url: `/api/staff/notifications/${noticeId}/read` });
    expect(read.statusCode).toBe(204);
    expect((await noticesOf(agency.id, userId)).unread).toBe(0);
  });

  it('takes the lead times from the agency settings', async () => {
    const { agency, id, executor, staff } = await setup();
    const saved = await staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { reminderLeadDays: [1, 5] },
    });
    expect(saved.json().reminderLeadDays).toEqual([5, 1]);
    const bad = await staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { reminderLeadDays: [40] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/^body\.reminderLeadDays/);

    const now = new Date();
    const calendarOfAgency = await harness.services.calendar.forAgency(agency.id);
    const fourAhead = calendarOfAgency.addWorkingDays(
      calendarOfAgency.nextWorkingDay(now.toISOString().slice(0, 10)),
      3,
    );
    await updateRequest(harness.services.database.db, agency.id, id, {
      dueAt: new Date(`${fourAhead}T16:00:00Z`),
    });
    expect(await harness.services.reminders.sweepAgency(agency.id, now)).toBe(1);
    expect((await noticesOf(agency.id, executor.id)).items[0]?.kind).toBe('deadline_reminder');
  });
});
