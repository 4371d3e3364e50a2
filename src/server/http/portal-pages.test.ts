import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESSIBILITY_COOKIE } from '../../common/accessibility.js';
import { createHarness, type Harness } from '../testing/harness.js';
import { colleague, kbArticle, kbSection } from '../testing/kb.js';
import { published, siteAgency } from '../testing/site.js';

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness({ PUBLIC_URL: 'https://gov.example.ru' });
});
afterAll(() => harness.close());

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const get = (url: string, headers: Record<string, string> = {}) =>
  harness.app.inject({ method: 'GET', url, headers });
const text = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&amp;', '&');
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));

describe('server-rendered portal pages (issue 10 p. 7)', () => {
  // Two dozen publications go through the editor's API first: slow on a loaded machine.
  it('renders home, search with count, pages, sorting and paging links, and a publication — with no script', {
    timeout: 120_000,
  }, async () => {
    const a = await siteAgency(harness);
    const news = a.sectionId('news');
    for (let n = 1; n <= 23; n++) {
      await published(
        a.staff,
        {
          sectionId: news,
          title: `Выплата пособия ${n}`,
          body: `<p>Порядок получения пособий, выпуск ${n}.</p>`,
        },
        daysAgo(n),
      );
    }
    const first = await published(
      a.staff,
      {
        sectionId: news,
        title: 'Новый порядок & сроки',
        summary: 'Что изменилось в <порядке> выплат',
        body: '<p>Подробности о пособии.</p>',
      },
      daysAgo(40),
    );

    const home = await get(`/${a.slug}/`);
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.body).not.toMatch(/<script/i);
    expect(text(home.body)).toContain('Версия для слабовидящих');
    expect(home.body).toMatch(/<h1[^>]*>[^<]*<\/h1>|<h1[\s\S]*?<\/h1>/);
    expect(home.body).toContain('<meta property="og:type" content="website">');
    expect(home.body).toContain(`<meta property="og:url" content="https://gov.example.ru/${a.slug}/">`);
    // The search field is a plain GET form to the search page; the menu links the site's sections.
    expect(home.body).toMatch(new RegExp(`<form[^>]*action="/${a.slug}/search"`));
    expect(hrefs(home.body)).toContain(`/${a.slug}/news`);

    const search = await get(`/${a.slug}/search?q=${encodeURIComponent('пособие')}`);
    expect(search.statusCode).toBe(200);
    expect(text(search.body)).toContain('24 результата, 3 страницы');
    expect(search.body).toContain('<mark>');
    expect(search.body).toMatch(/<title>Поиск: пособие — /);
    const links = hrefs(search.body);
    const q = `q=${encodeURIComponent('пособие')}`;
    expect(links).toContain(`/${a.slug}/search?${q}&sort=date`);
    expect(links).toContain(`/${a.slug}/search?${q}&page=2`);
    expect(links).toContain(`/${a.slug}/search?${q}&page=3`);

    const byDate = await get(`/${a.slug}/search?${q}&sort=date&page=3`);
    const lastPage = text(byDate.body);
    expect(lastPage).toContain('24 результата, 3 страницы');
    // Newest first: the third page holds the four oldest.
    expect(lastPage).toContain('Выплата пособия 23');
    expect(lastPage).toContain('Новый порядок & сроки');
    expect(lastPage).not.toContain('Выплата пособия 1 ');
    expect(byDate.body).toMatch(/aria-current="true"[^>]*>По дате|По дате[\s\S]{0,40}aria-current/);

    const filtered = await get(`/${a.slug}/search?${q}&section=services`);
    expect(text(filtered.body)).toContain('0 результатов, 0 страниц');
    const reversed = await get(`/${a.slug}/search?${q}&from=2026-05-02&to=2026-05-01`);
    expect(text(reversed.body)).toContain('Дата «по» раньше даты «с»');

    const page = await get(`/${a.slug}/news/${first.slug}`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('Подробности о пособии.');
    expect(page.body).toContain('<title>Новый порядок &amp; сроки — ');
    expect(page.body).toContain('<meta property="og:type" content="article">');
    expect(page.body).toContain('<meta property="og:title" content="Новый порядок &amp; сроки — ');
    expect(page.body).toContain(
      '<meta property="og:description" content="Что изменилось в &lt;порядке&gt; выплат">',
    );
    expect(page.body).toContain('<meta name="twitter:card" content="summary">');

    const section = await get(`/${a.slug}/news?page=2`);
    expect(section.statusCode).toBe(200);
    expect(hrefs(section.body)).toContain(`/${a.slug}/news`);
    expect(text(section.body)).toContain('Выплата пособия 21');
  });

  it('labels an FAQ answer among the results and links it to its anchor on the FAQ page', async () => {
    const a = await siteAgency(harness);
    const kb = await colleague(harness, a.staff, ['kb_editor']);
    const answer = await kbArticle(kb, {
      sectionId: await kbSection(kb),
      title: 'Как продлить разрешение на вывеску?',
      body: '<p>Продление вывески оформляется заявлением.</p>',
      visibility: 'public',
    });
    await published(a.staff, { sectionId: a.sectionId('news'), title: 'Новые правила о вывеске' });

    const search = await get(`/${a.slug}/search?q=${encodeURIComponent('вывеска')}`);
    expect(text(search.body)).toContain('2 результата, 1 страница');
    expect(text(search.body)).toContain('Вопрос-ответ Как продлить разрешение на вывеску?');
    expect(hrefs(search.body)).toContain(`/${a.slug}/faq#faq-${answer}`);
    // The section filter offers the FAQ next to the site's sections.
    expect(search.body).toMatch(/<option value="faq"[^>]*>Вопросы и ответы<\/option>/);
    const faqOnly = await get(`/${a.slug}/search?q=${encodeURIComponent('вывеска')}&section=faq`);
    expect(text(faqOnly.body)).toContain('1 результат, 1 страница');

    const faq = await get(`/${a.slug}/faq`);
    expect(faq.body).toContain(`id="faq-${answer}"`);
    expect(text(faq.body)).toContain('Продление вывески оформляется заявлением.');
  });

  it('answers unknown pages and agencies with 404 pages, and keeps the form pages to the script', async () => {
    const a = await siteAgency(harness);
    const missing = await get(`/${a.slug}/news/no-such-page`);
    expect(missing.statusCode).toBe(404);
    expect(text(missing.body)).toContain('Страница не найдена');
    expect((await get(`/${a.slug}/no-such-section`)).statusCode).toBe(404);
    const agency = await get('/no-such-agency/');
    expect(agency.statusCode).toBe(404);
    expect(agency.body).not.toMatch(/<script/i);
    // The request form needs the script: it is not rendered here (503 until the web build exists).
    const form = await get(`/${a.slug}/requests/new`);
    expect(form.body).not.toContain('Версия для слабовидящих');
  });

  it('lets shared caches keep a page a minute, revalidates by ETag, and never shares a visitor’s mode', async () => {
    const a = await siteAgency(harness);
    const first = await get(`/${a.slug}/`);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    expect(first.headers.vary).toContain('Cookie');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"/);
    const again = await get(`/${a.slug}/`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const withMode = await get(`/${a.slug}/`, {
      cookie: `${ACCESSIBILITY_COOKIE}=${encodeURIComponent(JSON.stringify({ enabled: true, scheme: 'white-on-black' }))}`,
    });
    expect(withMode.headers['cache-control']).toBe('private, max-age=60');
    expect(withMode.headers.etag).not.toBe(etag);
  });

  it('switches the version for the visually impaired by a plain form and renders it on the server', async () => {
    const a = await siteAgency(harness);
    const on = await get(
      `/api/public/accessibility?enabled=on&return=${encodeURIComponent(`/${a.slug}/faq`)}`,
    );
    expect(on.statusCode).toBe(303);
    expect(on.headers.location).toBe(`/${a.slug}/faq`);
    const cookie = String(on.headers['set-cookie']).split(';')[0] ?? '';
    expect(cookie).toContain(`${ACCESSIBILITY_COOKIE}=`);

    const page = await get(`/${a.slug}/faq`, { cookie });
    expect(page.body).toMatch(
      /<html lang="ru" data-mantine-color-scheme="light" data-a11y="on"[^>]* data-a11y-font="150"/,
    );
    // The settings panel is a form with radio buttons and «Применить».
    expect(page.body).toMatch(/name="scheme"[^>]*value="white-on-black"/);
    expect(text(page.body)).toContain('Применить');

    const scheme = await get(
      '/api/public/accessibility?scheme=white-on-black&fontSize=200&enabled=on&return=/',
      {
        cookie,
      },
    );
    const next = String(scheme.headers['set-cookie']).split(';')[0] ?? '';
    const styled = await get(`/${a.slug}/`, { cookie: next });
    expect(styled.body).toContain('data-a11y-scheme="white-on-black"');
    expect(styled.body).toContain('data-a11y-font="200"');

    const off = await get('/api/public/accessibility?enabled=off&return=/', { cookie: next });
    const usual = await get(`/${a.slug}/`, { cookie: String(off.headers['set-cookie']).split(';')[0] ?? '' });
    expect(usual.body).not.toContain('data-a11y=');
  });

  it('refuses a return address on another site and unknown settings (hostile input)', async () => {
    for (const back of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
    ]) {
      const response = await get(`/api/public/accessibility?enabled=on&return=${encodeURIComponent(back)}`);
      expect(response.statusCode, back).toBe(400);
      expect(response.headers.location).toBeUndefined();
    }
    const bad = await get('/api/public/accessibility?scheme=%3Cscript%3E');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/[А-Яа-я]/);
    // A forged cookie is read as the usual version, not echoed into the page.
    const forged = await get('/no-such-agency/', {
      cookie: `${ACCESSIBILITY_COOKIE}=${encodeURIComponent('{"enabled":true,"scheme":"\\"><script>"}')}`,
    });
    expect(forged.body).not.toContain('<script>');
    expect(forged.body).toContain('data-a11y-scheme="black-on-white"');
  });
});
