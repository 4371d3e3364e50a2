import { addDays, addYears } from 'date-fns';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../lib/tokens.js';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';
import { contactIndex } from '../clients/repo.js';
import { runDailyRetention } from './retention.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const exec = async <T>(query: ReturnType<typeof sql>) =>
  ((await harness.services.database.db.execute(query)) as unknown as { rows: T[] }).rows;

async function clientWithClosedRequest(slug: string, name: string, email: string) {
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: { kind: 'appeal', text: 'Текст', name, email, consent: true },
  });
  expect(response.statusCode).toBe(201);
  // Finished long ago: the registry marks a request closed only through its lifecycle, the test shortcuts it.
  await exec(sql`update requests set status = 'closed' where number = ${response.json().number}
    and agency_id = (select id from agencies where slug = ${slug})`);
  const [row] = await exec<{
    id: string;
  }>(sql`select c.id from clients c join client_contacts cc on cc.client_id = c.id
    join agencies a on a.id = c.agency_id where a.slug = ${slug} and cc.value_index = ${contactIndex(email)}`);
  if (!row) throw new Error('client not created');
  return row.id;
}

const clientIds = async (slug: string) =>
  (
    await exec<{ id: string }>(
      sql`select c.id from clients c join agencies a on a.id = c.agency_id where a.slug = ${slug}`,
    )
  )
    .map((r) => r.id)
    .sort();

const agencyIdOf = async (slug: string) => (await harness.services.agencies.findBySlug(slug))?.id ?? '';

