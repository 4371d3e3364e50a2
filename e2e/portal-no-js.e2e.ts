import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { staffApi } from './support/staff.js';

// Issue 10 p. 7 and 8: reading and searching the agency's site with JavaScript switched off.
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const SLUG = 'minkpo-perm';
const WORD = `лесовосстановление${Date.now().toString(36).replace(/\d/g, '')}`;
const COUNT = 12;
const titleOf = (n: number) => `Отчёт о работе № ${n}`;

async function publishReports() {
  const editor = await openConsoleAs(browser, inject('baseUrl'), 'Минкомипермокруг');
  const sections = await staffApi<{ id: string; slug: string }[]>(editor, 'GET', '/api/staff/site/sections');
  const news = sections.find((section) => section.slug === 'news')?.id;
  for (let n = 1; n <= COUNT; n++) {
    const { id } = await staffApi<{ id: string }>(editor, 'POST', '/api/staff/site/publications', {
      sectionId: news,
      title: titleOf(n),
      summary: `Итоги месяца ${n}`,
      body: `<p>Проведено ${WORD} на участке ${n}.</p>`,
    });
    // Report n is n days old: by date, report 1 comes first.
    const publishAt = new Date(Date.now() - n * 86_400_000).toISOString();
    await staffApi(editor, 'POST', `/api/staff/site/publications/${id}/publish`, { publishAt });
  }
  await editor.context().close();
}

const SHOTS = process.env.E2E_SCREENSHOTS ?? '/work/screenshots';
const PARK = `дендрарий${Date.now().toString(36).replace(/\d/g, '')}`;

/** A picture worth looking at in a screenshot: a gradient with a caption, as a JPEG. */
const photo = () =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="1800" height="900"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#1b5e20"/><stop offset="1" stop-color="#81c784"/></linearGradient></defs><rect width="1800" height="900" fill="url(#g)"/><text x="120" y="480" font-size="120" fill="#fff" font-family="sans-serif">Вход в дендрарий</text></svg>`,
    ),
  )
    .jpeg()
    .toBuffer();

/** Uploads a file to a publication from a signed-in console page, as the editor's form does. */
async function uploadImage(editor: Page, publicationId: string, name: string, content: Buffer) {
  await editor.evaluate(
    async ({ path, name, data }) => {
      const session = await (await fetch('/api/auth/session')).json();
      const form = new FormData();
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      form.append('files', new Blob([bytes], { type: 'image/jpeg' }), name);
      const response = await fetch(path, {
        method: 'POST',
        headers: { 'x-csrf-token': session.csrfToken },
        body: form,
      });
      if (!response.ok) throw new Error(`upload: ${response.status} ${await response.text()}`);
    },
    {
      path: `/api/staff/site/publications/${publicationId}/attachments`,
      name,
      data: content.toString('base64'),
    },
  );
}

/** A public FAQ answer, an internal one on the same subject, and a publication with a picture. */
async function publishParkNews() {
  const editor = await openConsoleAs(browser, inject('baseUrl'), 'Минкомипермокруг');
  const [kbSection] = await staffApi<{ id: string }[]>(editor, 'GET', '/api/staff/kb/sections');
  const answer = await staffApi<{ id: string }>(editor, 'POST', '/api/staff/kb/articles', {
    sectionId: kbSection?.id,
    kind: 'faq',
    title: `Когда открыт ${PARK}?`,
    body: `<p>${PARK} открыт ежедневно с 9 до 18 часов, вход свободный.</p>`,
    visibility: 'public',
  });
  await staffApi(editor, 'POST', '/api/staff/kb/articles', {
    sectionId: kbSection?.id,
    kind: 'faq',
    title: `${PARK}: служебная памятка`,
    body: '<p>Только для сотрудников.</p>',
    visibility: 'internal',
  });
  const sections = await staffApi<{ id: string; slug: string }[]>(editor, 'GET', '/api/staff/site/sections');
  const publication = await staffApi<{ id: string; slug: string }>(
    editor,
    'POST',
    '/api/staff/site/publications',
    {
      sectionId: sections.find((section) => section.slug === 'news')?.id,
      title: `Открыт ${PARK}`,
      summary: 'После реконструкции',
      body: `<p>${PARK} принимает посетителей.</p>`,
    },
  );
  await uploadImage(editor, publication.id, 'вход-в-дендрарий.jpg', await photo());
  await staffApi(editor, 'POST', `/api/staff/site/publications/${publication.id}/publish`, {
    publishAt: null,
  });
  await editor.context().close();
  return { answerId: answer.id, publicationSlug: publication.slug };
}

