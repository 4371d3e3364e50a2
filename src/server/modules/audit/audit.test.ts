import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

describe('audit log browsing', () => {
  it('filters by entity, action and the agency-local date range, newest first, paginated', async () => {
    const { staff } = await agencyWithStaff(harness);
    for (const name of ['Отдел 1', 'Отдел 2', 'Отдел 3']) {
      await staff.request({ method: 'POST', url: '/api/staff/departments', payload: { name } });
    }
    const list = (url: string) => staff.request({ method: 'GET', url }).then((r) => r.json());

    const departments = await list('/api/staff/audit?entity=department&action=create&pageSize=2');
    expect(departments).toMatchObject({ total: 3, pages: 2, page: 1 });
    expect(departments.items.map((e: { after: { name: string } }) => e.after.name)).toEqual([
      'Отдел 3',
      'Отдел 2',
    ]);

    // Asia/Novosibirsk is UTC+7: "today" there is the date of now + 7 h.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const inRange = await list(`/api/staff/audit?entity=department&from=${today}&to=${today}`);
    expect(inRange.total).toBe(3);
    const past = await list('/api/staff/audit?entity=department&from=2020-01-01&to=2020-12-31');
    expect(past.total).toBe(0);

    const bad = await staff.request({ method: 'GET', url: '/api/staff/audit?from=yesterday' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      field: 'query.from',
      message: 'Неверный формат: ожидается дата в формате ГГГГ-ММ-ДД',
    });
  });
});
