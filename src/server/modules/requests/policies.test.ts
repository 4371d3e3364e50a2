import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const submit = (slug: string) =>
  harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: 'Прошу ответить', name: 'Павлов Олег', consent: true },
  });
const daysUntil = (iso: string) => (new Date(iso).getTime() - Date.now()) / 86_400_000;

describe('deadline policies per agency', () => {
  it('shows every kind with its legal source, and an agency-shortened term governs new requests', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['admin']);
    const view = (await staff.request({ method: 'GET', url: '/api/staff/deadline-policies' })).json();
    const appeal = view.find((p: { kind: string }) => p.kind === 'appeal');
    expect(appeal.law).toContain('59-ФЗ');
    expect(appeal.terms.find((t: { term: string }) => t.term === 'answer')).toMatchObject({
      current: { days: 30, dayType: 'calendar', source: '59-ФЗ ст. 12 ч. 1' },
      overridden: false,
    });

    const put = await staff.request({
      method: 'PUT',
      url: '/api/staff/deadline-policies/appeal/answer',
      payload: {
        days: 15,
        dayType: 'calendar',
        source: 'Приказ ведомства от 01.09.2026 № 12: ответ в 15 дней',
      },
    });
    expect(put.statusCode).toBe(204);
    const created = (await submit(slug)).json();
    expect(daysUntil(created.dueAt)).toBeLessThan(16);
    const list = (await staff.request({ method: 'GET', url: '/api/staff/requests' })).json();
    const detail = (
      await staff.request({ method: 'GET', url: `/api/staff/requests/${list.items[0].id}` })
    ).json();
    expect(detail.dueSource).toContain('Приказ ведомства');

    const restored = await staff.request({
      method: 'DELETE',
      url: '/api/staff/deadline-policies/appeal/answer',
    });
    expect(restored.statusCode).toBe(204);
    expect(daysUntil((await submit(slug)).json().dueAt)).toBeGreaterThan(26);
    const again = await staff.request({
      method: 'DELETE',
      url: '/api/staff/deadline-policies/appeal/answer',
    });
    expect(again.statusCode).toBe(404);
  });

  it('never lets a statutory term grow or change its kind of days; other kinds are the agency’s own', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const put = (path: string, payload: object) =>
      staff.request({ method: 'PUT', url: `/api/staff/deadline-policies/${path}`, payload });
    const longer = await put('appeal/answer', { days: 45, dayType: 'calendar', source: 'Приказ' });
    expect(longer.statusCode).toBe(400);
    expect(longer.json()).toMatchObject({ field: 'body.days' });
    expect(longer.json().message).toContain('59-ФЗ ст. 12 ч. 1');
    const working = await put('info_request/answer', { days: 20, dayType: 'working', source: 'Приказ' });
    expect(working.statusCode).toBe(400);
    expect(
      (await put('social_comment/answer', { days: 1, dayType: 'working', source: 'Стандарт' })).statusCode,
    ).toBe(204);
    expect((await put('appeal/answer', { days: 10, dayType: 'calendar', source: '  ' })).json().field).toBe(
      'body.source',
    );
    expect((await put('pigeon/answer', { days: 1, dayType: 'calendar', source: 'x' })).statusCode).toBe(400);
  });

  it('keeps one agency’s terms away from another and from non-admins', async () => {
    const a = await agencyWithStaff(harness, ['admin']);
    const b = await agencyWithStaff(harness, ['admin']);
    await a.staff.request({
      method: 'PUT',
      url: '/api/staff/deadline-policies/appeal/answer',
      payload: { days: 10, dayType: 'calendar', source: 'Приказ А' },
    });
    const seenByB = (await b.staff.request({ method: 'GET', url: '/api/staff/deadline-policies' })).body;
    expect(seenByB).not.toContain('Приказ А');
    expect(daysUntil((await submit(b.slug)).json().dueAt)).toBeGreaterThan(26);
    const operator = await agencyWithStaff(harness, ['operator']);
    const denied = await operator.staff.request({
      method: 'PUT',
      url: '/api/staff/deadline-policies/appeal/answer',
      payload: { days: 10, dayType: 'calendar', source: 'Приказ' },
    });
    expect(denied.statusCode).toBe(403);
  });
});
