import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { colleague, createArticle, department, kbArticle, kbSection } from '../../testing/kb.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const articleUrl = (id: string) => `/api/staff/kb/articles/${id}`;

describe('who writes knowledge base articles', () => {
  it('the owning department edits, another department and plain readers may not, kb editors edit any', async () => {
    const { staff: admin } = await agencyWithStaff(harness);
    const legal = await department(admin, 'Правовой отдел');
    const hr = await department(admin, 'Отдел кадров');
    const legalSection = await kbSection(admin, { title: 'НПА', departmentId: legal });
    const hrSection = await kbSection(admin, { title: 'Должностные инструкции', departmentId: hr });
    const lawyer = await colleague(harness, admin, ['operator'], [legal]);
    const clerk = await colleague(harness, admin, ['operator'], [hr]);
    const analyst = await colleague(harness, admin, ['analyst']);
    const editor = await colleague(harness, admin, ['kb_editor']);

    const created = await createArticle(lawyer, {
      sectionId: legalSection,
      kind: 'legal_acts',
      title: '59-ФЗ',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      canEdit: true,
      version: 1,
      createdBy: { name: 'Коллега operator' },
    });

    const edit = { method: 'PATCH' as const, url: articleUrl(id), payload: { title: '59-ФЗ (ред. 2025)' } };
    expect((await lawyer.request(edit)).statusCode).toBe(200);
    const refused = await clerk.request(edit);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain('другое подразделение');
    expect((await analyst.request(edit)).statusCode).toBe(403);
    expect((await createArticle(clerk, { sectionId: legalSection })).statusCode).toBe(403);
    expect((await clerk.request({ method: 'POST', url: `${articleUrl(id)}/archive` })).statusCode).toBe(403);
    // Moving an article needs the right to write in both sections.
    const move = { method: 'PATCH' as const, url: articleUrl(id), payload: { sectionId: hrSection } };
    expect((await lawyer.request(move)).statusCode).toBe(403);
    expect((await clerk.request(move)).statusCode).toBe(403);
    expect((await editor.request(move)).json()).toMatchObject({ sectionId: hrSection, version: 3 });
    expect((await clerk.request(edit)).statusCode).toBe(200);
    // Readers read: the analyst sees it and that they may not edit it.
    expect((await analyst.request({ method: 'GET', url: articleUrl(id) })).json()).toMatchObject({
      canEdit: false,
      section: { id: hrSection, title: 'Должностные инструкции', departmentId: hr },
    });
    const audit = await admin.request({ method: 'GET', url: '/api/staff/audit?entity=kb_article' });
    expect(audit.json().total).toBe(4);
  });
});

describe('article bodies', () => {
  it('strips scripts, event handlers and javascript: links, and keeps the allowed markup', async () => {
    const { staff } = await agencyWithStaff(harness);
    const sectionId = await kbSection(staff);
    const body =
      '<h2 onclick="steal()">Приём</h2><p>Вторник<script>alert(1)</script><img src=x onerror="alert(2)"></p>' +
      '<p><a href="javascript:alert(3)">жми</a> <a href=" JaVaScRiPt:alert(4)">и тут</a> ' +
      '<a href="https://gosuslugi.ru/">Госуслуги</a> <a href="mailto:info@example.ru">почта</a></p>' +
      '<iframe src="https://evil.example"></iframe><table><tr><td style="x">1</td></tr></table>';
    const created = await createArticle(staff, { sectionId, body, tags: [' Приём ', 'приём', 'ГРАФИК'] });
    expect(created.statusCode, created.body).toBe(201);
    const stored = (await staff.request({ method: 'GET', url: articleUrl(created.json().id) })).json();
    expect(stored.body).toBe(
      '<h2>Приём</h2><p>Вторник</p>' +
        '<p><a>жми</a> <a>и тут</a> <a href="https://gosuslugi.ru/">Госуслуги</a> <a href="mailto:info@example.ru">почта</a></p>' +
        '<table><tr><td>1</td></tr></table>',
    );
    // Inert: nothing left that a browser would run.
    expect(stored.body).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<img|style=/i);
    expect(stored.tags).toEqual(['приём', 'график']);
  });

  it('rejects what breaks the rules, in Russian with field paths', async () => {
    const { staff } = await agencyWithStaff(harness);
    const sectionId = await kbSection(staff);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ body: '<script>alert(1)</script>' }, 'body.body', 'Текст статьи пуст'],
      [{ kind: 'services', visibility: 'public' }, 'body.visibility', 'только вопросы-ответы и контакты'],
      [{ kind: 'call_script' }, 'body.scriptStage', 'в начале или в конце звонка'],
      [{ scriptStage: 'greeting' }, 'body.scriptStage', 'только у сценариев звонка'],
      [{ shortBody: 'Коротко' }, 'body.shortBody', 'только у шаблонов'],
      [{ tags: ['ок', 'x'.repeat(41)] }, 'body.tags.1', 'от 1 до 40'],
      [{ tags: Array.from({ length: 21 }, (_, i) => `тег${i}`) }, 'body.tags', 'Не больше 20'],
      [{ kind: 'template', body: '   ' }, 'body.body', 'текст шаблона'],
      [{ sectionId: randomUUID() }, 'body.sectionId', 'Такого раздела'],
      [{ kind: 'poem' }, 'body.kind', ''],
    ];
    for (const [payload, field, message] of cases) {
      const response = await createArticle(staff, { sectionId, ...payload });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().field, JSON.stringify(payload)).toBe(field);
      expect(response.json().message).toContain(message);
      expect(response.json().message).toMatch(/[а-я]/i);
    }
    const ok = await createArticle(staff, { sectionId, kind: 'contacts', visibility: 'public' });
    expect(ok.statusCode).toBe(201);
    const script = await createArticle(staff, { sectionId, kind: 'call_script', scriptStage: 'farewell' });
    expect(script.json()).toMatchObject({ scriptStage: 'farewell' });
  });

  it('keeps links between articles of the agency, both ways, and refuses links elsewhere', async () => {
    const { staff } = await agencyWithStaff(harness);
    const sectionId = await kbSection(staff);
    const target = await kbArticle(staff, { sectionId, title: 'Контакты приёмной', kind: 'contacts' });
    const source = await kbArticle(staff, {
      sectionId,
      title: 'Порядок приёма',
      kind: 'reception',
      body: `<p>Звоните, см. <a href="/console/kb/articles/${target}">контакты</a> и <a href="/console/kb/articles/${target}">ещё раз</a></p>`,
    });
    const from = (await staff.request({ method: 'GET', url: articleUrl(source) })).json();
    expect(from.links).toEqual({
      outgoing: [{ id: target, title: 'Контакты приёмной', kind: 'contacts', active: true }],
      incoming: [],
    });
    const to = (await staff.request({ method: 'GET', url: articleUrl(target) })).json();
    expect(to.links.incoming.map((l: { id: string }) => l.id)).toEqual([source]);

    const other = await agencyWithStaff(harness);
    const foreign = await kbArticle(other.staff, { sectionId: await kbSection(other.staff) });
    for (const id of [foreign, randomUUID()]) {
      const refused = await staff.request({
        method: 'PATCH',
        url: articleUrl(source),
        payload: { body: `<p><a href="/console/kb/articles/${id}">чужая</a></p>` },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ field: 'body.body' });
      expect(refused.json().message).toContain(id);
    }
    // Dropping the link from the body drops the link.
    await staff.request({ method: 'PATCH', url: articleUrl(source), payload: { body: '<p>Звоните.</p>' } });
    expect((await staff.request({ method: 'GET', url: articleUrl(target) })).json().links.incoming).toEqual(
      [],
    );
  });
});

