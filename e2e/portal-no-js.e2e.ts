import type { Browser, BrowserContext, Page } from 'playwright-core';
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
    `/${SLUG}/news`,
    `/${SLUG}/faq`,
    `/${SLUG}/sitemap`,
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
