import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../lib/calendar.js';
import { createHarness, type Harness } from '../../testing/harness.js';
import { kbReviewAgency } from '../../testing/kb-review-fixtures.js';
import { findSection } from './review.repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const NSK = 'Asia/Novosibirsk';
/** 10:00 of that day in Novosibirsk, the test agencies' time zone. */
const at = (date: string) => new Date(startOfLocalDay(date, NSK).getTime() + 10 * 3_600_000);

const sweep = (agencyId: string, date: string) =>
  harness.services.kbReviewSweep.sweepAgency(agencyId, at(date));

const noticesOf = async (agencyId: string, userId: string) =>
  (await harness.services.notifications.list({ agencyId, userId, roles: [], isRegionAdmin: false })).items;

async function legalDepartment() {
  const a = await kbReviewAgency(harness);
  const legal = await a.department('Правовой отдел');
  const staffing = await a.department('Отдел кадров');
  return {
    ...a,
    legal,
    lawyer: await a.colleague(['operator'], [legal], 'Юрист Соколова'),
    head: await a.colleague(['head'], [legal], 'Начальник правового отдела'),
    clerk: await a.colleague(['operator'], [staffing], 'Кадровик'),
    otherHead: await a.colleague(['head'], [staffing], 'Начальник отдела кадров'),
    editor: await a.colleague(['kb_editor'], [], 'Редактор базы знаний'),
  };
}

describe('kb review sweep', () => {
  it('reminds the department five working days ahead (past the May holidays) and escalates to its heads once', async () => {
    const a = await legalDepartment();
    const section = await a.section('Земельные отношения', a.legal, '2026-05-12');
    const outboxBefore = (await harness.outbox()).length;

    // Six working days ahead on 30 April and on the 1 May holiday: too early.
    expect(await sweep(a.agency.id, '2026-04-30')).toBe(0);
    expect(await sweep(a.agency.id, '2026-05-01')).toBe(0);
    expect(await sweep(a.agency.id, '2026-05-04')).toBe(1);
    expect(await sweep(a.agency.id, '2026-05-04')).toBe(0);
    expect(await sweep(a.agency.id, '2026-05-08')).toBe(0);
    for (const keeper of [a.lawyer, a.head]) {
      const notices = await noticesOf(a.agency.id, keeper.id);
      expect(notices.map((n) => n.kind)).toEqual(['kb_review_reminder']);
      expect(notices[0]?.link).toBe(`/kb-freshness?section=${section.id}`);
    }
    expect(await noticesOf(a.agency.id, a.clerk.id)).toEqual([]);
    expect(await noticesOf(a.agency.id, a.editor.id)).toEqual([]);

    // The due date itself is still in time; the day after, the heads hear of it, once.
    expect(await sweep(a.agency.id, '2026-05-12')).toBe(0);
    expect(await sweep(a.agency.id, '2026-05-13')).toBe(1);
    expect(await sweep(a.agency.id, '2026-05-13')).toBe(0);
    expect(await sweep(a.agency.id, '2026-05-25')).toBe(0);
    expect((await noticesOf(a.agency.id, a.head.id)).map((n) => n.kind)).toEqual([
      'kb_review_overdue',
      'kb_review_reminder',
    ]);
    expect((await noticesOf(a.agency.id, a.lawyer.id)).map((n) => n.kind)).toEqual(['kb_review_reminder']);
    expect(await noticesOf(a.agency.id, a.otherHead.id)).toEqual([]);

    const mails = (await harness.outbox()).slice(outboxBefore);
    expect(mails).toHaveLength(3);
    const reminder = mails.find((m) => m.includes(a.lawyer.email));
    expect(reminder).toContain('Проверьте раздел базы знаний «Земельные отношения» до 12 мая 2026 г.');
    expect(reminder).toContain(`/console/kb-freshness?section=${section.id}`);
    const escalation = mails.find((m) => m.includes(a.head.email) && m.includes('Не проверен'));
    expect(escalation).toContain('Не проверен раздел базы знаний «Земельные отношения»');
  });

  it('waits out a holiday weekend before escalating, and follows the agency calendar', async () => {
    const a = await legalDepartment();
    await a.section('Приём граждан', a.legal, '2026-04-30');
    expect(await sweep(a.agency.id, '2026-04-27')).toBe(1);
    for (const day of ['2026-04-30', '2026-05-01', '2026-05-02', '2026-05-03']) {
      expect(await sweep(a.agency.id, day), day).toBe(0);
    }
    // A regional day off on 4 May moves the escalation to the 5th.
    await harness.services.calendar.setOverride(
      a.adminActor,
      '2026-05-04',
      'nonWorking',
      'Региональный выходной',
    );
    expect(await sweep(a.agency.id, '2026-05-04')).toBe(0);
    expect(await sweep(a.agency.id, '2026-05-05')).toBe(1);
    expect((await noticesOf(a.agency.id, a.head.id)).map((n) => n.kind)).toEqual([
      'kb_review_overdue',
      'kb_review_reminder',
    ]);
  });

  it('reminds the KB editors of a section no department owns; racing nodes send it once', async () => {
    const a = await legalDepartment();
    await a.section('Контакты', null, '2026-05-12');
    const [first, second] = await Promise.all([
      sweep(a.agency.id, '2026-05-06'),
      harness.services.kbReviewSweep.sweepAgency(a.agency.id, at('2026-05-06')),
    ]);
    expect((first ?? 0) + (second ?? 0)).toBe(1);
    expect((await noticesOf(a.agency.id, a.editor.id)).map((n) => n.kind)).toEqual(['kb_review_reminder']);
    expect(await noticesOf(a.agency.id, a.lawyer.id)).toEqual([]);
    // Escalation of an unowned section goes to the agency's heads.
    expect(await sweep(a.agency.id, '2026-05-13')).toBe(1);
    expect((await noticesOf(a.agency.id, a.otherHead.id)).map((n) => n.kind)).toEqual(['kb_review_overdue']);
  });

  it('starts over after a review: new due date, a new reminder before it', async () => {
    const a = await legalDepartment();
    const section = await a.section('Земельные отношения', a.legal, '2026-05-12');
    expect(await sweep(a.agency.id, '2026-05-04')).toBe(1);
    expect(await sweep(a.agency.id, '2026-05-13')).toBe(1);

    const reviewed = await harness.services.kbReviews.review(
      a.lawyer.actor,
      section.id,
      { outcome: 'confirmed' },
      at('2026-05-14'),
    );
    expect(reviewed.dueOn).toBe('2026-05-12');
    // 14 May + 90 days = Wednesday 12 August.
    expect(await findSection(harness.services.database.db, a.agency.id, section.id)).toMatchObject({
      reviewDueOn: '2026-08-12',
      remindedAt: null,
      escalatedAt: null,
    });
    expect(await sweep(a.agency.id, '2026-05-14')).toBe(0);
    expect(await sweep(a.agency.id, '2026-08-04')).toBe(0);
    expect(await sweep(a.agency.id, '2026-08-05')).toBe(1);
    expect((await noticesOf(a.agency.id, a.lawyer.id)).map((n) => n.kind)).toEqual([
      'kb_review_reminder',
      'kb_review_reminder',
    ]);
  });

  it('leaves other agencies alone', async () => {
    const a = await legalDepartment();
    const b = await legalDepartment();
    await a.section('Земельные отношения', a.legal, '2026-05-12');
    expect(await sweep(b.agency.id, '2026-05-13')).toBe(0);
    expect(await noticesOf(b.agency.id, b.head.id)).toEqual([]);
  });
});
