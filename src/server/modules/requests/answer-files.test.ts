import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { multipartBody, SMALL_PDF } from '../../testing/multipart.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const appeal = {
  kind: 'appeal',
  text: 'Прошу разъяснить порядок согласования работ <script>alert("x")</script> на фасаде.',
  name: 'Кузнецова Анна',
  email: 'kuznetsova@example.ru',
  notifyByEmail: true,
  consent: true,
};

async function submitted(slug: string, staff: StaffClient, files = true) {
  const fields = Object.fromEntries(Object.entries(appeal).map(([k, v]) => [k, String(v)]));
  const form = multipartBody(fields, files ? [{ name: 'фото фасада.pdf', content: SMALL_PDF }] : []);
  const response = await harness.app.inject({
    method: 'POST',
    url: `/api/public/${slug}/requests`,
    ...form,
  });
  expect(response.statusCode, response.body).toBe(201);
  const { number, trackingCode } = response.json();
  const list = await staff.request({ method: 'GET', url: `/api/staff/requests?q=${number}` });
  return { id: list.json().items[0].id as string, number, trackingCode };
}

const uploadAnswerFile = (staff: StaffClient, id: string, name: string, content: Buffer) =>
  staff.request({
    method: 'POST',
    url: `/api/staff/requests/${id}/attachments`,
    ...multipartBody({}, [{ name, content }]),
  });

