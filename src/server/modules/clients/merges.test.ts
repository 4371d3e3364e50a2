import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIdOf } from '../../testing/client-fixtures.js';
import { agencyWithStaff, createHarness, type Harness, submitAppeal } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const submit = (slug: string, payload: Record<string, unknown>) => submitAppeal(harness, slug, payload);

describe('merges', () => {
  it('suggests pairs by phone digits, messenger id and name with address; merging moves everything', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Сидоров Семён', email: 'sidorov@example.ru', phone: '8 (913) 111-22-33' });
    await submit(slug, { name: 'С. Сидоров', email: 'sidorov.s@example.ru' });
    await submit(slug, { name: 'Кузнецова Ольга', email: 'olga@example.ru' });
    await submit(slug, { name: 'Кузнецова Ольга', email: 'kuznetsova@example.ru' });
    expect((await staff.request({ method: 'GET', url: '/api/staff/clients' })).json().total).toBe(4);
    const sidorov = await clientIdOf(staff, 'sidorov@example.ru');
    const sidorovS = await clientIdOf(staff, 'sidorov.s@example.ru');
    // Staff learn the second record's phone and Telegram on a call: the same person, written differently.
    for (const [kind, value] of [
      ['phone', '+7 913 111 22 33'],
      ['telegram', '@Sidorov_S'],
    ]) {
      await staff.request({
        method: 'POST',
        url: `/api/staff/clients/${sidorovS}/contacts`,
        payload: { kind, value },
      });
    }
    await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${sidorov}/contacts`,
      payload: { kind: 'telegram', value: 'https://t.me/sidorov_s' },
    });
    const olga = await clientIdOf(staff, 'olga@example.ru');
    const kuz = await clientIdOf(staff, 'kuznetsova@example.ru');
    for (const id of [olga, kuz]) {
      await staff.request({
        method: 'PATCH',
        url: `/api/staff/clients/${id}`,
        payload: { postalAddress: id === olga ? 'Пермь, ул. Ленина, 5' : 'пермь ул ленина 5' },
      });
    }
    const suggestions = (
      await staff.request({ method: 'GET', url: '/api/staff/clients/merge-suggestions' })
    ).json();
    expect(suggestions).toHaveLength(2);
    const byPhone = suggestions.find(
      (s: { reasons: { kind: string }[] }) => s.reasons[0]?.kind !== 'name_address',
    );
    expect(byPhone.reasons).toEqual(
      expect.arrayContaining([
        { kind: 'phone', value: '79131112233' },
        { kind: 'telegram', value: 'sidorov_s' },
      ]),
    );
    expect([byPhone.left.id, byPhone.right.id].sort()).toEqual([sidorov, sidorovS].sort());
    const byAddress = suggestions.find(
      (s: { reasons: { kind: string }[] }) => s.reasons[0]?.kind === 'name_address',
    );
    expect([byAddress.left.id, byAddress.right.id].sort()).toEqual([olga, kuz].sort());

    const survivor = byPhone.left.id as string;
    const merged = byPhone.right.id as string;
    const self = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${survivor}/merge`,
      payload: { mergedId: survivor },
    });
    expect(self.statusCode).toBe(400);
    const result = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${survivor}/merge`,
      payload: { mergedId: merged },
    });
    expect(result.statusCode).toBe(200);
    // Two e-mails, one phone and one Telegram id: duplicates of the same contact collapse.
    expect(
      result
        .json()
        .contacts.map((c: { kind: string }) => c.kind)
        .sort(),
    ).toEqual(['email', 'email', 'phone', 'telegram']);
    // The old id still resolves, to the survivor.
    const old = (await staff.request({ method: 'GET', url: `/api/staff/clients/${merged}` })).json();
    expect(old).toMatchObject({ id: survivor, mergedFrom: merged });
    const timeline = (
      await staff.request({ method: 'GET', url: `/api/staff/clients/${survivor}/timeline` })
    ).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === 'request')).toHaveLength(2);
    expect(timeline.filter((e: { kind: string }) => e.kind === 'consent')).toHaveLength(2);
    expect(
      (await staff.request({ method: 'GET', url: '/api/staff/clients/merge-suggestions' })).json(),
    ).toHaveLength(1);
    const audit = (await staff.request({ method: 'GET', url: `/api/staff/audit?entity=client` })).json();
    const mergeRow = audit.items.find((a: { after: { mergedId?: string } }) => a.after?.mergedId === merged);
    expect(mergeRow.before.merged).toMatchObject({ id: merged, name: expect.any(String) });
    expect(mergeRow.before.survivor.id).toBe(survivor);
  });
});

describe('merge keeps what protects the client', () => {
  it('carries a legal hold and the earliest first contact over to the survivor', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    await submit(slug, { name: 'Первый', email: 'first@example.ru' });
    await submit(slug, { name: 'Второй', email: 'second@example.ru' });
    const first = await clientIdOf(staff, 'first@example.ru');
    const second = await clientIdOf(staff, 'second@example.ru');
    await staff.request({
      method: 'PUT',
      url: `/api/staff/clients/${second}/legal-hold`,
      payload: { legalHold: true, reason: 'Иск № 2-55/2026' },
    });
    const firstCard = (await staff.request({ method: 'GET', url: `/api/staff/clients/${first}` })).json();
    const merged = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${first}/merge`,
      payload: { mergedId: second },
    });
    expect(merged.json()).toMatchObject({
      id: first,
      name: 'Первый',
      legalHold: true,
      legalHoldReason: 'Иск № 2-55/2026',
      createdAt: firstCard.createdAt,
    });
    // Merging the same pair again: the other record is gone.
    const again = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${first}/merge`,
      payload: { mergedId: second },
    });
    expect(again.statusCode).toBe(400);
  });
});

describe('tenancy', () => {
  it('keeps clients inside their agency on every route', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => {
        const slug = staff.info.currentAgency ?? '';
        await submit(slug, { name: 'Чужой Клиент', email: 'foreign@example.ru' });
        return (await staff.request({ method: 'GET', url: '/api/staff/clients' })).json().items[0].id;
      },
      requests: (id) => [
        { method: 'GET', url: `/api/staff/clients/${id}` },
        { method: 'PATCH', url: `/api/staff/clients/${id}`, payload: { name: 'Захват' } },
        {
          method: 'POST',
          url: `/api/staff/clients/${id}/contacts`,
          payload: { kind: 'phone', value: '+79130000000' },
        },
        {
          method: 'PUT',
          url: `/api/staff/clients/${id}/legal-hold`,
          payload: { legalHold: true, reason: 'x' },
        },
        { method: 'GET', url: `/api/staff/clients/${id}/timeline` },
        { method: 'POST', url: `/api/staff/clients/${id}/history-export` },
      ],
      lists: ['/api/staff/clients'],
    });
  });

  it('does not let another agency touch contacts or merge across agencies', async () => {
    const a = await agencyWithStaff(harness);
    const b = await agencyWithStaff(harness);
    await submit(a.slug, { name: 'Клиент А', email: 'same@example.ru' });
    await submit(b.slug, { name: 'Клиент Б', email: 'same@example.ru' });
    const idA = await clientIdOf(a.staff, 'same@example.ru');
    const idB = await clientIdOf(b.staff, 'same@example.ru');
    const contactA = (await a.staff.request({ method: 'GET', url: `/api/staff/clients/${idA}` })).json()
      .contacts[0].id;
    expect(
      (
        await b.staff.request({
          method: 'PATCH',
          url: `/api/staff/clients/${idA}/contacts/${contactA}`,
          payload: { verified: true },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await b.staff.request({
          method: 'PATCH',
          url: `/api/staff/clients/${idB}/contacts/${contactA}`,
          payload: { verified: true },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await b.staff.request({ method: 'DELETE', url: `/api/staff/clients/${idA}/contacts/${contactA}` }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await b.staff.request({
          method: 'POST',
          url: `/api/staff/clients/${idA}/merge`,
          payload: { mergedId: idB },
        })
      ).statusCode,
    ).toBe(404);
    const cross = await b.staff.request({
      method: 'POST',
      url: `/api/staff/clients/${idB}/merge`,
      payload: { mergedId: idA },
    });
    expect(cross.statusCode).toBe(400);
    expect(
      (await a.staff.request({ method: 'GET', url: `/api/staff/clients/${idA}` })).json().contacts[0]
        .verified,
    ).toBe(false);
    // Same e-mail in two agencies is not a merge suggestion in either.
    expect(
      (await b.staff.request({ method: 'GET', url: '/api/staff/clients/merge-suggestions' })).json(),
    ).toEqual([]);
  });
});
