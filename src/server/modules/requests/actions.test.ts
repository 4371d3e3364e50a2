import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

async function submitted(staff: StaffClient, kind = 'appeal', notifyByEmail = true) {
  const slug = staff.info.currentAgency ?? '';
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload: {
      kind,
      text: 'Прошу разъяснить порядок согласования работ',
      name: 'Сидорова Анна',
      email: 'sidorova@example.ru',
      notifyByEmail,
      consent: true,
    },
  });
  const { number, trackingCode } = response.json();
  const list = (
    await staff.request({ method: 'GET', url: `/api/staff/requests?q=${encodeURIComponent(number)}` })
  ).json();
  return { slug, number, trackingCode, id: list.items[0].id as string };
}

const act = (staff: StaffClient, id: string, action: string, payload: object = {}) =>
  staff.request({ method: 'POST', url: `/api/staff/requests/${id}/${action}`, payload });

describe('request lifecycle through the API', () => {
  it('assigns, starts, extends once, answers and closes; the client sees public events and gets e-mails', async () => {
    const { staff, userId } = await agencyWithStaff(harness, ['admin']);
    const department = (
      await staff.request({
        method: 'POST',
        url: '/api/staff/departments',
        payload: { name: 'Отдел охраны' },
      })
    ).json();
    const { slug, number, trackingCode, id } = await submitted(staff);
    const mailsBefore = (await harness.outbox()).length;

    const assigned = await act(staff, id, 'assign', { departmentId: department.id, assigneeId: userId });
    expect(assigned.json()).toMatchObject({
      status: 'assigned',
      departmentId: department.id,
      assigneeId: userId,
    });
    expect((await act(staff, id, 'start')).json().status).toBe('in_progress');

    const before = assigned.json().dueAt;
    const extended = await act(staff, id, 'extend', { days: 30, reason: 'Нужен запрос в архив' });
    expect(extended.json().status).toBe('extended');
    const shift = (new Date(extended.json().dueAt).getTime() - new Date(before).getTime()) / 86_400_000;
    expect(shift).toBeGreaterThan(26);
    expect(shift).toBeLessThanOrEqual(30);
    const again = await act(staff, id, 'extend', { days: 5, reason: 'Ещё раз' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/Нельзя продлить срок/);

    const answered = await act(staff, id, 'answer', {
      text: 'Согласование проводится в течение 30 дней.',
      form: 'electronic',
    });
    expect(answered.json()).toMatchObject({ status: 'answered', answerForm: 'electronic' });
    expect((await act(staff, id, 'close')).json().status).toBe('closed');

    const status = (
      await harness.app.inject({
        method: 'GET',
        url: `/api/public/${slug}/requests/${number}?code=${trackingCode}`,
      })
    ).json();
    expect(status.events.map((e: { status: string }) => e.status)).toEqual([
      'received',
      'registered',
      'assigned',
      'in_progress',
      'extended',
      'answered',
      'closed',
    ]);
    expect(status.events.find((e: { status: string }) => e.status === 'extended').note).toMatch(
      /Причина: Нужен запрос в архив/,
    );

    const mails = (await harness.outbox())
      .slice(mailsBefore)
      .filter((m) => m.includes('sidorova@example.ru'));
    expect(mails.map((m) => m.match(/Subject: .* — (.*)/)?.[1])).toEqual([
      'назначен исполнитель',
      'на рассмотрении',
      'срок рассмотрения продлён',
      'дан ответ',
      'закрыто',
    ]);
    expect(mails[3]).toContain('Согласование проводится в течение 30 дней.');

    const audit = (await staff.request({ method: 'GET', url: '/api/staff/audit?entity=request' })).json();
    expect(audit.total).toBe(5);
  });

  it('refuses an information request only with an 8-ФЗ ground, and leaves an appeal without answer only with a 59-ФЗ ground', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const grounds = (await staff.request({ method: 'GET', url: '/api/staff/request-grounds' })).json();
    expect(grounds.appeal.length).toBeGreaterThanOrEqual(5);
    expect(grounds.info_request.length).toBeGreaterThanOrEqual(4);
    expect(grounds.appeal.every((g: { unverified: unknown }) => typeof g.unverified === 'boolean')).toBe(
      true,
    );
    expect(grounds.info_request.some((g: { unverified: boolean }) => g.unverified)).toBe(true);
    const infoGround = grounds.info_request[0].code;
    const appealGround = grounds.appeal[0].code;

    const info = await submitted(staff, 'info_request', false);
    const wrongList = await act(staff, info.id, 'refuse', { groundCode: appealGround, reason: 'x' });
    expect(wrongList.statusCode).toBe(400);
    expect(wrongList.json().field).toBe('body.groundCode');
    const noReason = await act(staff, info.id, 'refuse', { groundCode: infoGround, reason: ' ' });
    expect(noReason.json().field).toBe('body.reason');
    const refused = await act(staff, info.id, 'refuse', {
      groundCode: infoGround,
      reason: 'Запрос не позволяет понять, какие сведения нужны.',
    });
    expect(refused.json()).toMatchObject({ status: 'refused', groundCode: infoGround });

    const appeal = await submitted(staff, 'appeal', false);
    const infoOnAppeal = await act(staff, appeal.id, 'refuse', { groundCode: infoGround, reason: 'x' });
    expect(infoOnAppeal.statusCode).toBe(400);
    const left = await act(staff, appeal.id, 'leave-without-answer', {
      groundCode: appealGround,
      reason: 'Текст не поддаётся прочтению.',
    });
    expect(left.json().status).toBe('left_without_answer');
    const status = (
      await harness.app.inject({
        method: 'GET',
        url: `/api/public/${appeal.slug}/requests/${appeal.number}?code=${appeal.trackingCode}`,
      })
    ).json();
    const first = grounds.appeal[0];
    expect(status.events.at(-1).note).toContain(first.unverified ? `${first.title} (59-ФЗ)` : first.citation);
  });

  it('rejects illegal transitions with a clear message and changes nothing', async () => {
    const { staff } = await agencyWithStaff(harness, ['operator']);
    const { id } = await submitted(staff, 'appeal', false);
    const start = await act(staff, id, 'start');
    expect(start.statusCode).toBe(409);
    expect(start.json()).toEqual({
      error: 'illegal_transition',
      message: 'Нельзя взять в работу: обращение в статусе «зарегистрировано»',
    });
    const close = await act(staff, id, 'close');
    expect(close.statusCode).toBe(409);
    expect((await staff.request({ method: 'GET', url: `/api/staff/requests/${id}` })).json().status).toBe(
      'registered',
    );
  });

  it('assigns only to departments and members of the same agency; analysts cannot act', async () => {
    const { staff } = await agencyWithStaff(harness, ['head']);
    const other = await agencyWithStaff(harness);
    const foreignDepartment = (
      await other.staff.request({
        method: 'POST',
        url: '/api/staff/departments',
        payload: { name: 'Чужой отдел' },
      })
    ).json();
    const { id } = await submitted(staff, 'appeal', false);
    const badDepartment = await act(staff, id, 'assign', {
      departmentId: foreignDepartment.id,
      assigneeId: null,
    });
    expect(badDepartment.json().field).toBe('body.departmentId');
    const badUser = await act(staff, id, 'assign', { departmentId: null, assigneeId: other.userId });
    expect(badUser.json().field).toBe('body.assigneeId');

    const analyst = await agencyWithStaff(harness, ['analyst']);
    const own = await submitted(analyst.staff, 'appeal', false);
    expect((await act(analyst.staff, own.id, 'start')).statusCode).toBe(403);
  });

  it('keeps request actions inside their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staff) => (await submitted(staff, 'appeal', false)).id,
      requests: (id) => [
        {
          method: 'POST',
          url: `/api/staff/requests/${id}/answer`,
          payload: { text: 'Чужой ответ', form: 'electronic' },
        },
        { method: 'POST', url: `/api/staff/requests/${id}/close`, payload: {} },
      ],
    });
  });
});
