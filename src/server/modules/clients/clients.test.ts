import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientIdOf } from '../../testing/client-fixtures.js';
import { agencyWithStaff, createHarness, type Harness, login, submitAppeal } from '../../testing/harness.js';
import { normalizeContact } from './contacts.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const submit = (slug: string, payload: Record<string, unknown>) => submitAppeal(harness, slug, payload);

describe('contact normalisation', () => {
  it('compares e-mail without case, phones by digits and messenger ids without their prefixes', () => {
    expect(normalizeContact('email', ' Ivanov@Mail.RU ')).toBe('ivanov@mail.ru');
    expect(normalizeContact('phone', '8 (383) 228-63-58')).toBe(normalizeContact('phone', '+7 383 2286358'));
    expect(normalizeContact('telegram', 'https://t.me/Ivanov_54')).toBe('ivanov_54');
    expect(normalizeContact('telegram', '@ivanov_54')).toBe('ivanov_54');
    expect(normalizeContact('vk', 'vk.com/id123')).toBe('id123');
    expect(normalizeContact('ok', 'https://ok.ru/profile/5551')).toBe('5551');
    expect(normalizeContact('postal', 'г. Новосибирск, ул. Ленина, д. 1')).toBe(
      'г новосибирск ул ленина д 1',
    );
  });

  it('is idempotent for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('email', 'phone', 'telegram', 'vk', 'ok', 'postal' as const),
        fc.string(),
        (kind, value) => {
          const once = normalizeContact(kind, value);
          expect(normalizeContact(kind, once)).toBe(once);
        },
      ),
    );
    // Found by the property: stripping the slash used to leave a space the next pass trimmed.
    expect(normalizeContact('telegram', '! /')).toBe('!');
    expect(normalizeContact('telegram', 'https://t.me/@@ivan/ ')).toBe('ivan');
  });
});

describe('clients at intake', () => {
  it('keeps one client per e-mail across requests, adds new contacts and records the consent', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    expect((await submit(slug, { name: 'Иванов Иван', email: 'ivanov@example.ru' })).statusCode).toBe(201);
    expect(
      (await submit(slug, { name: 'Иванов И.', email: 'IVANOV@example.ru', phone: '8 (383) 228-63-58' }))
        .statusCode,
    ).toBe(201);
    const list = (await staff.request({ method: 'GET', url: '/api/staff/clients' })).json();
    expect(list.total).toBe(1);
    const card = (
      await staff.request({ method: 'GET', url: `/api/staff/clients/${list.items[0].id}` })
    ).json();
    expect(card.name).toBe('Иванов Иван');
    expect(card.contacts.map((c: { kind: string; value: string }) => `${c.kind}:${c.value}`).sort()).toEqual([
      'email:ivanov@example.ru',
      'phone:8 (383) 228-63-58',
    ]);
    const timeline = (
      await staff.request({ method: 'GET', url: `/api/staff/clients/${card.id}/timeline` })
    ).json().items;
    const consents = timeline.filter((e: { kind: string }) => e.kind === 'consent');
    expect(consents).toHaveLength(2);
    expect(consents[0]).toMatchObject({
      channel: 'portal',
      status: 'given',
      title: expect.stringContaining('персональных данных'),
    });
    // The phone alone finds the same client later.
    expect((await submit(slug, { name: 'Иванов', phone: '+7 383 228 63 58' })).statusCode).toBe(201);
    expect((await staff.request({ method: 'GET', url: '/api/staff/clients' })).json().total).toBe(1);
  });
});

describe('clients register', () => {
  it('searches by name fragment and whole contact, pages and sorts', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    for (const [name, email, phone] of [
      ['Андреева Анна', 'anna@example.ru', '+7 913 000-00-01'],
      ['Борисов Борис', 'boris@example.ru', '+7 913 000-00-02'],
      ['Власова Вера', 'vera@example.ru', null],
    ]) {
      await submit(slug, { name, email, phone });
    }
    const get = async (query: string) =>
      (await staff.request({ method: 'GET', url: `/api/staff/clients?${query}` })).json();
    expect((await get('q=борисов')).items.map((c: { name: string }) => c.name)).toEqual(['Борисов Борис']);
    // Contacts are sealed: they match whole (any case, any phone spelling), never by a fragment.
    expect((await get('q=VERA@example.RU')).items.map((c: { name: string }) => c.name)).toEqual([
      'Власова Вера',
    ]);
    expect((await get('q=VERA@')).total).toBe(0);
    expect((await get('q=8 913 000 00 01')).items.map((c: { name: string }) => c.name)).toEqual([
      'Андреева Анна',
    ]);
    expect((await get('q=100%25_')).total).toBe(0);
    const sorted = await get('sort=name&order=desc&pageSize=2&page=1');
    expect(sorted).toMatchObject({ total: 3, pages: 2 });
    expect(sorted.items.map((c: { name: string }) => c.name)).toEqual(['Власова Вера', 'Борисов Борис']);
    expect((await get('sort=name&order=desc&pageSize=2&page=2')).items[0].name).toBe('Андреева Анна');
    expect((await staff.request({ method: 'GET', url: '/api/staff/clients?sort=email' })).statusCode).toBe(
      400,
    );
  });
});

