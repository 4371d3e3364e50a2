import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

async function submitted(staff: StaffClient, text = 'Прошу разъяснить порядок работ', kind = 'appeal') {
  const slug = staff.info.currentAgency ?? '';
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: {
      kind,
      text,
      name: 'Сидорова Анна',
      email: 'sidorova@example.ru',
      notifyByEmail: true,
      consent: true,
    },
  });
  const { number, trackingCode } = response.json();
  const list = (
    await staff.request({ method: 'GET', url: `/api/staff/requests?q=${encodeURIComponent(number)}` })
  ).json();
  return { slug, number, trackingCode, id: list.items[0].id as string };
}

async function topic(staff: StaffClient, name: string, extra: object = {}) {
  return (
    await staff.request({ method: 'POST', url: '/api/staff/topics', payload: { name, ...extra } })
  ).json();
}

const classify = (staff: StaffClient, id: string, payload: object) =>
  staff.request({ method: 'PUT', url: `/api/staff/requests/${id}/classification`, payload });

const days = (from: string, to: string) => (new Date(to).getTime() - new Date(from).getTime()) / 86_400_000;

describe('classifying a request', () => {
  it('sets topic, need, type and the topic’s default department; records an internal event and audit', async () => {
    const boss = await agencyWithStaff(harness, ['admin']);
    const department = (
      await boss.staff.request({ method: 'POST', url: '/api/staff/departments', payload: { name: 'Отдел' } })
    ).json();
    const works = await topic(boss.staff, 'Согласование работ', { defaultDepartmentId: department.id });
    const need = (
      await boss.staff.request({
        method: 'POST',
        url: `/api/staff/topics/${works.id}/needs`,
        payload: { name: 'Выдать задание' },
      })
    ).json();
    const { id } = await submitted(boss.staff);
    const response = await classify(boss.staff, id, {
      topicId: works.id,
      typicalNeedId: need.id,
      requestType: 'statement',
      urgent: false,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      topicId: works.id,
      typicalNeedId: need.id,
      requestType: 'statement',
      departmentId: department.id,
      classifiedBy: boss.userId,
      status: 'registered',
    });
    expect(response.json().classifiedAt).not.toBeNull();
    const event = response.json().events.at(-1);
    expect(event).toMatchObject({
      isPublic: false,
      note: 'Классифицировано: Согласование работ — Выдать задание',
    });
    const audit = (
      await boss.staff.request({ method: 'GET', url: '/api/staff/audit?entity=request' })
    ).json();
    expect(audit.items[0].after).toMatchObject({ topicId: works.id, requestType: 'statement' });

    const filtered = (
      await boss.staff.request({ method: 'GET', url: `/api/staff/requests?topic=${works.id}` })
    ).json();
    expect(filtered.items.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(filtered.items[0].topicId).toBe(works.id);
    const other = await topic(boss.staff, 'Другое');
    expect(
      (await boss.staff.request({ method: 'GET', url: `/api/staff/requests?topic=${other.id}` })).json()
        .total,
    ).toBe(0);
  });

  it('refuses another agency’s topic to an operator, and classification to an analyst', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const other = await agencyWithStaff(harness, ['admin']);
    const foreignTopic = await topic(other.staff, 'Чужая тема');
    const { id } = await submitted(staff);
    const base = { typicalNeedId: null, requestType: 'complaint', urgent: false };
    const foreign = await classify(staff, id, { ...base, topicId: foreignTopic.id });
    expect(foreign.json()).toMatchObject({ error: 'invalid', field: 'body.topicId' });
    const analyst = await agencyWithStaff(harness, ['analyst']);
    const readOnly = await classify(analyst.staff, id, { ...base, topicId: foreignTopic.id });
    expect(readOnly.statusCode).toBe(403);
  });

  it('refuses an archived topic, a need of another topic and a foreign department', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const foreign = await agencyWithStaff(harness, ['admin']);
    const foreignDepartment = (
      await foreign.staff.request({
        method: 'POST',
        url: '/api/staff/departments',
        payload: { name: 'Чужой' },
      })
    ).json();
    const a = await topic(staff, 'Тема А');
    const b = await topic(staff, 'Тема Б');
    const needOfB = (
      await staff.request({
        method: 'POST',
        url: `/api/staff/topics/${b.id}/needs`,
        payload: { name: 'Потребность Б' },
      })
    ).json();
    await staff.request({ method: 'PATCH', url: `/api/staff/topics/${b.id}`, payload: { archived: true } });
    const { id } = await submitted(staff);
    const base = { typicalNeedId: null, requestType: 'proposal', urgent: false };
    const archived = await classify(staff, id, { ...base, topicId: b.id });
    expect(archived.json()).toMatchObject({ error: 'invalid', field: 'body.topicId' });
    const wrongNeed = await classify(staff, id, { ...base, topicId: a.id, typicalNeedId: needOfB.id });
    expect(wrongNeed.json().field).toBe('body.typicalNeedId');
    const wrongDepartment = await classify(staff, id, {
      ...base,
      topicId: a.id,
      departmentId: foreignDepartment.id,
    });
    expect(wrongDepartment.json().field).toBe('body.departmentId');
    const badType = await classify(staff, id, { ...base, topicId: a.id, requestType: 'gossip' });
    expect(badType.statusCode).toBe(400);
    const detail = (await staff.request({ method: 'GET', url: `/api/staff/requests/${id}` })).json();
    expect(detail).toMatchObject({ topicId: null, classifiedAt: null });
  });

  it('shortens the deadline of an urgent appeal, tells the client, and restores it when un-marked', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const t = await topic(staff, 'Срочные');
    const { id, slug, number, trackingCode } = await submitted(staff);
    const before = (await staff.request({ method: 'GET', url: `/api/staff/requests/${id}` })).json();
    const mails = (await harness.outbox()).length;
    const base = { topicId: t.id, typicalNeedId: null, requestType: 'complaint' };

    const urgent = (await classify(staff, id, { ...base, urgent: true })).json();
    expect(urgent.urgent).toBe(true);
    // 59-ФЗ ст. 12 ч. 1.1: 20 days instead of 30 from registration (moved off a day off at most 3 days back).
    expect(days(before.registeredAt, urgent.dueAt)).toBeGreaterThan(16);
    expect(days(before.registeredAt, urgent.dueAt)).toBeLessThanOrEqual(21);
    expect(urgent.dueSource).toMatch(/ч\. 1\.1/);
    const status = (
      await harness.app.inject({
        method: 'GET',
        url: `/api/public/${slug}/requests/${number}?code=${trackingCode}`,
      })
    ).json();
    expect(status.dueAt).toBe(urgent.dueAt);
    expect(status.events.at(-1).note).toMatch(/сокращённый срок/);
    const outbox = await harness.outbox();
    expect(outbox).toHaveLength(mails + 1);
    expect(outbox.at(-1)).toMatch(/сокращённый срок/);

    const normal = (await classify(staff, id, { ...base, urgent: false })).json();
    expect(normal.dueAt).toBe(before.dueAt);
    expect(normal.dueSource).toBe(before.dueSource);
    // Re-confirming without a change of urgency leaves the deadline and the client alone.
    const again = (await classify(staff, id, { ...base, urgent: false })).json();
    expect(again.dueAt).toBe(before.dueAt);
    expect(await harness.outbox()).toHaveLength(mails + 2);
  });

  it('keeps the deadline of a kind without a shortened term and refuses urgency after an extension', async () => {
    const { staff } = await agencyWithStaff(harness, ['admin']);
    const t = await topic(staff, 'Информация');
    const info = await submitted(staff, 'Прошу сообщить план проверок', 'info_request');
    const before = (await staff.request({ method: 'GET', url: `/api/staff/requests/${info.id}` })).json();
    const base = { topicId: t.id, typicalNeedId: null, requestType: 'info_request' };
    const marked = (await classify(staff, info.id, { ...base, urgent: true })).json();
    expect(marked).toMatchObject({ urgent: true, dueAt: before.dueAt });

    const appeal = await submitted(staff);
    await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${appeal.id}/extend`,
      payload: { days: 10, reason: 'Запрос в архив' },
    });
    const refused = await classify(staff, appeal.id, { ...base, requestType: 'complaint', urgent: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().field).toBe('body.urgent');
  });

  it('keeps classification and suggestions to the request’s agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => (await submitted(staff)).id,
      requests: (id) => [
        {
          method: 'PUT',
          url: `/api/staff/requests/${id}/classification`,
          payload: { topicId: id, typicalNeedId: null, requestType: 'complaint', urgent: true },
        },
        { method: 'GET', url: `/api/staff/requests/${id}/suggestions` },
      ],
    });
  });
});