describe('retention (ARCHITECTURE §3, seed 004 p. 4)', () => {
  it('purges clients past the period with their requests and contacts, keeps held ones, and logs hashes only', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const old = await clientWithClosedRequest(slug, 'Старый Клиент', 'old@example.ru');
    const held = await clientWithClosedRequest(slug, 'Под Запретом', 'held@example.ru');
    await staff.request({
      method: 'PUT',
      url: `/api/staff/clients/${held}/legal-hold`,
      payload: { legalHold: true, reason: 'Судебный спор' },
    });
    const retention = harness.services.retention;
    const hooked: { attachments: string[][]; clients: string[][] } = { attachments: [], clients: [] };
    retention.setAttachmentPurger(async (_tx, _agency, requestIds) => {
      hooked.attachments.push(requestIds);
      return undefined;
    });
    retention.onPurge(async (_tx, _agency, clientIds) => {
      hooked.clients.push(clientIds);
    });
    // Other test files share a Postgres database: each test purges only its own agencies.
    const agencyId = await agencyIdOf(slug);

    // Just under five years after the last interaction nothing goes.
    const only = { agencyIds: [agencyId] };
    const early = await retention.purgeExpired(addDays(addYears(new Date(), 5), -1), only);
    expect(early.results.find((r) => r.agencyId === agencyId)).toBeUndefined();

    const now = addDays(addYears(new Date(), 5), 1);
    const { results } = await retention.purgeExpired(now, only);
    expect(results.find((r) => r.agencyId === agencyId)).toEqual({
      agencyId,
      clients: 1,
      requests: 1,
      socialItems: 0,
    });
    expect(await clientIds(slug)).toEqual([held]);
    // The hooks the integrator and later capabilities use saw exactly what went.
    expect(hooked.clients).toEqual([[old]]);
    expect(hooked.attachments).toHaveLength(1);
    expect(hooked.attachments[0]).toHaveLength(1);
    const leftovers = await exec<{ n: number }>(sql`select
      (select count(*) from requests where client_id = ${old})::int +
      (select count(*) from client_contacts where client_id = ${old})::int +
      (select count(*) from client_consent_events where client_id = ${old})::int as n`);
    expect(leftovers[0]?.n).toBe(0);

    const log = (await staff.request({ method: 'GET', url: '/api/staff/retention/purges' })).json();
    expect(log.total).toBe(1);
    expect(log.items[0]).toMatchObject({ clientCount: 1, requestCount: 1 });
    const [stored] = await exec<{ client_id_hashes: string[] }>(
      sql`select client_id_hashes from retention_purges where agency_id = ${agencyId}`,
    );
    expect(stored?.client_id_hashes).toEqual([sha256(`${agencyId}:${old}`)]);
    expect(JSON.stringify(stored)).not.toContain(old);

    // Idempotent: a second run removes nothing and logs nothing.
    const again = await retention.purgeExpired(now, only);
    expect(again.results.find((r) => r.agencyId === agencyId)).toBeUndefined();
    expect((await staff.request({ method: 'GET', url: '/api/staff/retention/purges' })).json().total).toBe(1);
  });

  it('follows each agency’s own period and keeps clients with an open request', async () => {
    const longer = await agencyWithStaff(harness);
    const patch = await longer.staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { retentionYears: 10 },
    });
    expect(patch.json().retentionYears).toBe(10);
    const tooShort = await longer.staff.request({
      method: 'PATCH',
      url: '/api/staff/agency',
      payload: { retentionYears: 3 },
    });
    expect(tooShort.statusCode).toBe(400);
    const kept = await clientWithClosedRequest(longer.slug, 'Долгий', 'long@example.ru');
    const open = await agencyWithStaff(harness);
    await harness.app.inject({
      method: 'POST',
      url: `/api/public/${open.slug}/requests`,
      payload: {
        kind: 'appeal',
        text: 'Ещё рассматривается',
        name: 'Открытый',
        email: 'open@example.ru',
        consent: true,
      },
    });
    const only = { agencyIds: [await agencyIdOf(longer.slug), await agencyIdOf(open.slug)] };
    await harness.services.retention.purgeExpired(addYears(new Date(), 7), only);
    expect(await clientIds(longer.slug)).toEqual([kept]);
    expect(await clientIds(open.slug)).toHaveLength(1);
    await harness.services.retention.purgeExpired(addYears(new Date(), 11), only);
    expect(await clientIds(longer.slug)).toEqual([]);
  });

  it('works in batches and the daily run repeats until done', async () => {
    const { slug } = await agencyWithStaff(harness);
    for (let i = 0; i < 5; i += 1) await clientWithClosedRequest(slug, `Клиент ${i}`, `c${i}@example.ru`);
    const agencyId = await agencyIdOf(slug);
    const at = addYears(new Date(), 6);
    const first = await harness.services.retention.purgeExpired(at, { batch: 2, agencyIds: [agencyId] });
    expect(first.results.find((r) => r.agencyId === agencyId)?.clients).toBe(2);
    expect(first.more).toBe(true);
    expect(await clientIds(slug)).toHaveLength(3);
    const totals = await runDailyRetention(harness.services.retention, at, {
      batch: 2,
      agencyIds: [agencyId],
    });
    expect(totals).toEqual({ clients: 3, requests: 3, socialItems: 0, passes: 2 });
    expect(await clientIds(slug)).toEqual([]);
  });

  it('removes social-network items with their purged requests and those of authors silent for the period', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const agencyId = await agencyIdOf(slug);
    const client = await clientWithClosedRequest(slug, 'Из соцсети', 'social@example.ru');
    const now = addDays(addYears(new Date(), 5), 1);
    const item = (externalId: string, authorId: string, receivedAt: Date) =>
      harness.services.socialInbox.ingest({
        agencyId,
        accountId: null,
        network: 'vk',
        kind: 'comment',
        externalId,
        threadId: 'wall-1_10',
        parentId: null,
        threadTitle: null,
        authorId,
        authorName: `Автор ${authorId}`,
        text: `Комментарий ${externalId}`,
        receivedAt,
      });
    const converted = await item('converted', 'id1', new Date());
    await item('silent', 'id2', new Date());
    // The same author wrote again within the period: both of their items stay.
    await item('old-of-active', 'id3', new Date());
    await item('recent-of-active', 'id3', addYears(new Date(), 4));
    await exec(sql`update social_items set request_id = (select id from requests where client_id = ${client})
      where id = ${converted.id}`);

    const { results } = await harness.services.retention.purgeExpired(now, { agencyIds: [agencyId] });
    expect(results).toEqual([{ agencyId, clients: 1, requests: 1, socialItems: 2 }]);
    // The item ids are sealed at rest: the text names each item here.
    const left = await exec<{ text: string }>(
      sql`select text from social_items where agency_id = ${agencyId} order by received_at`,
    );
    expect(left.map((r) => r.text)).toEqual(['Комментарий old-of-active', 'Комментарий recent-of-active']);
    const log = (await staff.request({ method: 'GET', url: '/api/staff/retention/purges' })).json();
    expect(log.items[0]).toMatchObject({ clientCount: 1, requestCount: 1, socialItemCount: 2 });

    // Items alone make a pass too; a full batch asks for another.
    await item('silent-2', 'id4', new Date());
    await item('silent-3', 'id5', new Date());
    const batched = await harness.services.retention.purgeExpired(addYears(now, 5), {
      agencyIds: [agencyId],
      batch: 2,
    });
    expect(batched.results).toEqual([{ agencyId, clients: 0, requests: 0, socialItems: 2 }]);
    expect(batched.more).toBe(true);
  });

  it('shows the purge log to admins only, and only their agency’s', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    expect((await staff.request({ method: 'GET', url: '/api/staff/retention/purges' })).statusCode).toBe(403);
    await expectTenantIsolation(harness, {
      create: async (admin: StaffClient) => {
        const slug = admin.info.currentAgency ?? '';
        await clientWithClosedRequest(slug, 'Для журнала', `log-${slug}@example.ru`);
        await harness.services.retention.purgeExpired(addYears(new Date(), 6), {
          agencyIds: [await agencyIdOf(slug)],
        });
        // Log rows carry no names; the time of the run identifies A's row in the lists.
        return (await admin.request({ method: 'GET', url: '/api/staff/retention/purges' })).json().items[0]
          .at;
      },
      requests: () => [],
      lists: ['/api/staff/retention/purges'],
    });
  });
});