describe('client card', () => {
  it('edits the record and contacts with audit rows, and refuses invalid values naming the field', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    await submit(slug, { name: 'ООО «Ромашка»', email: 'office@romashka.ru' });
    const id = await clientIdOf(staff, 'Ромашка');
    const patch = await staff.request({
      method: 'PATCH',
      url: `/api/staff/clients/${id}`,
      payload: {
        kind: 'organisation',
        organisationName: 'ООО «Ромашка»',
        inn: '5406123456',
        postalAddress: 'Новосибирск, Ленина, 1',
      },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ kind: 'organisation', inn: '5406123456' });
    const badInn = await staff.request({
      method: 'PATCH',
      url: `/api/staff/clients/${id}`,
      payload: { inn: '123' },
    });
    expect(badInn.statusCode).toBe(400);
    expect(badInn.json()).toMatchObject({ field: 'body.inn' });

    const added = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${id}/contacts`,
      payload: { kind: 'telegram', value: '@romashka_nsk', verified: true },
    });
    expect(added.statusCode).toBe(201);
    const telegram = added.json().contacts.find((c: { kind: string }) => c.kind === 'telegram');
    expect(telegram).toMatchObject({ value: '@romashka_nsk', verified: true, source: 'staff' });
    const duplicate = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${id}/contacts`,
      payload: { kind: 'telegram', value: 't.me/ROMASHKA_NSK' },
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.json()).toMatchObject({ error: 'contact_exists', field: 'body.value' });
    const badEmail = await staff.request({
      method: 'POST',
      url: `/api/staff/clients/${id}/contacts`,
      payload: { kind: 'email', value: 'not an address' },
    });
    expect(badEmail.json()).toMatchObject({ field: 'body.value' });

    const edited = await staff.request({
      method: 'PATCH',
      url: `/api/staff/clients/${id}/contacts/${telegram.id}`,
      payload: { value: '@romashka54', verified: false },
    });
    expect(edited.json().contacts.find((c: { kind: string }) => c.kind === 'telegram')).toMatchObject({
      value: '@romashka54',
      verified: false,
    });
    const removed = await staff.request({
      method: 'DELETE',
      url: `/api/staff/clients/${id}/contacts/${telegram.id}`,
    });
    expect(removed.json().contacts.some((c: { kind: string }) => c.kind === 'telegram')).toBe(false);

    const audit = (await staff.request({ method: 'GET', url: '/api/staff/audit?entity=client' })).json();
    expect(audit.total).toBe(4);
    const first = audit.items.at(-1);
    expect(first.before).toMatchObject({ kind: 'person', inn: null });
    expect(first.after).toMatchObject({ kind: 'organisation', inn: '5406123456' });
  });

  it('lets only an admin or head set a legal hold, and only with a reason', async () => {
    const { slug, staff, agency } = await agencyWithStaff(harness, ['admin']);
    await submit(slug, { name: 'Петров Пётр', email: 'petrov@example.ru' });
    const id = await clientIdOf(staff, 'Петров');
    const noReason = await staff.request({
      method: 'PUT',
      url: `/api/staff/clients/${id}/legal-hold`,
      payload: { legalHold: true, reason: '  ' },
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('body.reason');
    const held = await staff.request({
      method: 'PUT',
      url: `/api/staff/clients/${id}/legal-hold`,
      payload: { legalHold: true, reason: 'Запрос суда № 2-123/2026' },
    });
    expect(held.json()).toMatchObject({ legalHold: true, legalHoldReason: 'Запрос суда № 2-123/2026' });

    const operator = await operatorOf(agency.slug);
    const denied = await operator.request({
      method: 'PUT',
      url: `/api/staff/clients/${id}/legal-hold`,
      payload: { legalHold: false },
    });
    expect(denied.statusCode).toBe(403);
    const released = await staff.request({
      method: 'PUT',
      url: `/api/staff/clients/${id}/legal-hold`,
      payload: { legalHold: false },
    });
    expect(released.json()).toMatchObject({ legalHold: false, legalHoldReason: null });
  });
});

/** A second staff member of the same agency holding only the operator role. */
async function operatorOf(slug: string) {
  const { services } = harness;
  const agency = await services.agencies.findBySlug(slug);
  if (!agency) throw new Error('no agency');
  const { hashPassword } = await import('../auth/passwords.js');
  const { insertUser, upsertMembership } = await import('../auth/repo.js');
  const email = `op-${Math.random().toString(36).slice(2)}@test.local`;
  const user = await insertUser(services.database.db, {
    email,
    name: 'Оператор',
    passwordHash: await hashPassword('correct horse battery'),
  });
  await upsertMembership(services.database.db, {
    agencyId: agency.id,
    userId: user.id,
    roles: ['operator'],
    active: true,
  });
  return login(harness, email, 'correct horse battery');
}