describe('the answer with files and the signature', () => {
  it('mails the answer text, the signature and the files; the status page shows the answer', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const signed = await staff.request({
      method: 'PUT',
      url: '/api/staff/profile/signature',
      payload: { signature: 'С уважением,\nглавный специалист Петров П. П.' },
    });
    expect(signed.json()).toEqual({ signature: 'С уважением,\nглавный специалист Петров П. П.' });
    const { id, number, trackingCode } = await submitted(slug, staff);

    const upload = await uploadAnswerFile(staff, id, 'разъяснение.pdf', SMALL_PDF);
    expect(upload.statusCode, upload.body).toBe(201);
    expect(upload.json()).toMatchObject([
      { name: 'разъяснение.pdf', kind: 'answer', mimeType: 'application/pdf' },
    ]);

    const answered = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/answer`,
      payload: { text: 'Работы согласуются в порядке, описанном в приложении.', form: 'electronic' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const full =
      'Работы согласуются в порядке, описанном в приложении.\n\nС уважением,\nглавный специалист Петров П. П.';
    expect(answered.json().answerText).toBe(full);
    expect(
      answered
        .json()
        .attachments.map((a: { kind: string }) => a.kind)
        .sort(),
    ).toEqual(['answer', 'incoming']);

    const mail = (await harness.outboxMails()).find(
      (m) => m.subject?.includes(`№ ${number} — `) && m.text?.includes('согласуются'),
    );
    expect(mail?.text).toContain(full);
    expect(mail?.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['разъяснение.pdf', 'application/pdf'],
    ]);
    expect(mail?.attachments[0]?.content.equals(SMALL_PDF)).toBe(true);

    const status = await harness.app.inject({
      method: 'GET',
      url: `/api/public/${slug}/requests/${number}?code=${trackingCode}`,
    });
    expect(status.json().events.at(-1)).toMatchObject({ status: 'answered', note: full });
  });

  it('keeps a script in the text verbatim as data: JSON carries it as text, nothing executes it', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const { id } = await submitted(slug, staff, false);
    const card = await staff.request({ method: 'GET', url: `/api/staff/requests/${id}` });
    expect(card.headers['content-type']).toContain('application/json');
    expect(card.json().text).toBe(appeal.text);
  });

  it('refuses staff uploads of a forbidden type and an upload without files', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const { id } = await submitted(slug, staff, false);
    const exe = await uploadAnswerFile(
      staff,
      id,
      'ответ.pdf',
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300)]),
    );
    expect(exe.json()).toMatchObject({ error: 'file_type_not_allowed', field: 'body.files' });
    const none = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/attachments`,
      ...multipartBody({ note: 'x' }),
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().field).toBe('body.files');
  });

  it("takes back a file of an answer not yet sent, but never the client's file or a sent one", async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const { id } = await submitted(slug, staff);
    const [wrong] = (await uploadAnswerFile(staff, id, 'не тот.pdf', SMALL_PDF)).json();
    const [right] = (await uploadAnswerFile(staff, id, 'тот.pdf', SMALL_PDF)).json();
    const remove = (fileId: string) =>
      staff.request({ method: 'DELETE', url: `/api/staff/requests/${id}/attachments/${fileId}` });
    const agency = await harness.services.agencies.findBySlug(slug);
    const onDisk = () => readdirSync(join(harness.config.dataDir, 'attachments', agency?.id ?? '')).length;
    const before = onDisk();
    expect((await remove(wrong.id)).statusCode).toBe(204);
    expect(onDisk()).toBe(before - 1);
    const card = (await staff.request({ method: 'GET', url: `/api/staff/requests/${id}` })).json();
    expect(card.attachments.map((a: { name: string }) => a.name).sort()).toEqual([
      'тот.pdf',
      'фото фасада.pdf',
    ]);
    const incoming = card.attachments.find((a: { kind: string }) => a.kind === 'incoming');
    expect((await remove(incoming.id)).json()).toMatchObject({ error: 'attachment_kept' });
    // The answer's files together stay within the limit (5 by default): one is there, five more are too many.
    const many = Array.from({ length: 5 }, (_, n) => ({ name: `лист ${n}.pdf`, content: SMALL_PDF }));
    const tooMany = await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/attachments`,
      ...multipartBody({}, many),
    });
    expect(tooMany.json()).toEqual({
      error: 'too_many_files',
      message: 'К ответу — не больше 5 файлов',
      field: 'body.files',
    });

    await staff.request({
      method: 'POST',
      url: `/api/staff/requests/${id}/answer`,
      payload: { text: 'Ответ', form: 'written' },
    });
    expect((await remove(right.id)).statusCode).toBe(409);
    const download = await staff.request({
      method: 'GET',
      url: `/api/staff/requests/${id}/attachments/${right.id}`,
    });
    expect(download.rawPayload.equals(SMALL_PDF)).toBe(true);
  });

  it("does not show or take files of another agency's request", async () => {
    await expectTenantIsolation(harness, {
      async create(staffOfA) {
        const slug = staffOfA.info.currentAgency ?? '';
        const { id } = await submitted(slug, staffOfA);
        const card = await staffOfA.request({ method: 'GET', url: `/api/staff/requests/${id}` });
        return `${id}/attachments/${card.json().attachments[0].id}`;
      },
      requests: (path) => [
        { method: 'GET', url: `/api/staff/requests/${path}` },
        { method: 'DELETE', url: `/api/staff/requests/${path}` },
        {
          method: 'POST',
          url: `/api/staff/requests/${path.split('/')[0]}/attachments`,
          ...multipartBody({}, [{ name: 'a.pdf', content: SMALL_PDF }]),
        },
      ],
    });
  });
});

describe('intake schema (property)', () => {
  it('answers any form or JSON body with 201/200 or a 4xx carrying a Russian message and a field; never 5xx', async () => {
    const { slug } = await agencyWithStaff(harness);
    const value = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('true', 'false', 'appeal', 'info_request', ''),
    );
    const form = fc.dictionary(
      fc.constantFrom(
        'kind',
        'text',
        'name',
        'email',
        'phone',
        'notifyByEmail',
        'consent',
        'website',
        'extra',
      ),
      value,
    );
    await fc.assert(
      fc.asyncProperty(form, fc.boolean(), async (fields, asJson) => {
        const response = await harness.app.inject(
          asJson
            ? { method: 'POST', url: `/api/public/${slug}/requests`, payload: fields }
            : { method: 'POST', url: `/api/public/${slug}/requests`, ...multipartBody(fields) },
        );
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          const body = response.json();
          expect(body.message).toMatch(/[а-яё]/i);
          expect(body.field ?? 'body').toMatch(/^(body|headers)/);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('accepts any well-formed text the same way as JSON and as a form, storing it as sent (trimmed)', async () => {
    const { slug, staff } = await agencyWithStaff(harness);
    const text = fc
      .string({ unit: 'grapheme', minLength: 1, maxLength: 300 })
      .filter((t) => /\S/.test(t) && !t.includes('\u0000') && !t.includes('\ufffd') && t.trim().length > 0);
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), async (t, asJson) => {
        const fields = { kind: 'appeal', text: t, name: 'Тестов Тест', consent: 'true' };
        const response = await harness.app.inject(
          asJson
            ? { method: 'POST', url: `/api/public/${slug}/requests`, payload: { ...fields, consent: true } }
            : { method: 'POST', url: `/api/public/${slug}/requests`, ...multipartBody(fields) },
        );
        expect(response.statusCode, response.body).toBe(201);
        const list = await staff.request({
          method: 'GET',
          url: `/api/staff/requests?q=${response.json().number}`,
        });
        const card = await staff.request({
          method: 'GET',
          url: `/api/staff/requests/${list.json().items[0].id}`,
        });
        expect(card.json().text).toBe(t.trim());
      }),
      { numRuns: 25 },
    );
  });
});
