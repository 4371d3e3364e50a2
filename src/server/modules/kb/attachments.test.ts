import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { colleague, department, kbArticle, kbSection } from '../../testing/kb.js';
import { EXE, multipartBody, SMALL_PDF } from '../../testing/multipart.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  // Small limits, so the size check is tried without megabytes of test data.
  harness = await createHarness({ ATTACHMENT_MAX_BYTES: '2048' });
});
afterAll(() => harness.close());

const upload = (staff: StaffClient, articleId: string, name: string, content: Buffer) =>
  staff.request({
    method: 'POST',
    url: `/api/staff/kb/articles/${articleId}/attachments`,
    ...multipartBody({}, [{ name, content }]),
  });

const storedFiles = (agencyId: string) => {
  try {
    return readdirSync(join(harness.config.dataDir, 'attachments', agencyId));
  } catch {
    return [];
  }
};

async function agencyIdOf(staff: StaffClient) {
  return (await harness.services.agencies.findBySlug(staff.info.currentAgency ?? ''))?.id ?? '';
}

describe('article attachments', () => {
  it('uploads a form under a safe name, lists and serves it, and removes it', async () => {
    const { staff } = await agencyWithStaff(harness);
    const id = await kbArticle(staff, { sectionId: await kbSection(staff) });
    const created = await upload(staff, id, '../../etc/passwd.pdf', SMALL_PDF);
    expect(created.statusCode, created.body).toBe(201);
    const [file] = created.json();
    expect(file).toMatchObject({ name: 'passwd.pdf', mimeType: 'application/pdf', size: SMALL_PDF.length });
    const windows = await upload(staff, id, 'C:\\Документы\\заявление.pdf', SMALL_PDF);
    expect(windows.json()[0].name).toBe('заявление.pdf');
    const nameless = await upload(staff, id, '../..', SMALL_PDF);
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().field).toBe('body.files');

    const article = (await staff.request({ method: 'GET', url: `/api/staff/kb/articles/${id}` })).json();
    expect(article.attachments.map((a: { name: string }) => a.name)).toEqual(['passwd.pdf', 'заявление.pdf']);
    const download = await staff.request({
      method: 'GET',
      url: `/api/staff/kb/articles/${id}/attachments/${file.id}`,
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(SMALL_PDF)).toBe(true);
    expect(download.headers['content-disposition']).toBe("attachment; filename*=UTF-8''passwd.pdf");
    expect(download.headers['x-content-type-options']).toBe('nosniff');

    const agencyId = await agencyIdOf(staff);
    expect(storedFiles(agencyId)).toHaveLength(2);
    const removed = await staff.request({
      method: 'DELETE',
      url: `/api/staff/kb/articles/${id}/attachments/${file.id}`,
    });
    expect(removed.statusCode).toBe(204);
    expect(storedFiles(agencyId)).toHaveLength(1);
    const audit = await staff.request({ method: 'GET', url: '/api/staff/audit?entity=kb_attachment' });
    expect(audit.json().total).toBe(3);
  });

  it('refuses files over the size limit and of forbidden types, leaving nothing stored', async () => {
    const { staff } = await agencyWithStaff(harness);
    const id = await kbArticle(staff, { sectionId: await kbSection(staff) });
    const big = await upload(staff, id, 'большой.pdf', Buffer.concat([SMALL_PDF, Buffer.alloc(4096, 0x20)]));
    expect(big.statusCode).toBe(400);
    expect(big.json()).toMatchObject({ field: 'body.files', error: 'file_too_large' });
    const exe = await upload(staff, id, 'бланк.pdf', EXE);
    expect(exe.statusCode).toBe(400);
    expect(exe.json()).toMatchObject({ field: 'body.files', error: 'file_type_not_allowed' });
    expect(storedFiles(await agencyIdOf(staff))).toEqual([]);
  });

  it('lets only those who may edit the article add or remove files; every reader downloads', async () => {
    const { staff: admin } = await agencyWithStaff(harness);
    const owner = await department(admin, 'Правовой отдел');
    const id = await kbArticle(admin, { sectionId: await kbSection(admin, { departmentId: owner }) });
    const [file] = (await upload(admin, id, 'приказ.pdf', SMALL_PDF)).json();
    const outsider = await colleague(harness, admin, ['operator']);
    expect((await upload(outsider, id, 'ещё.pdf', SMALL_PDF)).statusCode).toBe(403);
    const removal = { method: 'DELETE' as const, url: `/api/staff/kb/articles/${id}/attachments/${file.id}` };
    expect((await outsider.request(removal)).statusCode).toBe(403);
    const read = await outsider.request({
      method: 'GET',
      url: `/api/staff/kb/articles/${id}/attachments/${file.id}`,
    });
    expect(read.statusCode).toBe(200);
    expect(storedFiles(await agencyIdOf(admin))).toHaveLength(1);
  });

  it('keeps files within their agency', async () => {
    let articleId = '';
    await expectTenantIsolation(harness, {
      create: async (staffOfA) => {
        articleId = await kbArticle(staffOfA, { sectionId: await kbSection(staffOfA) });
        return (await upload(staffOfA, articleId, 'форма.pdf', SMALL_PDF)).json()[0].id;
      },
      requests: (id) => [
        { method: 'GET', url: `/api/staff/kb/articles/${articleId}/attachments/${id}` },
        { method: 'DELETE', url: `/api/staff/kb/articles/${articleId}/attachments/${id}` },
        {
          method: 'POST',
          url: `/api/staff/kb/articles/${articleId}/attachments`,
          ...multipartBody({}, [{ name: 'x.pdf', content: SMALL_PDF }]),
        },
      ],
    });
  });
});