/** The publication with a picture, once made: axe checks it too. */
let parkNewsPath: string | undefined;

const summary = (page: Page) => page.getByTestId('search-summary').textContent();

it('a visitor without JavaScript searches by Enter and by the button, sorts by date, pages through and opens a publication', async () => {
  await publishReports();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto(`${inject('baseUrl')}/${SLUG}/`);
  await page.getByRole('heading', { level: 1 }).waitFor();

  const field = page.getByRole('searchbox', { name: 'Поиск по сайту' });
  await field.fill(WORD);
  await field.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  await expect(summary(page)).resolves.toBe(`${COUNT} результатов, 2 страницы`);
  await expect(
    page.getByRole('list', { name: 'Результаты поиска' }).getByRole('listitem').count(),
  ).resolves.toBe(10);
  await page.locator('mark', { hasText: WORD }).first().waitFor();

  await page.goto(`${inject('baseUrl')}/${SLUG}/contacts`);
  await page.getByRole('searchbox', { name: 'Поиск по сайту' }).fill(WORD);
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.waitForURL(/\/search\?q=/);
  await expect(summary(page)).resolves.toBe(`${COUNT} результатов, 2 страницы`);

  await page.getByRole('navigation', { name: 'Сортировка' }).getByRole('link', { name: 'По дате' }).click();
  await page.waitForURL(/sort=date/);
  const results = page.getByRole('list', { name: 'Результаты поиска' }).getByRole('heading', { level: 2 });
  await expect(results.first().textContent()).resolves.toBe(titleOf(1));

  await page.getByRole('link', { name: 'Страница 2' }).click();
  await page.waitForURL(/page=2/);
  await expect(summary(page)).resolves.toBe(`${COUNT} результатов, 2 страницы`);
  await expect(results.allTextContents()).resolves.toEqual([titleOf(11), titleOf(12)]);
  await expect(page.getByRole('link', { name: 'Страница 2' }).getAttribute('aria-current')).resolves.toBe(
    'page',
  );

  await page.getByRole('link', { name: titleOf(12) }).click();
  await page.getByRole('heading', { level: 1, name: titleOf(12) }).waitFor();
  await page.getByText(`Проведено ${WORD} на участке 12.`).waitFor();
  await page
    .getByRole('navigation', { name: 'Навигационная цепочка' })
    .getByRole('link', { name: 'Новости' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Новости' }).waitFor();

  // The menu groups open without a script.
  const menu = page.getByRole('navigation', { name: /Меню/i });
  await menu.getByText('Обратная связь').click();
  await expect(menu.getByRole('link', { name: 'Оценить работу' }).isVisible()).resolves.toBe(true);
  expect(scripts).toEqual([]);
  await context.close();
});

it('a visitor without JavaScript finds a public FAQ answer among the results and sees pictures sized for the screen', async () => {
  const { answerId, publicationSlug } = await publishParkNews();
  parkNewsPath = `/${SLUG}/news/${publicationSlug}`;
  mkdirSync(SHOTS, { recursive: true });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${inject('baseUrl')}/${SLUG}/search?q=${PARK}`);
  await expect(summary(page)).resolves.toBe('2 результата, 1 страница');
  const results = page.getByRole('list', { name: 'Результаты поиска' });
  await expect(results.getByText('Вопрос-ответ').count()).resolves.toBe(1);
  await expect(results.getByText('служебная памятка').count()).resolves.toBe(0);
  await page.screenshot({ path: `${SHOTS}/portal-search-faq.png`, fullPage: true });

  await results.getByRole('link', { name: `Когда открыт ${PARK}?` }).click();
  await page.waitForURL(new RegExp(`/${SLUG}/faq#faq-${answerId}$`));
  await expect(page.locator(`#faq-${answerId}`).textContent()).resolves.toContain('открыт ежедневно');

  await context.close();

  // Reading the chosen copy takes a script in the page; the page itself loads none.
  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`${inject('baseUrl')}/${SLUG}/news/${publicationSlug}`);
  const picture = reader.getByRole('img', { name: 'вход в дендрарий' });
  await expect(picture.getAttribute('width')).resolves.toBe('1600');
  await expect(picture.getAttribute('height')).resolves.toBe('800');
  await expect(picture.getAttribute('loading')).resolves.toBe('lazy');
  await picture.scrollIntoViewIfNeeded();
  // 1280 px wide, the text column is 48rem (768 px): Chromium loads the 960-pixel WebP.
  await expect
    .poll(() =>
      picture.evaluate((img: HTMLImageElement) =>
        img.complete && img.naturalWidth > 0 ? img.currentSrc.split('/').pop() : '',
      ),
    )
    .toBe('960.webp');
  await reader.screenshot({ path: `${SHOTS}/portal-publication-image.png`, fullPage: true });
  await reader.context().close();
});

it('switches to the version for the visually impaired and back without JavaScript, remembered across pages', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const html = page.locator('html');
  await page.goto(`${inject('baseUrl')}/${SLUG}/sitemap`);
  await page.getByRole('button', { name: 'Версия для слабовидящих' }).press('Enter');
  const panel = page.getByRole('region', { name: 'Настройки версии для слабовидящих' });
  await panel.waitFor();
  await expect(page.url()).toMatch(/\/sitemap$/);
  await expect(html.getAttribute('data-a11y')).resolves.toBe('on');

  await panel.getByRole('radio', { name: 'Тёмно-синим по голубому' }).check();
  await panel.getByRole('radio', { name: '200 %' }).check();
  await panel.getByRole('button', { name: 'Применить' }).click();
  await page.getByRole('heading', { level: 1, name: 'Карта сайта' }).waitFor();
  await expect(html.getAttribute('data-a11y-scheme')).resolves.toBe('darkblue-on-lightblue');
  await expect(html.getAttribute('data-a11y-font')).resolves.toBe('200');
  await expect(
    page.getByRole('button', { name: 'Версия для слабовидящих' }).getAttribute('aria-pressed'),
  ).resolves.toBe('true');

  await page.getByRole('link', { name: 'На главную' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expect(html.getAttribute('data-a11y-scheme')).resolves.toBe('darkblue-on-lightblue');

  await panel.getByRole('button', { name: 'Обычная версия' }).click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expect(html.getAttribute('data-a11y')).resolves.toBeNull();
  await context.close();
});

async function axeOn(context: BrowserContext, paths: string[]) {
  const page = await context.newPage();
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(`${inject('baseUrl')}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    for (const violation of await seriousViolations(page)) found.push(`${path}: ${violation}`);
  }
  await page.close();
  return found;
}

it('the server-rendered pages are axe-clean in the usual version and in the version for the visually impaired', async () => {
  // axe runs as a script in the page, so this context allows scripts; the pages themselves load none.
  const paths = [
    `/${SLUG}/`,
    `/${SLUG}/search?q=${WORD}&sort=date`,
    `/${SLUG}/search?q=${PARK}`,
    `/${SLUG}/news`,
    `/${SLUG}/faq`,
    `/${SLUG}/sitemap`,
    ...(parkNewsPath ? [parkNewsPath] : []),
  ];
  const usual = await browser.newContext();
  expect(await axeOn(usual, paths)).toEqual([]);
  await usual.close();

  const accessible = await browser.newContext();
  const switcher = await accessible.newPage();
  await switcher.goto(
    `${inject('baseUrl')}/api/public/accessibility?enabled=on&scheme=white-on-black&fontSize=200&return=/${SLUG}/`,
  );
  await expect(switcher.locator('html').getAttribute('data-a11y-scheme')).resolves.toBe('white-on-black');
  await switcher.close();
  expect(await axeOn(accessible, paths)).toEqual([]);
  await accessible.close();
});