describe('the article list', () => {
  it('filters, sorts and pages, and shows archived articles apart', async () => {
    const { staff } = await agencyWithStaff(harness);
    const owner = await department(staff, 'Отдел приёма');
    const first = await kbSection(staff, { departmentId: owner });
    const second = await kbSection(staff);
    const make = (title: string, extra: Record<string, unknown> = {}) =>
      kbArticle(staff, { sectionId: first, title, ...extra });
    const b = await make('Б. Часы приёма', { kind: 'reception', tags: ['приём'] });
    const a = await make('А. Телефон', { kind: 'contacts', visibility: 'public' });
    const c = await kbArticle(staff, {
      sectionId: second,
      title: 'В. Услуги',
      kind: 'services',
      tags: ['приём'],
    });
    const gone = await make('Г. Устаревшее');
    await staff.request({ method: 'POST', url: `${articleUrl(gone)}/archive` });

    const list = async (query: string) =>
      (await staff.request({ method: 'GET', url: `/api/staff/kb/articles?${query}` })).json();
    const ids = async (query: string) => (await list(query)).items.map((item: { id: string }) => item.id);
    expect(await ids('')).toEqual([a, b, c]);
    expect(await ids('sort=-title')).toEqual([c, b, a]);
    expect(await ids('kind=contacts')).toEqual([a]);
    expect(await ids('tag=Приём')).toEqual([b, c]);
    expect(await ids(`sectionId=${second}`)).toEqual([c]);
    expect(await ids(`departmentId=${owner}`)).toEqual([a, b]);
    expect(await ids('visibility=public')).toEqual([a]);
    expect(await ids('archived=true')).toEqual([gone]);
    const paged = await list('pageSize=2&page=2');
    expect(paged).toMatchObject({ total: 3, page: 2, pages: 2 });
    expect(paged.items.map((item: { id: string }) => item.id)).toEqual([c]);
    await staff.request({ method: 'PATCH', url: articleUrl(a), payload: { title: 'А. Телефоны' } });
    expect((await ids('sort=-updatedAt'))[0]).toBe(a);
    const restored = await staff.request({ method: 'POST', url: `${articleUrl(gone)}/unarchive` });
    expect(restored.json()).toMatchObject({ active: true, version: 3 });
  });

  it('keeps articles within their agency', async () => {
    await expectTenantIsolation(harness, {
      create: async (staffOfA) => kbArticle(staffOfA, { sectionId: await kbSection(staffOfA) }),
      requests: (id) => [
        { method: 'GET', url: articleUrl(id) },
        { method: 'PATCH', url: articleUrl(id), payload: { title: 'Чужая' } },
        { method: 'POST', url: `${articleUrl(id)}/archive` },
        { method: 'POST', url: `${articleUrl(id)}/unarchive` },
        { method: 'GET', url: `${articleUrl(id)}/versions` },
        { method: 'GET', url: `${articleUrl(id)}/versions/1` },
        { method: 'GET', url: `${articleUrl(id)}/diff?from=1&to=1` },
        { method: 'POST', url: `${articleUrl(id)}/versions/1/restore` },
        { method: 'GET', url: `${articleUrl(id)}/attachments/${randomUUID()}` },
        { method: 'DELETE', url: `${articleUrl(id)}/attachments/${randomUUID()}` },
      ],
      lists: ['/api/staff/kb/articles'],
    });
  });
});
