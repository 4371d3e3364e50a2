import { addDays } from 'date-fns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../lib/calendar.js';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { colleague, department, kbArticle, kbSection } from '../../testing/kb.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

/**
 * The due date is `days` after today in the agency, or the last working day before that when it
 * falls on a day off. Either side of midnight may be "today" while the test runs.
 */
async function expectDueOnLastWorkingDayBefore(slug: string, dueOn: string, days: number) {
  const agency = await harness.services.agencies.findBySlug(slug);
  if (!agency) throw new Error(`no agency ${slug}`);
  const calendar = await harness.services.calendar.forAgency(agency.id);
  const targets = [0, 1].map((late) => localDate(addDays(new Date(), days - late), agency.timezone));
  expect(calendar.isWorkingDay(dueOn)).toBe(true);
  const fits = targets.some((target) => dueOn <= target && calendar.workingDaysBetween(dueOn, target) === 0);
  expect(fits, `${dueOn} is not the last working day on or before ${targets.join(' / ')}`).toBe(true);
}

describe('knowledge base sections', () => {
  it('lists sections with their owner, counts and a due date the interval after today in the agency', async () => {
    const { staff } = await agencyWithStaff(harness);
    const legal = await department(staff, 'Правовой отдел');
    const id = await kbSection(staff, {
      title: 'Земельные отношения',
      departmentId: legal,
      reviewIntervalDays: 30,
    });
    await kbArticle(staff, { sectionId: id });
    const archived = await kbArticle(staff, { sectionId: id, title: 'Старое' });
    await staff.request({ method: 'POST', url: `/api/staff/kb/articles/${archived}/archive` });

    const [listed] = (await staff.request({ method: 'GET', url: '/api/staff/kb/sections' })).json();
    expect(listed).toMatchObject({
      id,
      title: 'Земельные отношения',
      departmentId: legal,
      departmentName: 'Правовой отдел',
      reviewIntervalDays: 30,
      articleCount: 1,
      archivedCount: 1,
      canEdit: true,
    });
    await expectDueOnLastWorkingDayBefore(staff.info.currentAgency ?? '', listed.reviewDueOn, 30);
  });

  it('lets only administrators and knowledge-base editors shape sections', async () => {
    const { staff } = await agencyWithStaff(harness);
    const editor = await colleague(harness, staff, ['kb_editor']);
    const id = await kbSection(editor, { title: 'Услуги' });
    const renamed = await editor.request({
      method: 'PATCH',
      url: `/api/staff/kb/sections/${id}`,
      payload: { title: 'Услуги и сервисы', description: 'Перечень услуг, в том числе электронных' },
    });
    expect(renamed.json()).toMatchObject({ title: 'Услуги и сервисы' });
    const operator = await colleague(harness, staff, ['operator', 'head']);
    for (const request of [
      {
        method: 'POST' as const,
        url: '/api/staff/kb/sections',
        payload: { title: 'X', departmentId: null, reviewIntervalDays: 10 },
      },
      { method: 'PATCH' as const, url: `/api/staff/kb/sections/${id}`, payload: { title: 'Y' } },
      { method: 'DELETE' as const, url: `/api/staff/kb/sections/${id}` },
    ]) {
      expect((await operator.request(request)).statusCode).toBe(403);
    }
    // Readers see the sections, and that they may not write into one no department of theirs owns.
    const seen = (await operator.request({ method: 'GET', url: '/api/staff/kb/sections' })).json();
    expect(seen).toMatchObject([{ id, canEdit: false }]);
    const audit = await staff.request({ method: 'GET', url: '/api/staff/audit?entity=kb_section' });
    expect(audit.json().total).toBe(2);
  });

  it('keeps the review at least quarterly and titles unique, in Russian with field paths', async () => {
    const { staff } = await agencyWithStaff(harness);
    const tooLong = await staff.request({
      method: 'POST',
      url: '/api/staff/kb/sections',
      payload: { title: 'Раз в полгода', departmentId: null, reviewIntervalDays: 93 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().field).toBe('body.reviewIntervalDays');
    await kbSection(staff, { title: 'Контакты' });
    const twice = await staff.request({
      method: 'POST',
      url: '/api/staff/kb/sections',
      payload: { title: ' Контакты ', departmentId: null, reviewIntervalDays: 90 },
    });
    expect(twice.json()).toMatchObject({ field: 'body.title', message: 'Раздел с таким названием уже есть' });
    const other = await agencyWithStaff(harness);
    const foreign = await department(other.staff, 'Чужой отдел');
    const bad = await staff.request({
      method: 'POST',
      url: '/api/staff/kb/sections',
      payload: { title: 'Чужой', departmentId: foreign, reviewIntervalDays: 90 },
    });
    expect(bad.json()).toMatchObject({ field: 'body.departmentId' });
  });

  it('moves the due date when the interval changes', async () => {
    const { staff } = await agencyWithStaff(harness);
    const id = await kbSection(staff, { reviewIntervalDays: 90 });
    const changed = await staff.request({
      method: 'PATCH',
      url: `/api/staff/kb/sections/${id}`,
      payload: { reviewIntervalDays: 7 },
    });
    await expectDueOnLastWorkingDayBefore(staff.info.currentAgency ?? '', changed.json().reviewDueOn, 7);
  });

  it('deletes only an empty section', async () => {
    const { staff } = await agencyWithStaff(harness);
    const full = await kbSection(staff);
    const article = await kbArticle(staff, { sectionId: full });
    await staff.request({ method: 'POST', url: `/api/staff/kb/articles/${article}/archive` });
    const refused = await staff.request({ method: 'DELETE', url: `/api/staff/kb/sections/${full}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('Раздел не пуст');
    const empty = await kbSection(staff);
    expect(
      (await staff.request({ method: 'DELETE', url: `/api/staff/kb/sections/${empty}` })).statusCode,
    ).toBe(204);
    const left = (await staff.request({ method: 'GET', url: '/api/staff/kb/sections' })).json();
    expect(left.map((s: { id: string }) => s.id)).toEqual([full]);
  });

  it('keeps sections within their agency', async () => {
    await expectTenantIsolation(harness, {
      create: (staffOfA) => kbSection(staffOfA),
      requests: (id) => [
        { method: 'PATCH', url: `/api/staff/kb/sections/${id}`, payload: { title: 'Чужой' } },
        { method: 'DELETE', url: `/api/staff/kb/sections/${id}` },
      ],
      lists: ['/api/staff/kb/sections'],
    });
  });
});
