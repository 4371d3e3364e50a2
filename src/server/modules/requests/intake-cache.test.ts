import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDate } from '../../lib/calendar.js';
import { LOOKUP_TTL_MS } from '../../lib/lookup-cache.js';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { agencies } from '../agencies/schema.js';

// The intake reads the agency, its calendar and its deadline overrides from per-node caches
// (issue 4, intake benchmark). A change made on this node must govern the very next request;
// a change made elsewhere within LOOKUP_TTL_MS.

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());
afterEach(() => vi.restoreAllMocks());

async function submit(slug: string) {
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: 'Прошу ответить', name: 'Павлов Олег', consent: true },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ number: string; dueAt: string }>();
}

const localDue = (dueAt: string) => localDate(new Date(dueAt), 'Asia/Novosibirsk');

describe('intake with cached agency settings', () => {
  it('numbers with a new prefix right after the agency is changed on this node', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    expect((await submit(slug)).number).toMatch(/^\d{4}-00001$/);
    const patch = await staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { requestNumberPrefix: 'ПР' },
    });
    expect(patch.statusCode).toBe(200);
    expect((await submit(slug)).number).toMatch(/^ПР-\d{4}-00002$/);
  });

  it('moves the due date right after a calendar day is changed and restored on this node', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const due = localDue((await submit(slug)).dueAt);
    const put = await staff.request({
      method: 'PUT',
      url: `/api/staff/calendar/${due}`,
      payload: { kind: 'nonWorking', note: 'Региональный праздник' },
    });
    expect(put.statusCode).toBe(200);
    // 59-ФЗ: a calendar-day term ending on a day off ends on the working day before it.
    expect(localDue((await submit(slug)).dueAt) < due).toBe(true);
    const removed = await staff.request({ method: 'DELETE', url: `/api/staff/calendar/${due}` });
    expect(removed.statusCode).toBe(204);
    expect(localDue((await submit(slug)).dueAt)).toBe(due);
  });

  it('uses a deadline override right after it is set and restored on this node', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const before = await submit(slug);
    const put = await staff.request({
      method: 'PUT',
      url: '/api/staff/deadline-policies/appeal/answer',
      payload: { days: 10, dayType: 'calendar', source: 'Приказ ведомства № 7' },
    });
    expect(put.statusCode).toBe(204);
    const shortened = await submit(slug);
    expect(new Date(shortened.dueAt).getTime()).toBeLessThan(new Date(before.dueAt).getTime());
    const restored = await staff.request({
      method: 'DELETE',
      url: '/api/staff/deadline-policies/appeal/answer',
    });
    expect(restored.statusCode).toBe(204);
    expect((await submit(slug)).dueAt).toBe(before.dueAt);
  });

  it('picks up a change made by another node once the cache time has passed', async () => {
    const { slug } = await agencyWithStaff(harness, ['admin']);
    expect((await submit(slug)).number).toMatch(/^\d{4}-00001$/);
    // Another node writes the row: this node's cache does not know until it reads again.
    await harness.services.database.db
      .update(agencies)
      .set({ requestNumberPrefix: 'ДР' })
      .where(eq(agencies.slug, slug));
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + LOOKUP_TTL_MS + 1);
    expect((await submit(slug)).number).toMatch(/^ДР-\d{4}-00002$/);
  });
});
