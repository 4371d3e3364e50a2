import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { EXE, multipartBody, SMALL_PDF } from '../../testing/multipart.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

const letter = (overrides: Record<string, string> = {}) => ({
  kind: 'appeal',
  channel: 'post',
  receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
  text: 'Прошу разобраться с начислением арендной платы за участок.',
  name: 'Зайцева Мария',
  email: '',
  urgent: 'false',
  externalId: `RPO-${Math.random().toString(36).slice(2, 10)}`,
  ...overrides,
});

const storedFiles = async (slug: string) => {
  const agency = await harness.services.agencies.findBySlug(slug);
  try {
    return readdirSync(join(harness.config.dataDir, 'attachments', agency?.id ?? '-')).length;
  } catch {
    return 0;
  }
};

describe('a paper letter registered with its scans', () => {
  it('stores the scanned pages as incoming files of the new request; the same envelope again adds nothing', async () => {
    const { staff, slug } = await agencyWithStaff(harness, ['receptionist']);
    const fields = letter();
    const form = multipartBody(fields, [
      { name: 'страница 1.pdf', content: SMALL_PDF },
      { name: 'страница 2.jpg', content: JPEG },
    ]);
    const response = await staff.request({ method: 'POST', url: '/api/staff/requests', ...form });
    expect(response.statusCode).toBe(201);
    const request = response.json();
    expect(request).toMatchObject({ channel: 'post', kind: 'appeal', contactEmail: null, urgent: false });
    expect(
      request.attachments.map((a: { name: string; kind: string; mimeType: string }) => [
        a.name,
        a.kind,
        a.mimeType,
      ]),
    ).toEqual([
      ['страница 1.pdf', 'incoming', 'application/pdf'],
      ['страница 2.jpg', 'incoming', 'image/jpeg'],
    ]);
    expect(await storedFiles(slug)).toBe(2);

    const again = await staff.request({
      method: 'POST',
      url: '/api/staff/requests',
      ...multipartBody(fields, [{ name: 'страница 1.pdf', content: SMALL_PDF }]),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(request.id);
    expect(again.json().attachments).toHaveLength(2);
    expect(await storedFiles(slug)).toBe(2);
  });

  it('refuses a scan that is not PDF, JPEG or PNG, an invalid field and a reader without the right; nothing is kept', async () => {
    const { staff, slug } = await agencyWithStaff(harness, ['operator']);
    const docx = await staff.request({
      method: 'POST',
      url: '/api/staff/requests',
      ...multipartBody(letter(), [{ name: 'скан.txt', content: 'обычный текст' }]),
    });
    expect(docx.statusCode).toBe(400);
    expect(docx.json()).toMatchObject({
      field: 'body.files',
      message: expect.stringMatching(/PDF, JPEG или PNG/),
    });
    const exe = await staff.request({
      method: 'POST',
      url: '/api/staff/requests',
      ...multipartBody(letter(), [{ name: 'скан.pdf', content: EXE }]),
    });
    expect(exe.statusCode).toBe(400);
    const badDate = await staff.request({
      method: 'POST',
      url: '/api/staff/requests',
      ...multipartBody(letter({ receivedAt: 'вчера' }), [{ name: 'скан.pdf', content: SMALL_PDF }]),
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().field).toBe('body.receivedAt');
    expect(await storedFiles(slug)).toBe(0);

    const { staff: analyst, slug: other } = await agencyWithStaff(harness, ['analyst']);
    const forbidden = await analyst.request({
      method: 'POST',
      url: '/api/staff/requests',
      ...multipartBody(letter(), [{ name: 'скан.pdf', content: SMALL_PDF }]),
    });
    expect(forbidden.statusCode).toBe(403);
    expect(await storedFiles(other)).toBe(0);
    const register = (await staff.request({ method: 'GET', url: '/api/staff/requests' })).json();
    expect(register.total).toBe(0);
  });
});
