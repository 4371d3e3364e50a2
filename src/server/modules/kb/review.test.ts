import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KbFreshness } from '../../../common/kb-review.js';
import { localDate } from '../../lib/calendar.js';
import { createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { kbReviewAgency } from '../../testing/kb-review-fixtures.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { auditLog } from '../audit/schema.js';
import { findSection, insertSection } from './review.repo.js';
import { nextReviewDueOn } from './review-dates.js';
import { kbSections } from './schema.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const review = (staff: StaffClient, sectionId: string, payload: object) =>
  staff.request({ method: 'POST', url: `/api/staff/kb/sections/${sectionId}/reviews`, payload });

const freshness = async (staff: StaffClient, query = '') => {
  const response = await staff.request({ method: 'GET', url: `/api/staff/kb/freshness${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<KbFreshness>();
};

describe('reviewing a section', () => {
  it('lets the owning department and KB editors review, and no other department', async () => {
    const a = await kbReviewAgency(harness);
    const legal = await a.department('Правовой отдел');
    const staffing = await a.department('Отдел кадров');
    const lawyer = await a.colleague(['operator'], [legal]);
    const clerk = await a.colleague(['operator'], [staffing]);
    const editor = await a.colleague(['kb_editor']);
    const owned = await a.section('Земельные отношения', legal, '2026-05-12');
    const unowned = await a.section('Контакты', null, '2026-05-12');

    const foreign = await review(clerk.staff, owned.id, { outcome: 'confirmed' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().message).toMatch(/другое подразделение/);
    expect((await review(clerk.staff, unowned.id, { outcome: 'confirmed' })).statusCode).toBe(403);
    expect((await review(lawyer.staff, owned.id, { outcome: 'confirmed' })).statusCode).toBe(201);
    expect((await review(editor.staff, owned.id, { outcome: 'confirmed' })).statusCode).toBe(201);
    expect((await review(editor.staff, unowned.id, { outcome: 'confirmed' })).statusCode).toBe(201);
    // The refused attempts left no trace.
    const history = await clerk.staff.request({
      method: 'GET',
      url: `/api/staff/kb/sections/${owned.id}/reviews`,
    });
    expect(history.json()).toHaveLength(2);
  });

  it('starts the next cycle: due date from the calendar, notice marks cleared, history and audit kept', async () => {
    const a = await kbReviewAgency(harness);
    const legal = await a.department('Правовой отдел');
    const lawyer = await a.colleague(['operator'], [legal], 'Соколова Ирина');
    const { db } = harness.services.database;
    const section = await a.section('Земельные отношения', legal, '2026-05-12', 60);
    await db
      .update(kbSections)
      .set({ remindedAt: new Date(), escalatedAt: new Date() })
      .where(eq(kbSections.id, section.id));

    const noNote = await review(lawyer.staff, section.id, { outcome: 'edited', note: '  ' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().field).toBe('body.note');
    const wrongOutcome = await review(lawyer.staff, section.id, { outcome: 'looked' });
    expect(wrongOutcome.statusCode).toBe(400);

    const confirmed = await review(lawyer.staff, section.id, { outcome: 'confirmed' });
    expect(confirmed.statusCode, confirmed.body).toBe(201);
    expect(confirmed.json()).toMatchObject({ outcome: 'confirmed', note: null, dueOn: '2026-05-12' });
    const edited = await review(lawyer.staff, section.id, {
      outcome: 'edited',
      note: 'Учтены изменения ЗК РФ',
    });
    expect(edited.json()).toMatchObject({
      outcome: 'edited',
      note: 'Учтены изменения ЗК РФ',
      reviewerName: 'Соколова Ирина',
    });

    const after = await findSection(db, a.agency.id, section.id);
    const today = localDate(new Date(), a.agency.timezone);
    const calendar = await harness.services.calendar.forAgency(a.agency.id);
    expect(after).toMatchObject({
      reviewDueOn: nextReviewDueOn(today, 60, calendar),
      lastReviewedBy: lawyer.id,
      remindedAt: null,
      escalatedAt: null,
    });
    expect(calendar.isWorkingDay(after?.reviewDueOn ?? '')).toBe(true);
    // The second review met the due date the first one set.
    expect(edited.json().dueOn).toBe(after?.reviewDueOn);

    const history = await lawyer.staff.request({
      method: 'GET',
      url: `/api/staff/kb/sections/${section.id}/reviews`,
    });
    expect(history.json().map((r: { outcome: string }) => r.outcome)).toEqual(['edited', 'confirmed']);
    const audited = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.agencyId, a.agency.id), eq(auditLog.entityId, section.id)));
    expect(audited).toHaveLength(2);
    expect(audited.map((row) => row.entity)).toEqual(['kb_section', 'kb_section']);
  });
});

interface Recount {
  department_id: string | null;
  sections: number;
  fresh: number;
  due_soon: number;
  overdue: number;
  oldest: number | null;
}

describe('freshness dashboard', () => {
  it('counts fresh, due soon and overdue per department exactly as SQL recounts them', async () => {
    const a = await kbReviewAgency(harness);
    const legal = await a.department('Правовой отдел');
    const staffing = await a.department('Отдел кадров');
    const empty = await a.department('Пресс-служба');
    const calendar = await harness.services.calendar.forAgency(a.agency.id);
    const today = localDate(new Date(), a.agency.timezone);
    const workingDay = (n: number) => calendar.addWorkingDays(today, n);
    const plusDays = (n: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    await a.section('Земля: просрочен давно', legal, plusDays(-40));
    await a.section('Земля: просрочен вчера', legal, plusDays(-1));
    await a.section('Земля: срок сегодня', legal, today);
    await a.section('Земля: десятый рабочий день', legal, workingDay(10));
    await a.section('Земля: одиннадцатый рабочий день', legal, workingDay(11));
    await a.section('Кадры: свежий', staffing, plusDays(80));
    await a.section('Кадры: скоро', staffing, workingDay(3));
    await a.section('Общие контакты', null, plusDays(-5));

    const head = await a.colleague(['head'], [staffing]);
    const board = await freshness(head.staff);
    expect(board.today).toBe(today);

    const soonBefore = calendar.addWorkingDays(today, 11);
    const result = await harness.services.database.db.execute(sql`
      select department_id,
        count(*)::int as sections,
        (count(*) filter (where review_due_on >= ${soonBefore}::date))::int as fresh,
        (count(*) filter (where review_due_on >= ${today}::date and review_due_on < ${soonBefore}::date))::int as due_soon,
        (count(*) filter (where review_due_on < ${today}::date))::int as overdue,
        max(${today}::date - review_due_on) filter (where review_due_on < ${today}::date) as oldest
      from kb_sections where agency_id = ${a.agency.id} group by department_id`);
    // PGlite and node-postgres both answer with `rows`; drizzle types the two results apart.
    const { rows } = result as unknown as { rows: Recount[] };
    const recount = new Map(rows.map((row) => [row.department_id, row]));
    for (const department of board.departments) {
      const expected = recount.get(department.departmentId);
      expect(department, department.departmentName ?? 'без подразделения').toMatchObject({
        sections: expected?.sections ?? 0,
        fresh: expected?.fresh ?? 0,
        dueSoon: expected?.due_soon ?? 0,
        overdue: expected?.overdue ?? 0,
        oldestOverdueDays: expected?.oldest ?? null,
      });
    }
    expect(board.departments.map((d) => d.departmentId).sort()).toEqual(
      [legal, staffing, empty, null].sort(),
    );
    expect(board.departments.find((d) => d.departmentId === legal)).toMatchObject({
      sections: 5,
      fresh: 1,
      dueSoon: 2,
      overdue: 2,
      oldestOverdueDays: 40,
    });
    expect(board.totals).toEqual({ sections: 8, fresh: 2, dueSoon: 3, overdue: 3 });
    // A head sees every department's sections but reviews only as any staff member would.
    expect(board.sections).toHaveLength(8);
    expect(board.sections.filter((s) => s.canReview).map((s) => s.departmentId)).toEqual([
      staffing,
      staffing,
    ]);

    const drill = await freshness(head.staff, `?departmentId=${legal}`);
    expect(drill.sections.map((s) => s.title).sort()).toEqual(
      board.sections
        .filter((s) => s.departmentId === legal)
        .map((s) => s.title)
        .sort(),
    );
    expect(drill.departments).toEqual(board.departments);
    const unowned = await freshness(head.staff, '?departmentId=none');
    expect(unowned.sections.map((s) => s.title)).toEqual(['Общие контакты']);
    const bad = await head.staff.request({
      method: 'GET',
      url: '/api/staff/kb/freshness?departmentId=legal',
    });
    expect(bad.statusCode).toBe(400);
  });

  it("shows other staff only their departments' sections, and the last review", async () => {
    const a = await kbReviewAgency(harness);
    const legal = await a.department('Правовой отдел');
    const staffing = await a.department('Отдел кадров');
    const lawyer = await a.colleague(['operator'], [legal]);
    const section = await a.section('Земельные отношения', legal, '2026-05-12');
    await a.section('Кадры', staffing, '2026-05-12');
    await a.section('Контакты', null, '2026-05-12');
    await review(lawyer.staff, section.id, { outcome: 'confirmed' });

    const mine = await freshness(lawyer.staff);
    expect(mine.sections.map((s) => s.title)).toEqual(['Земельные отношения']);
    expect(mine.sections[0]).toMatchObject({ canReview: true, lastReviewedByName: lawyer.name });
    expect(mine.departments.map((d) => d.departmentId)).toEqual([legal]);
    expect(mine.departments[0]?.lastReviewedAt).toBe(mine.sections[0]?.lastReviewedAt);

    const analyst = await a.colleague(['analyst']);
    const all = await freshness(analyst.staff);
    expect(all.sections).toHaveLength(3);
    expect(all.sections.every((s) => !s.canReview)).toBe(true);
  });

  it('says so when the knowledge base has no sections yet', async () => {
    const a = await kbReviewAgency(harness);
    const board = await freshness(a.staff);
    expect(board).toMatchObject({
      totals: { sections: 0, fresh: 0, dueSoon: 0, overdue: 0 },
      sections: [],
      departments: [],
    });
  });
});

describe('tenancy', () => {
  it("keeps another agency's sections, reviews and dashboard apart", async () => {
    await expectTenantIsolation(harness, {
      async create(staffOfA) {
        const slug = staffOfA.info.currentAgency ?? '';
        const agency = await harness.services.agencies.findBySlug(slug);
        if (!agency) throw new Error('no agency');
        const section = await insertSection(harness.services.database.db, {
          agencyId: agency.id,
          title: 'Раздел ведомства А',
          reviewDueOn: '2026-05-12',
        });
        expect((await review(staffOfA, section.id, { outcome: 'confirmed' })).statusCode).toBe(201);
        return section.id;
      },
      requests: (id) => [
        { method: 'POST', url: `/api/staff/kb/sections/${id}/reviews`, payload: { outcome: 'confirmed' } },
        { method: 'GET', url: `/api/staff/kb/sections/${id}/reviews` },
      ],
      lists: ['/api/staff/kb/freshness'],
    });
  });
});
