import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { updateRequest } from './repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

async function submit(slug: string, name: string) {
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: `Обращение ${name}`, name, consent: true },
  });
  return response.json<{ number: string }>().number;
}

async function idOf(staff: StaffClient, number: string) {
  return (await staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` })).json().items[0].id;
}

const numbers = async (staff: StaffClient, query: string) =>
  (await staff.request({ method: 'GET', url: `/api/staff/requests?${query}` }))
    .json()
    .items.map((item: { number: string }) => item.number)
    .sort();

describe('register views', () => {
  it('filters by «mine», «my department», a department and the term within N working days', async () => {
    const { slug, staff, userId } = await agencyWithStaff(harness, ['admin', 'operator']);
    const agency = await harness.services.agencies.findBySlug(slug);
    if (!agency) throw new Error('no agency');
    const legal = (
      await staff.request({ method: 'POST', url: '/api/staff/departments', payload: { name: 'Правовой' } })
    ).json().id;
    const other = (
      await staff.request({ method: 'POST', url: '/api/staff/departments', payload: { name: 'Иной' } })
    ).json().id;
    await staff.request({
      method: 'PATCH',
      url: `/api/staff/users/${userId}`,
      payload: { departmentIds: [legal] },
    });

    const [a, b, c] = [
      await submit(slug, 'Первый'),
      await submit(slug, 'Второй'),
      await submit(slug, 'Третий'),
    ];
    const [idA, idB, idC] = [await idOf(staff, a), await idOf(staff, b), await idOf(staff, c)];
    await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${idA}/assign`,
      payload: { departmentId: legal, assigneeId: userId },
    });
    await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${idB}/assign`,
      payload: { departmentId: other, assigneeId: null },
    });
    await updateRequest(harness.services.database.db, agency.id, idC, {
      dueAt: new Date(Date.now() + 3_600_000),
    });

    expect(await numbers(staff, 'mine=true')).toEqual([a]);
    expect(await numbers(staff, 'myDepartments=true')).toEqual([a]);
    expect(await numbers(staff, `department=${other}`)).toEqual([b]);
    expect(await numbers(staff, `department=${other}&myDepartments=true`)).toEqual([]);
    expect(await numbers(staff, 'dueWithin=2')).toEqual([c]);
    expect(await numbers(staff, 'dueWithin=60')).toEqual([a, b, c].sort());

    const bad = await staff.request({ method: 'GET', url: '/api/staff/requests?dueWithin=-1' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('query.dueWithin');
  });

  it('keeps named views per staff member, rejects unknown parameters and duplicate names', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const created = await staff.request({
      method: 'POST',
      url: '/api/staff/register-views',
      payload: { name: 'Мои срочные', query: '?mine=true&dueWithin=3&page=4' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Мои срочные', query: 'mine=true&dueWithin=3' });

    const duplicate = await staff.request({
      method: 'POST',
      url: '/api/staff/register-views',
      payload: { name: 'мои срочные', query: 'mine=true' },
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json()).toMatchObject({ field: 'body.name' });

    const hostile = await staff.request({
      method: 'POST',
      url: '/api/staff/register-views',
      payload: { name: 'Взлом', query: 'mine=true&__proto__=x' },
    });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.json().message).toContain('__proto__');

    const list = await staff.request({ method: 'GET', url: '/api/staff/register-views' });
    expect(list.json()).toEqual([created.json()]);

    const { staff: colleague } = await agencyWithStaff(harness, ['operator']);
    expect((await colleague.request({ method: 'GET', url: '/api/staff/register-views' })).json()).toEqual([]);

    const removed = await staff.request({
      method: 'DELETE',
      url: `/api/staff/register-views/${created.json().id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect((await staff.request({ method: 'GET', url: '/api/staff/register-views' })).json()).toEqual([]);
  });

  it('keeps views out of other agencies', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) =>
        (
          await staff.request({
            method: 'POST',
            url: '/api/staff/register-views',
            payload: { name: 'Просроченные', query: 'overdue=true' },
          })
        ).json().id,
      requests: (id) => [{ method: 'DELETE', url: `/api/staff/register-views/${id}` }],
      lists: ['/api/staff/register-views'],
    });
  });
});
