import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../lib/calendar.js';
import { createHarness, type Harness } from '../../testing/harness.js';
import { kbReviewAgency } from '../../testing/kb-review-fixtures.js';
import { draft } from '../../testing/site.js';
import * as repo from './repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const NSK = 'Asia/Novosibirsk';
const at = (date: string) => new Date(startOfLocalDay(date, NSK).getTime() + 10 * 3_600_000);

const noticesOf = async (agencyId: string, userId: string) =>
  (await harness.services.notifications.list({ agencyId, userId, roles: [], isRegionAdmin: false })).items;

async function siteWithStaff() {
  const a = await kbReviewAgency(harness);
  const editor = await a.colleague(['site_editor'], [], 'Редактор сайта');
  const responsible = await a.colleague(['operator'], [], 'Ответственный за вакансии');
  const head = await a.colleague(['head'], [], 'Руководитель');
  const sections = (await editor.staff.request({ method: 'GET', url: '/api/staff/site/sections' })).json();
  const hr = sections.find((s: { slug: string }) => s.slug === 'hr');
  return { ...a, editor, responsible, head, hr };
}

describe('site accuracy sweep', () => {
  it('reminds the responsible official ahead of the due date and the heads after it, once each', async () => {
    const a = await siteWithStaff();
    const db = harness.services.database.db;
    const page = await draft(a.editor.staff, { sectionId: a.hr.id, title: 'Вакансии' });
    const assigned = await a.editor.staff.request({
      method: 'PUT',
      url: `/api/staff/site/publications/${page.id}`,
      payload: { sectionId: a.hr.id, title: 'Вакансии', body: '', responsibleUserId: a.responsible.id },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    // Sections are due far ahead; this page is due on 12 May.
    await repo.updatePublication(db, a.agency.id, page.id, { reviewDueOn: '2026-05-12' });
    const sweep = (date: string) => harness.services.siteReviewSweep.sweepAgency(a.agency.id, at(date));

    expect(await sweep('2026-04-30')).toBe(0);
    expect(await sweep('2026-05-04')).toBe(1);
    expect(await sweep('2026-05-04')).toBe(0);
    expect(await sweep('2026-05-12')).toBe(0);
    const reminders = await noticesOf(a.agency.id, a.responsible.id);
    expect(reminders.map((n) => [n.kind, n.link])).toEqual([
      ['site_review_reminder', `/site-freshness?publication=${page.id}`],
    ]);
    expect(reminders[0]?.title).toContain('«Вакансии»');
    expect(await noticesOf(a.agency.id, a.head.id)).toEqual([]);

    expect(await sweep('2026-05-13')).toBe(1);
    expect(await sweep('2026-05-14')).toBe(0);
    expect((await noticesOf(a.agency.id, a.head.id)).map((n) => n.kind)).toEqual(['site_review_overdue']);

    const overview = (await a.head.staff.request({ method: 'GET', url: '/api/staff/site/freshness' })).json();
    const row = overview.items.find((i: { id: string }) => i.id === page.id);
    expect(row).toMatchObject({ target: 'publication', responsibleName: 'Ответственный за вакансии' });

    // «Проверено» starts a new cycle: a new due date, the notices reset.
    const checked = await a.responsible.staff.request({
      method: 'POST',
      url: `/api/staff/site/publications/${page.id}/checked`,
    });
    expect(checked.statusCode).toBe(403);
    const byHead = await a.head.staff.request({
      method: 'POST',
      url: `/api/staff/site/publications/${page.id}/checked`,
    });
    expect(byHead.statusCode).toBe(200);
    expect(byHead.json()).toMatchObject({ remindedAt: null, escalatedAt: null, checkedBy: a.head.id });
    expect(byHead.json().reviewDueOn > '2026-05-12').toBe(true);
  });

  it('counts stale sections for the heads and reminds the site editors when nobody is responsible', async () => {
    const a = await siteWithStaff();
    const db = harness.services.database.db;
    await repo.updateSection(db, a.agency.id, a.hr.id, { reviewDueOn: '2026-03-02' });
    expect(await harness.services.siteReviewSweep.sweepAgency(a.agency.id, at('2026-02-25'))).toBe(1);
    expect((await noticesOf(a.agency.id, a.editor.id)).map((n) => n.link)).toEqual([
      `/site-freshness?section=${a.hr.id}`,
    ]);
    const overview = await harness.services.siteReviewSweep.overview(
      { userId: a.head.id, agencyId: a.agency.id, roles: ['head'], isRegionAdmin: false },
      at('2026-03-10'),
    );
    expect(overview.counts.overdue).toBe(1);
    expect(overview.items[0]).toMatchObject({ id: a.hr.id, state: 'overdue' });
    const operator = await a.colleague(['operator']);
    expect(
      (await operator.staff.request({ method: 'GET', url: '/api/staff/site/freshness' })).statusCode,
    ).toBe(403);
  });
});
