import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../../testing/harness.js';
import { draft, publish, published, siteAgency } from '../../testing/site.js';
import { expectTenantIsolation } from '../../testing/tenancy.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness.close());

const get = (url: string) => harness.app.inject({ method: 'GET', url });
const HOUR = 3_600_000;

describe('site content', () => {
  it('gives every agency the standard sections, in the public menu too', async () => {
    const a = await siteAgency(harness);
    const menu = (await get(`/api/public/${a.slug}/site/menu`)).json();
    expect(menu.map((s: { slug: string }) => s.slug)).toEqual([
      'news',
      'plans-reports',
      'documents',
      'hr',
      'services',
      'contacts',
      'disclosure',
    ]);
  });

  it('hides a draft, shows a published page, and shows a scheduled one only from its time', async () => {
    const a = await siteAgency(harness);
    const news = a.sectionId('news');
    const hidden = await draft(a.staff, { sectionId: news, title: 'Черновик новости', body: '<p>Текст</p>' });
    const now = await published(a.staff, { sectionId: news, title: 'Открыт приём заявлений' });
    const later = await draft(a.staff, { sectionId: news, title: 'Итоги конкурса' });
    const at = new Date(Date.now() + 2 * HOUR);
    expect((await publish(a.staff, later.id, at)).state).toBe('scheduled');

    const section = (await get(`/api/public/${a.slug}/site/sections/news`)).json();
    expect(section.items.map((i: { title: string }) => i.title)).toEqual(['Открыт приём заявлений']);
    expect(section.total).toBe(1);
    expect((await get(`/api/public/${a.slug}/site/sections/news/${hidden.slug}`)).statusCode).toBe(404);
    expect((await get(`/api/public/${a.slug}/site/sections/news/${later.slug}`)).statusCode).toBe(404);
    expect((await get(`/api/public/${a.slug}/site/sections/news/${now.slug}`)).statusCode).toBe(200);

    // Three hours on, the scheduled one is there, newest first.
    const after = await harness.services.sitePublic.section(
      a.slug,
      'news',
      1,
      new Date(Date.now() + 3 * HOUR),
    );
    expect(after.items.map((i) => i.title)).toEqual(['Итоги конкурса', 'Открыт приём заявлений']);
  });

  it('sanitises the body, gives readable unique slugs and serves the page with its section for breadcrumbs', async () => {
    const a = await siteAgency(harness);
    const docs = a.sectionId('documents');
    const fields = {
      sectionId: docs,
      title: 'Приказ о выдаче выписки',
      body: '<p onclick="x()">Текст<script>alert(1)</script><a href="javascript:alert(2)">ссылка</a></p>',
    };
    const first = await published(a.staff, fields);
    const second = await published(a.staff, fields);
    expect(first.slug).toBe('prikaz-o-vydache-vypiski');
    expect(second.slug).toBe('prikaz-o-vydache-vypiski-2');
    const page = (await get(`/api/public/${a.slug}/site/sections/documents/${first.slug}`)).json();
    expect(page.html).toBe('<p>Текст<a>ссылка</a></p>');
    expect(page.section).toEqual({ slug: 'documents', title: 'Нормативные правовые акты и документы' });
    // The page lives in its own section only.
    expect((await get(`/api/public/${a.slug}/site/sections/news/${first.slug}`)).statusCode).toBe(404);
  });

  it('lists the 8-ФЗ items no published page discloses', async () => {
    const a = await siteAgency(harness);
    await published(a.staff, { sectionId: a.sectionId('hr'), title: 'Вакансии', disclosureItem: '8b' });
    await draft(a.staff, { sectionId: a.sectionId('hr'), title: 'Конкурсы', disclosureItem: '8g' });
    const checklist = (await a.staff.request({ method: 'GET', url: '/api/staff/site/disclosure' })).json();
    expect(checklist.law).toContain('8-ФЗ');
    const state = Object.fromEntries(
      checklist.items.map((i: { key: string; disclosed: boolean }) => [i.key, i.disclosed]),
    );
    expect(state['8b']).toBe(true);
    expect(state['8g']).toBe(false);
    expect(checklist.items.length).toBeGreaterThan(25);
    const wrong = await a.staff.request({
      method: 'POST',
      url: '/api/staff/site/publications',
      payload: { sectionId: a.sectionId('hr'), title: 'X', body: '', disclosureItem: '99' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().field).toBe('body.disclosureItem');
  });

  it('lets only site editors and administrators edit', async () => {
    const operator = await agencyWithStaff(harness, ['operator']);
    const response = await operator.staff.request({ method: 'GET', url: '/api/staff/site/publications' });
    expect(response.statusCode).toBe(403);
  });

  it('lists published pages in sitemap.xml', async () => {
    const a = await siteAgency(harness);
    const page = await published(a.staff, { sectionId: a.sectionId('news'), title: 'Новость для карты' });
    const hidden = await draft(a.staff, { sectionId: a.sectionId('news'), title: 'Скрытая новость' });
    const response = await get(`/${a.slug}/sitemap.xml`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/xml');
    expect(response.body).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(response.body).toContain(`/${a.slug}/news/${page.slug}</loc>`);
    expect(response.body).toContain(`/${a.slug}/disclosure</loc>`);
    expect(response.body).not.toContain(hidden.slug);
    expect((await get('/no-such-agency/sitemap.xml')).statusCode).toBe(404);
  });

  it("keeps one agency's publications from another's staff", async () => {
    let sectionOfA = '';
    await expectTenantIsolation(harness, {
      roles: ['site_editor'],
      async create(staff) {
        const sections = (await staff.request({ method: 'GET', url: '/api/staff/site/sections' })).json();
        sectionOfA = sections[0].id;
        return (await draft(staff, { sectionId: sectionOfA, title: 'Новость А' })).id;
      },
      requests: (id) => [
        { method: 'GET', url: `/api/staff/site/publications/${id}` },
        { method: 'POST', url: `/api/staff/site/publications/${id}/publish`, payload: {} },
        { method: 'POST', url: `/api/staff/site/publications/${id}/archive` },
        { method: 'POST', url: `/api/staff/site/publications/${id}/checked` },
        { method: 'POST', url: `/api/staff/site/sections/${sectionOfA}/checked` },
      ],
      lists: ['/api/staff/site/publications'],
    });
  });
});
