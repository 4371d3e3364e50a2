import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { confirmedSubscriber } from '../../testing/mailings.js';
import { multipartBody, SMALL_PDF } from '../../testing/multipart.js';
import { closeCard, preparedCard, receptionDesk } from '../../testing/reception.js';
import { colleague } from '../../testing/surveys.js';
import { consentEventInsert } from '../clients/repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

// The reception desk's booking carries this person's name and phone; the card adds the e-mail.
const NAME = 'Петрова Анна Сергеевна';
const EMAIL = 'petrova@example.org';
const PHONE = '+7 913 000-11-22';

async function portalAppeal(slug: string, text: string, file?: string) {
  const { payload, headers } = multipartBody(
    { kind: 'appeal', text, name: NAME, email: EMAIL, phone: PHONE, notifyByEmail: 'true', consent: 'true' },
    file ? [{ name: file, content: SMALL_PDF, type: 'application/pdf' }] : [],
  );
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    payload,
    headers,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ number: string }>().number;
}

async function clientId(staff: StaffClient) {
  const list = (
    await staff.request({ method: 'GET', url: `/api/staff/clients?q=${encodeURIComponent(EMAIL)}` })
  ).json();
  expect(list.total).toBe(1);
  return list.items[0].id as string;
}

async function requestIdOf(staff: StaffClient, number: string) {
  const list = (await staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` })).json();
  return list.items.find((r: { number: string }) => r.number === number).id as string;
}

const exportOf = (staff: StaffClient, id: string) =>
  staff.request({ method: 'POST', url: `/api/staff/clients/${id}/subject-export` });

describe('152-ФЗ subject export', () => {
  it('holds every kind of record about the person, readable and as JSON, and nothing of another agency', async () => {
    const desk = await receptionDesk(harness);
    const admin = desk.admin;
    const agencyId = desk.agencyId;

    // A portal appeal with a file, answered: a message each way and e-mail notifications.
    const number = await portalAppeal(
      desk.slug,
      'Прошу разъяснить порядок предоставления участка',
      'план участка.pdf',
    );
    const requestId = await requestIdOf(admin, number);
    await admin.request({ method: 'POST', url: `/api/staff/requests/${requestId}/start` });
    const answered = await admin.request({
      method: 'POST',
      url: `/api/staff/requests/${requestId}/answer`,
      payload: { text: 'Порядок разъяснён: заявление подаётся через МФЦ.', form: 'electronic' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const id = await clientId(admin);

    // A call from her phone, a visit to the personal reception, a mailing subscription, a poll.
    const call = await admin.request({
      method: 'POST',
      url: '/api/staff/calls',
      payload: {
        caller: PHONE,
        startedAt: new Date(Date.now() - 3_600_000).toISOString(),
        answered: true,
        durationSec: 95,
      },
    });
    expect(call.statusCode, call.body).toBe(201);
    const { cardId } = await preparedCard(desk, 0);
    expect((await closeCard(desk.official, cardId, { outcome: 'written' })).statusCode).toBe(200);
    await confirmedSubscriber(harness, desk.slug, EMAIL);
    await consentEventInsert(harness.services.database.db, {
      agencyId,
      clientId: id,
      purpose: 'mailing',
      action: 'given',
      channel: 'portal',
      at: new Date(),
    });
    const survey = await admin.request({
      method: 'POST',
      url: '/api/staff/surveys',
      payload: { template: 'mer-nso-appendix-1', slug: 'informatsiya' },
    });
    const surveyId = survey.json().id as string;
    await admin.request({
      method: 'PATCH',
      url: `/api/staff/surveys/${surveyId}`,
      payload: { published: true },
    });
    const poll = await admin.request({
      method: 'POST',
      url: `/api/staff/surveys/${surveyId}/polls`,
      payload: { channel: 'email' },
    });
    expect(poll.statusCode, poll.body).toBe(201);
    // A colleague opens her card: the access log must name them.
    const operator = await colleague(harness, desk.slug, ['operator']);
    expect((await operator.request({ method: 'GET', url: `/api/staff/clients/${id}` })).statusCode).toBe(200);

    // The same person wrote to another agency too: none of that belongs in this agency's answer.
    const other = await agencyWithStaff(harness, ['admin']);
    await portalAppeal(other.slug, 'ЧУЖОЕ обращение в другое ведомство', 'чужой файл.pdf');
    await confirmedSubscriber(harness, other.slug, EMAIL);
    const otherClient = await clientId(other.staff);

    const response = await exportOf(admin, id);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(response.rawPayload);
    const names = Object.keys(zip.files);
    expect(names).toEqual(
      expect.arrayContaining([
        'history.pdf',
        'subject.pdf',
        'subject.json',
        'attachments/план участка.pdf',
        `messages/${number}/01-обращение.txt`,
      ]),
    );
    expect(names.some((name) => name.includes('чужой'))).toBe(false);
    const pdf = await zip.file('subject.pdf')?.async('nodebuffer');
    expect(pdf?.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await zip.file('subject.json')?.async('string')) ?? '';
    const data = JSON.parse(text);

    expect(data.subject).toMatchObject({ id, name: NAME });
    expect(data.subject.contacts.map((c: { value: string }) => c.value)).toEqual(
      expect.arrayContaining([EMAIL, expect.stringContaining('913')]),
    );
    // The portal appeal (with its file and answer) and the reception appeal.
    expect(data.requests).toHaveLength(2);
    const portal = data.requests.find((r: { number: string }) => r.number === number);
    expect(portal).toMatchObject({
      text: 'Прошу разъяснить порядок предоставления участка',
      attachmentNames: ['план участка.pdf'],
      answer: { text: 'Порядок разъяснён: заявление подаётся через МФЦ.' },
    });
    const kinds = new Set(data.interactions.map((e: { kind: string }) => e.kind));
    for (const kind of ['request', 'request_event', 'call', 'reception', 'consent'])
      expect(kinds).toContain(kind);
    expect(data.consents).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'personal_data', action: 'given' }),
        expect.objectContaining({ purpose: 'mailing', action: 'given' }),
      ]),
    );
    expect(data.mailing.subscriptions).toEqual([expect.objectContaining({ email: EMAIL, status: 'active' })]);
    expect(data.mailing.consentLedger.map((e: { event: string }) => e.event)).toEqual(['given', 'confirmed']);
    expect(
      data.notifications.some((m: { subject: string }) =>
        m.subject?.includes(`№ ${number} зарегистрировано`),
      ),
    ).toBe(true);
    expect(data.notifications.every((m: { recipient: string }) => m.recipient === EMAIL)).toBe(true);
    expect(data.surveys.invitations).toHaveLength(1);
    expect(data.surveys.answers).toMatch(/без сведений об отвечавшем/);
    expect(data.accessLog).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'read',
          entity: 'client',
          staff: expect.stringContaining(operator.email),
        }),
      ]),
    );
    expect(text).not.toContain('ЧУЖОЕ');
    expect(text).not.toContain(otherClient);

    // The export is itself audited, so the next one lists it.
    const again = await JSZip.loadAsync((await exportOf(admin, id)).rawPayload);
    const second = JSON.parse((await again.file('subject.json')?.async('string')) ?? '{}');
    expect(second.accessLog.map((e: { entity: string }) => e.entity)).toContain('subject_export');
    // Many fixtures (reception desk, survey, poll, two exports): well past the default on two shared cores.
  }, 120_000);

  it("is for the agency's administrators only, and another agency's get 404", async () => {
    const a = await agencyWithStaff(harness, ['admin']);
    await portalAppeal(a.slug, 'Текст обращения');
    const id = await clientId(a.staff);
    for (const role of ['head', 'operator'] as const) {
      const staff = await colleague(harness, a.slug, [role]);
      expect((await exportOf(staff, id)).statusCode, role).toBe(403);
    }
    const b = await agencyWithStaff(harness, ['admin']);
    const foreign = await exportOf(b.staff, id);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toMatch(/[а-я]/);
  });
});
