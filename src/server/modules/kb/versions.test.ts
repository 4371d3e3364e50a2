import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { colleague, department, kbArticle, kbSection } from '../../testing/kb.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

describe('article versions', () => {
  it('keeps each save with its author and note, diffs two versions and restores an old one as a new version', async () => {
    const { staff } = await agencyWithStaff(harness);
    const sectionId = await kbSection(staff);
    const id = await kbArticle(staff, {
      sectionId,
      title: 'Часы приёма',
      body: '<p>Приём граждан по вторникам с 9 до 13.</p>',
      tags: ['приём'],
      note: 'первая редакция',
    });
    const edited = await staff.request({
      method: 'PATCH',
      url: `/api/staff/kb/articles/${id}`,
      payload: {
        body: '<p>Приём граждан по <strong>средам</strong> с 9 до 13.</p>',
        tags: ['приём', 'график'],
        visibility: 'public',
        note: 'Приказ № 12',
      },
    });
    expect(edited.json()).toMatchObject({ version: 2 });

    const versions = (
      await staff.request({ method: 'GET', url: `/api/staff/kb/articles/${id}/versions` })
    ).json();
    expect(versions).toMatchObject([
      { version: 2, note: 'Приказ № 12', authorName: expect.stringContaining('Сотрудник') },
      { version: 1, note: 'первая редакция' },
    ]);

    const diff = (
      await staff.request({ method: 'GET', url: `/api/staff/kb/articles/${id}/diff?from=1&to=2` })
    ).json();
    expect(diff.body).toEqual([
      { kind: 'same', text: 'Приём граждан по ' },
      { kind: 'removed', text: 'вторникам' },
      { kind: 'added', text: 'средам' },
      { kind: 'same', text: ' с 9 до 13.' },
    ]);
    expect(diff.title).toEqual([{ kind: 'same', text: 'Часы приёма' }]);
    expect(diff).toMatchObject({
      from: 1,
      to: 2,
      shortBody: null,
      tags: { added: ['график'], removed: [] },
      visibility: { from: 'internal', to: 'public' },
      sectionId: null,
    });

    const restored = await staff.request({
      method: 'POST',
      url: `/api/staff/kb/articles/${id}/versions/1/restore`,
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ version: 3, visibility: 'internal', tags: ['приём'] });
    const [v1, v3] = await Promise.all(
      [1, 3].map(async (n) =>
        (await staff.request({ method: 'GET', url: `/api/staff/kb/articles/${id}/versions/${n}` })).json(),
      ),
    );
    const content = ({ title, body, shortBody, tags, visibility, scriptStage }: typeof v1) => ({
      title,
      body,
      shortBody,
      tags,
      visibility,
      scriptStage,
    });
    expect(content(v3)).toEqual(content(v1));
    expect(v3.note).toBe('Восстановлена версия 1');
    const same = (
      await staff.request({ method: 'GET', url: `/api/staff/kb/articles/${id}/diff?from=1&to=3` })
    ).json();
    expect(same.body.every((part: { kind: string }) => part.kind === 'same')).toBe(true);
  });

  it('diffs the variants of a template, and a version that does not exist is a 404', async () => {
    const { staff } = await agencyWithStaff(harness);
    const id = await kbArticle(staff, {
      sectionId: await kbSection(staff),
      kind: 'template',
      title: 'Ответ',
      body: 'Уважаемый(ая) {{клиент}}!',
    });
    await staff.request({
      method: 'PATCH',
      url: `/api/staff/kb/articles/${id}`,
      payload: { shortBody: '{{клиент}}, спасибо!' },
    });
    const diff = (
      await staff.request({ method: 'GET', url: `/api/staff/kb/articles/${id}/diff?from=1&to=2` })
    ).json();
    expect(diff.shortBody).toEqual([{ kind: 'added', text: '{{клиент}}, спасибо!' }]);
    const missing = await staff.request({ method: 'GET', url: `/api/staff/kb/articles/${id}/versions/9` });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('Версии 9 у этой статьи нет');
  });

  it('lets only those who may edit the article restore a version', async () => {
    const { staff: admin } = await agencyWithStaff(harness);
    const owner = await department(admin, 'Отдел приёма');
    const id = await kbArticle(admin, { sectionId: await kbSection(admin, { departmentId: owner }) });
    const outsider = await colleague(harness, admin, ['operator']);
    const refused = await outsider.request({
      method: 'POST',
      url: `/api/staff/kb/articles/${id}/versions/1/restore`,
    });
    expect(refused.statusCode).toBe(403);
    expect(
      (await outsider.request({ method: 'GET', url: `/api/staff/kb/articles/${id}/versions` })).statusCode,
    ).toBe(200);
  });
});
