import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { kbReviewAgency } from '../../testing/kb-review-fixtures.js';
import { draft, pdfWith, publish, published, siteAgency, uploadTo } from '../../testing/site.js';
import * as repo from './repo.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

interface ListItem {
  id: string;
  title: string;
  sectionTitle: string;
  state: string;
  freshness: string | null;
  publishAt: string | null;
  checkedAt: string | null;
}
interface ListPage {
  total: number;
  page: number;
  pages: number;
  items: ListItem[];
}

const list = async (staff: StaffClient, query = '') => {
  const response = await staff.request({ method: 'GET', url: `/api/staff/site/publications?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ListPage>();
};
const titles = (page: ListPage) => page.items.map((item) => item.title);
const HOUR = 3_600_000;

describe("the editor's list of publications", () => {
  it('pages on the server with the total, the most recently changed first', async () => {
    const a = await siteAgency(harness);
    const news = a.sectionId('news');
    for (const n of [1, 2, 3, 4, 5, 6, 7]) await draft(a.staff, { sectionId: news, title: `Новость ${n}` });

    const first = await list(a.staff, 'pageSize=3');
    expect(first).toMatchObject({ total: 7, page: 1, pages: 3 });
    expect(titles(first)).toEqual(['Новость 7', 'Новость 6', 'Новость 5']);
    const last = await list(a.staff, 'pageSize=3&page=3');
    expect(titles(last)).toEqual(['Новость 1']);
    expect((await list(a.staff, 'pageSize=3&page=4')).items).toEqual([]);
    // The list carries what the table shows, not the bodies.
    expect(Object.keys(first.items[0] as object).sort()).toEqual(
      [
        'checkedAt',
        'freshness',
        'id',
        'publishAt',
        'responsibleUserId',
        'reviewDueOn',
        'sectionId',
        'sectionTitle',
        'slug',
        'state',
        'title',
        'updatedAt',
      ].sort(),
    );
    expect(first.items[0]?.sectionTitle).toBe('Новости');
  });

  it('sorts by title, section, state, publishing and check dates, either way', async () => {
    const a = await siteAgency(harness);
    const db = harness.services.database.db;
    const agencyId = await harness.services.agencies.idBySlug(a.slug);
    const hr = await published(
      a.staff,
      { sectionId: a.sectionId('hr'), title: 'вакансии' },
      new Date(Date.now() - 48 * HOUR),
    );
    const news = await published(
      a.staff,
      { sectionId: a.sectionId('news'), title: 'Бюджет' },
      new Date(Date.now() - 24 * HOUR),
    );
    const later = await draft(a.staff, { sectionId: a.sectionId('documents'), title: 'Акт' });
    await publish(a.staff, later.id, new Date(Date.now() + 24 * HOUR));
    await draft(a.staff, { sectionId: a.sectionId('services'), title: 'Госуслуги' });
    await repo.updatePublication(db, agencyId, news.id, { checkedAt: new Date(Date.now() - HOUR) });
    await repo.updatePublication(db, agencyId, hr.id, { checkedAt: new Date(Date.now() - 5 * HOUR) });

    // Titles ignore case: «вакансии» sorts after «Госуслуги».
    expect(titles(await list(a.staff, 'sort=title'))).toEqual(['Акт', 'Бюджет', 'вакансии', 'Госуслуги']);
    expect(titles(await list(a.staff, 'sort=title&order=desc'))).toEqual([
      'Госуслуги',
      'вакансии',
      'Бюджет',
      'Акт',
    ]);
    // Sections in menu order: news, documents, hr, services.
    expect(titles(await list(a.staff, 'sort=section'))).toEqual(['Бюджет', 'Акт', 'вакансии', 'Госуслуги']);
    const byState = await list(a.staff, 'sort=state');
    expect(byState.items.map((i) => i.state)).toEqual(['draft', 'scheduled', 'published', 'published']);
    // The newest publishing moment first; never published last, whichever way.
    expect(titles(await list(a.staff, 'sort=publishAt'))).toEqual(['Акт', 'Бюджет', 'вакансии', 'Госуслуги']);
    expect(titles(await list(a.staff, 'sort=publishAt&order=asc'))).toEqual([
      'вакансии',
      'Бюджет',
      'Акт',
      'Госуслуги',
    ]);
    const byCheck = titles(await list(a.staff, 'sort=checkedAt'));
    expect(byCheck.slice(0, 2)).toEqual(['Бюджет', 'вакансии']);
    expect(titles(await list(a.staff, 'sort=checkedAt&order=asc')).slice(0, 2)).toEqual([
      'вакансии',
      'Бюджет',
    ]);
  });

  it('filters by section, state, a part of the title and staleness', async () => {
    const a = await siteAgency(harness);
    const db = harness.services.database.db;
    const agencyId = await harness.services.agencies.idBySlug(a.slug);
    const news = a.sectionId('news');
    await draft(a.staff, { sectionId: news, title: 'Черновик о приёме' });
    const live = await published(a.staff, { sectionId: news, title: 'Открыт ПРИЁМ заявлений' });
    const later = await draft(a.staff, { sectionId: news, title: 'Итоги конкурса' });
    await publish(a.staff, later.id, new Date(Date.now() + 2 * HOUR));
    const gone = await published(a.staff, { sectionId: a.sectionId('hr'), title: 'Скидка 50% на приём' });
    await a.staff.request({ method: 'POST', url: `/api/staff/site/publications/${gone.id}/archive` });

    expect(titles(await list(a.staff, `sectionId=${a.sectionId('hr')}`))).toEqual(['Скидка 50% на приём']);
    expect(titles(await list(a.staff, 'state=draft'))).toEqual(['Черновик о приёме']);
    expect(titles(await list(a.staff, 'state=scheduled'))).toEqual(['Итоги конкурса']);
    expect(titles(await list(a.staff, 'state=published'))).toEqual(['Открыт ПРИЁМ заявлений']);
    expect(titles(await list(a.staff, 'state=archived'))).toEqual(['Скидка 50% на приём']);
    // Any case; «%» is a character, not a wildcard.
    expect(titles(await list(a.staff, `q=${encodeURIComponent('  приём ')}&sort=title`))).toEqual([
      'Открыт ПРИЁМ заявлений',
      'Скидка 50% на приём',
      'Черновик о приёме',
    ]);
    expect(titles(await list(a.staff, `q=${encodeURIComponent('50%')}`))).toEqual(['Скидка 50% на приём']);
    expect((await list(a.staff, `q=${encodeURIComponent('%')}&state=draft`)).total).toBe(0);
    const both = await list(a.staff, `q=${encodeURIComponent('приём')}&state=published&sectionId=${news}`);
    expect(titles(both)).toEqual(['Открыт ПРИЁМ заявлений']);

    // Overdue for a re-check: only that one; an archived page is never stale.
    await repo.updatePublication(db, agencyId, live.id, { reviewDueOn: '2026-01-12' });
    await repo.updatePublication(db, agencyId, gone.id, { reviewDueOn: '2026-01-12' });
    const stale = await list(a.staff, 'stale=true');
    expect(titles(stale)).toEqual(['Открыт ПРИЁМ заявлений']);
    expect(stale.items[0]?.freshness).toBe('overdue');
    expect((await list(a.staff, 'stale=false')).total).toBe(4);
    const archived = (await list(a.staff, 'state=archived')).items[0];
    expect(archived?.freshness).toBeNull();
  });

  it('answers bad query parameters with 400, a Russian message and the field', async () => {
    const a = await siteAgency(harness);
    for (const [query, field] of [
      ['sort=popularity', 'query.sort'],
      ['order=up', 'query.order'],
      ['state=deleted', 'query.state'],
      ['sectionId=news', 'query.sectionId'],
      ['stale=maybe', 'query.stale'],
      ['page=0', 'query.page'],
      ['pageSize=1000', 'query.pageSize'],
      [`q=${'я'.repeat(201)}`, 'query.q'],
    ] as const) {
      const response = await a.staff.request({
        method: 'GET',
        url: `/api/staff/site/publications?${encodeURI(query)}`,
      });
      expect(response.statusCode, query).toBe(400);
      const body = response.json<{ message: string; field: string }>();
      expect(body.field, query).toBe(field);
      expect(body.message, query).toMatch(/[а-яё]/i);
    }
  });

  it("shows one agency nothing of another's, even given its section", async () => {
    const a = await siteAgency(harness);
    const b = await siteAgency(harness);
    const ofA = await draft(a.staff, { sectionId: a.sectionId('news'), title: 'Новость агентства А' });
    await draft(b.staff, { sectionId: b.sectionId('news'), title: 'Новость агентства Б' });
    const asB = await list(b.staff);
    expect(titles(asB)).toEqual(['Новость агентства Б']);
    const foreignSection = await list(b.staff, `sectionId=${a.sectionId('news')}`);
    expect(foreignSection).toMatchObject({ total: 0, items: [] });
    expect(JSON.stringify(await list(b.staff, 'q=агентства'))).not.toContain(ofA.id);
  });
});

describe('the staff site answers only declared fields', () => {
  it('describes the answer of every staff site route in the OpenAPI document', async () => {
    const doc = (await harness.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const routes = Object.entries(doc.paths as Record<string, Record<string, { responses: object }>>)
      .filter(([path]) => path.startsWith('/api/staff/site/'))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(routes.length).toBeGreaterThan(15);
    // The file itself is bytes, and a removal answers 204 with no body.
    const withJson = routes.filter(({ path }) => !path.endsWith('/attachments/{attachmentId}'));
    for (const { path, method, op } of withJson) {
      const responses = op.responses as Record<string, { content?: Record<string, { schema?: object }> }>;
      const ok = responses['200'] ?? responses['201'];
      expect(ok?.content?.['application/json']?.schema, `${method} ${path}`).toBeDefined();
    }
  });

  it('keeps the search columns, the agency and the stored files out of the answers', async () => {
    const a = await siteAgency(harness);
    const page = await draft(a.staff, { sectionId: a.sectionId('documents'), title: 'Регламент' });
    const upload = await uploadTo(a.staff, page.id, 'reglament.pdf', await pdfWith('Регламент выдачи'));
    expect(upload.statusCode, upload.body).toBe(201);
    expect(Object.keys(upload.json()[0]).sort()).toEqual(
      ['altText', 'contentType', 'createdAt', 'fileName', 'id', 'image', 'size'].sort(),
    );
    const detail = (
      await a.staff.request({ method: 'GET', url: `/api/staff/site/publications/${page.id}` })
    ).json();
    for (const hidden of ['search', 'searchText', 'agencyId']) expect(detail).not.toHaveProperty(hidden);
    expect(detail).toMatchObject({
      title: 'Регламент',
      state: 'draft',
      status: 'draft',
      reviewIntervalDays: 90,
    });
    expect(detail.attachments[0]).not.toHaveProperty('storageKey');
    expect(detail.attachments[0]).not.toHaveProperty('text');
    expect(detail.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});

describe('accuracy control of sections (seed 000 p. 7.1)', () => {
  it('offers the agency’s active staff as responsible, and saves the official and the interval', async () => {
    const a = await kbReviewAgency(harness);
    const editor = await a.colleague(['site_editor'], [], 'Редактор сайта');
    const official = await a.colleague(['operator'], [], 'Ответственная Анна');
    const other = await siteAgency(harness);
    const people = (await editor.staff.request({ method: 'GET', url: '/api/staff/site/responsibles' })).json<
      { id: string; name: string }[]
    >();
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([editor.id, official.id, a.userId]));
    expect(people.map((p) => p.id)).not.toContain(other.userId);
    expect(people.map((p) => p.name)).toEqual(
      [...people.map((p) => p.name)].sort((x, y) => (x < y ? -1 : 1)),
    );

    const sections = (await editor.staff.request({ method: 'GET', url: '/api/staff/site/sections' })).json();
    const hr = sections.find((s: { slug: string }) => s.slug === 'hr');
    expect(hr).toMatchObject({
      responsibleUserId: null,
      reviewIntervalDays: 90,
      checkedAt: null,
      freshness: 'fresh',
    });

    const saved = await editor.staff.request({
      method: 'PATCH',
      url: `/api/staff/site/sections/${hr.id}`,
      payload: { responsibleUserId: official.id, reviewIntervalDays: 30 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ responsibleUserId: official.id, reviewIntervalDays: 30 });
    // A shorter interval brings the due date nearer: it counts from creation, not from the old date.
    expect(saved.json().reviewDueOn < hr.reviewDueOn).toBe(true);

    const checked = await editor.staff.request({
      method: 'POST',
      url: `/api/staff/site/sections/${hr.id}/checked`,
    });
    expect(checked.statusCode).toBe(200);
    expect(checked.json()).toMatchObject({ checkedBy: editor.id, freshness: 'fresh' });
    expect(checked.json().checkedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('counts a page’s new interval from its last check and sends the notices again for the new date', async () => {
    const a = await siteAgency(harness);
    const db = harness.services.database.db;
    const agencyId = await harness.services.agencies.idBySlug(a.slug);
    const fields = { sectionId: a.sectionId('news'), title: 'Приём граждан', body: '' };
    const page = await draft(a.staff, fields);
    await repo.updatePublication(db, agencyId, page.id, {
      checkedAt: new Date('2026-03-02T05:00:00Z'),
      reviewDueOn: '2026-05-29',
      remindedAt: new Date('2026-05-20T05:00:00Z'),
    });
    const put = (reviewIntervalDays: number) =>
      a.staff.request({
        method: 'PUT',
        url: `/api/staff/site/publications/${page.id}`,
        payload: { ...fields, responsibleUserId: null, reviewIntervalDays },
      });
    // The same interval leaves the due date and the sent reminder alone.
    expect((await put(90)).json()).toMatchObject({ reviewDueOn: '2026-05-29' });
    expect((await put(90)).json().remindedAt).not.toBeNull();
    // 30 days from the check on 2 March is 1 April, a Wednesday.
    const shorter = (await put(30)).json();
    expect(shorter).toMatchObject({ reviewIntervalDays: 30, reviewDueOn: '2026-04-01', remindedAt: null });
  });

  it('refuses someone from outside the agency and an interval over a quarter, in Russian', async () => {
    const a = await siteAgency(harness);
    const other = await siteAgency(harness);
    const url = `/api/staff/site/sections/${a.sectionId('news')}`;
    const stranger = await a.staff.request({
      method: 'PATCH',
      url,
      payload: { responsibleUserId: other.userId, reviewIntervalDays: 30 },
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json()).toMatchObject({
      field: 'body.responsibleUserId',
      message: 'Ответственный должен быть сотрудником ведомства',
    });
    const tooLong = await a.staff.request({
      method: 'PATCH',
      url,
      payload: { responsibleUserId: null, reviewIntervalDays: 365 },
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().field).toBe('body.reviewIntervalDays');
    expect(tooLong.json().message).toMatch(/[а-яё]/i);
  });
});
