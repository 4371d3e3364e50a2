import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const posMessage = {
  kind: 'pos_message',
  channel: 'pos',
  text: 'На ул. Мичурина, 6 не работает освещение у входа в здание, вечером опасно.',
  name: 'Сидоров Пётр',
  email: 'sidorov@example.ru',
  notifyByEmail: true,
};

const hoursUntil = (iso: string) => (new Date(iso).getTime() - Date.now()) / 3_600_000;

describe('registration by staff', () => {
  it('registers a ПОС message with the fast-track term, once per ПОС id', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
    const payload = { ...posMessage, receivedAt, urgent: true, externalId: 'POS-778812' };
    const first = await staff.request({ method: 'POST', url: '/api/staff/requests', payload });
    expect(first.statusCode).toBe(201);
    const created = first.json();
    expect(created).toMatchObject({ kind: 'pos_message', channel: 'pos', status: 'registered' });
    expect(created.receivedAt).toBe(receivedAt);
    expect(created.dueSource).toContain('Фаст-трек');
    // One working day: at most the next working day after a long weekend, never the 10-day term.
    expect(hoursUntil(created.dueAt)).toBeLessThan(6 * 24);

    const again = await staff.request({ method: 'POST', url: '/api/staff/requests', payload });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(created.id);

    const normal = await staff.request({
      method: 'POST',
      url: '/api/staff/requests',
      payload: { ...posMessage, receivedAt, externalId: 'POS-778813' },
    });
    expect(normal.json().dueSource).toContain('1802');
    expect(hoursUntil(normal.json().dueAt)).toBeGreaterThan(10 * 24);
  });

  it('keeps the receipt date of a letter and notes a registration made after the 59-ФЗ term', async () => {
    const { slug, staff } = await agencyWithStaff(harness, ['operator']);
    const receivedAt = new Date(Date.now() - 10 * 86_400_000).toISOString();
    const response = await staff.request({
      method: 'POST',
      url: '/api/staff/requests',
      payload: { ...posMessage, kind: 'appeal', channel: 'post', receivedAt, externalId: null },
    });
    expect(response.statusCode).toBe(201);
    const created = response.json();
    const received = created.events.find((e: { status: string }) => e.status === 'received');
    expect(received.at).toBe(receivedAt);
    const late = created.events.find((e: { note: string | null }) => e.note?.includes('позже'));
    expect(late).toMatchObject({ isPublic: false });
    expect(late.note).toContain('59-ФЗ ст. 8 ч. 2');
    // The 30 days run from registration, not from receipt.
    expect(hoursUntil(created.dueAt)).toBeGreaterThan(26 * 24);

    const status = await harness.app.inject({
      method: 'GET',
      url: `/api/public/${slug}/requests/${created.number}?code=${(await trackingCode(created.id)) ?? ''}`,
    });
    expect(status.statusCode).toBe(200);
    expect(status.body).not.toContain('позже');
  });

  it('rejects a receipt date in the future, unknown channels and the portal channel, and readers', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const future = await staff.request({
      method: 'POST',
      url: '/api/staff/requests',
      payload: { ...posMessage, receivedAt: new Date(Date.now() + 86_400_000).toISOString() },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json()).toMatchObject({ field: 'body.receivedAt' });
    expect(future.json().message).toMatch(/будущем/);

    for (const channel of ['portal', 'pigeon']) {
      const response = await staff.request({
        method: 'POST',
        url: '/api/staff/requests',
        payload: { ...posMessage, channel, receivedAt: new Date().toISOString() },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().field).toBe('body.channel');
    }

    const { staff: analyst } = await agencyWithStaff(harness, ['analyst']);
    const forbidden = await analyst.request({
      method: 'POST',
      url: '/api/staff/requests',
      payload: { ...posMessage, receivedAt: new Date().toISOString() },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('keeps a registered request out of other agencies', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => {
        const response = await staff.request({
          method: 'POST',
          url: '/api/staff/requests',
          payload: { ...posMessage, receivedAt: new Date().toISOString() },
        });
        return response.json().id;
      },
      requests: (id) => [{ method: 'GET', url: `/api/staff/requests/${id}` }],
      lists: ['/api/staff/requests'],
    });
  });
});

async function trackingCode(id: string) {
  const { rows } = (await harness.services.database.db.execute(
    `select tracking_code from requests where id = '${id}'`,
  )) as unknown as { rows: { tracking_code: string }[] };
  return rows[0]?.tracking_code;
}
