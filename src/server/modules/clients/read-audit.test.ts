import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIdOf } from '../../testing/client-fixtures.js';
import { agencyWithStaff, createHarness, type Harness, submitAppeal } from '../../testing/harness.js';
import { colleague, rowsOf } from '../../testing/surveys.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const readsOf = (clientId: string) =>
  rowsOf<{ actor_id: string; at: Date }>(
    harness,
    sql`select actor_id, at from audit_log where entity = 'client' and entity_id = ${clientId} and action = 'read' order by id`,
  );

describe('access to a client is audited (152-ФЗ, issue 12 p. 5)', () => {
  it('logs who opened the card or the history, once per person, client and hour', async () => {
    const { slug, staff, userId } = await agencyWithStaff(harness, ['admin']);
    const response = await submitAppeal(harness, slug, {
      name: 'Зайцева Ольга',
      email: 'zaytseva@example.ru',
    });
    expect(response.statusCode).toBe(201);
    const id = await clientIdOf(staff, 'zaytseva@example.ru');
    expect(await readsOf(id)).toEqual([]);

    const open = (who = staff) => who.request({ method: 'GET', url: `/api/staff/clients/${id}` });
    const history = (who = staff) => who.request({ method: 'GET', url: `/api/staff/clients/${id}/timeline` });
    expect((await open()).statusCode).toBe(200);
    expect((await history()).statusCode).toBe(200);
    expect((await open()).statusCode).toBe(200);
    expect((await readsOf(id)).map((r) => r.actor_id)).toEqual([userId]);

    // Another colleague's look is their own entry.
    const operator = await colleague(harness, slug, ['operator']);
    await history(operator);
    const reads = await readsOf(id);
    expect(reads.map((r) => r.actor_id)).toEqual([userId, operator.info.user.id]);

    // An hour on, the same person's next look is logged again.
    await harness.services.database.db.execute(
      sql`update audit_log set at = at - interval '61 minutes' where entity = 'client' and entity_id = ${id} and action = 'read'`,
    );
    await open();
    expect((await readsOf(id)).map((r) => r.actor_id)).toEqual([userId, operator.info.user.id, userId]);

    // Admins see the entries in the audit log, as «read».
    const log = (
      await staff.request({ method: 'GET', url: '/api/staff/audit?entity=client&action=read' })
    ).json();
    expect(log.items.filter((e: { entityId: string }) => e.entityId === id)).toHaveLength(3);
  });

  it('writes nothing for a client of another agency: the answer is 404 and no entry names it', async () => {
    const a = await agencyWithStaff(harness, ['admin']);
    await submitAppeal(harness, a.slug, { name: 'Смирнов Илья', email: 'smirnov@example.ru' });
    const id = await clientIdOf(a.staff, 'smirnov@example.ru');
    const b = await agencyWithStaff(harness, ['admin']);
    expect((await b.staff.request({ method: 'GET', url: `/api/staff/clients/${id}` })).statusCode).toBe(404);
    expect(
      (await b.staff.request({ method: 'GET', url: `/api/staff/clients/${id}/timeline` })).statusCode,
    ).toBe(404);
    expect(await readsOf(id)).toEqual([]);
  });
});
