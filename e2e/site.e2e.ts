import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { renderPdf } from '../src/server/lib/pdf.js';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { staffApi } from './support/staff.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const SLUG = 'mer-nso';
const TITLE = `Порядок выдачи справок ${Date.now()}`;

async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

it('an editor publishes a news item with a PDF; a visitor finds it by a word form with Enter and with the button and opens it', async () => {
  const editor = await openConsoleAs(browser, inject('baseUrl'), 'Минэкономразвития НСО');
  await editor.getByRole('link', { name: 'Сайт', exact: true }).first().click();
  await editor.getByRole('heading', { level: 1, name: 'Сайт' }).waitFor();
  await editor.getByRole('link', { name: 'Новая публикация' }).click();
  await choose(editor, 'Раздел сайта', 'Новости');
  await editor.getByRole('textbox', { name: 'Заголовок' }).fill(TITLE);
  await editor.getByRole('textbox', { name: 'Текст' }).click();
  await editor.keyboard.type('Справки выдаются в день обращения.');
  await editor.getByRole('button', { name: 'Сохранить' }).click();
  await editor.getByRole('heading', { level: 1, name: TITLE }).waitFor();

  const pdf = join(tmpdir(), 'reglament.pdf');
  writeFileSync(pdf, await renderPdf({ content: ['Административный регламент кадастровой оценки'] }));
  await editor.locator('input[type=file]').setInputFiles(pdf);
  await editor.getByRole('link', { name: 'reglament.pdf' }).waitFor();
  await editor.getByRole('button', { name: 'Опубликовать сейчас' }).click();
  await editor.getByText('Опубликована').waitFor();
  await editor.close();

  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/${SLUG}/`);
  const field = page.getByRole('searchbox', { name: 'Поиск по сайту' });
  // A word form of the title, started by Enter.
  await field.fill('справку');
  await field.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Поиск по сайту' }).waitFor();
  await page.getByRole('link', { name: TITLE }).waitFor();
  await expect(page.getByTestId('search-summary').textContent()).resolves.toMatch(
    /\d+ результат\S*, \d+ страниц/,
  );
  expect(await seriousViolations(page)).toEqual([]);

  // A word from inside the PDF, started by the button.
  await field.fill('регламенты кадастровой');
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByText('1 результат, 1 страница').waitFor();
  await page.locator('mark', { hasText: 'регламент' }).first().waitFor();
  await page.getByRole('navigation', { name: 'Сортировка' }).getByRole('link', { name: 'По дате' }).click();
  await page.waitForURL(/sort=date/);
  await page.getByRole('link', { name: TITLE }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByText(/reglament\.pdf/).waitFor();
  await page.getByText(/PDF, \d+ КБ/).waitFor();
  await page
    .getByRole('navigation', { name: 'Навигационная цепочка' })
    .getByRole('link', { name: 'Новости' })
    .waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // The same page in the version for the visually impaired.
  await page.getByRole('button', { name: 'Версия для слабовидящих' }).press('Enter');
  const panel = page.getByRole('region', { name: 'Настройки версии для слабовидящих' });
  await panel.getByRole('radio', { name: 'Белым по чёрному' }).check();
  await panel.getByRole('button', { name: 'Применить' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await expect(page.locator('html').getAttribute('data-a11y')).resolves.toBe('on');
  await expect(page.locator('html').getAttribute('data-a11y-scheme')).resolves.toBe('white-on-black');
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

it('an editor finds publications in a paged, sorted, filtered list that survives a reload, and assigns a section its responsible official', async () => {
  const editor = await openConsoleAs(browser, inject('baseUrl'), 'Минэкономразвития НСО');
  const sections = await staffApi<{ id: string; slug: string }[]>(editor, 'GET', '/api/staff/site/sections');
  const news = sections.find((section) => section.slug === 'news')?.id;
  const marker = `Сводка${Date.now().toString(36).replace(/\d/g, '')}`;
  for (let n = 1; n <= 27; n++) {
    await staffApi(editor, 'POST', '/api/staff/site/publications', {
      sectionId: news,
      title: `${marker} № ${String(n).padStart(2, '0')}`,
      body: '',
    });
  }
  await editor.goto(`${inject('baseUrl')}/console/site`);
  await editor.getByRole('heading', { level: 1, name: 'Сайт' }).waitFor();

  const search = editor.getByRole('textbox', { name: 'Поиск по заголовку' });
  await search.fill(marker.toLowerCase());
  await search.press('Enter');
  await editor.getByText('Всего 27 записей').waitFor();
  const table = editor.getByRole('table').first();
  const firstTitle = () => table.getByRole('row').nth(1).getByRole('link').textContent();
  // Most recently changed first, 25 to a page.
  await expect.poll(firstTitle).toBe(`${marker} № 27`);
  await editor.getByRole('button', { name: 'Страница 2' }).click();
  await editor.waitForURL(/page=2/);
  await expect.poll(() => table.getByRole('row').count()).toBe(3);

  // Sorting by title starts from page 1; a second press reverses it.
  const titleHeader = editor.getByRole('columnheader', { name: 'Заголовок' });
  await titleHeader.getByRole('button').click();
  await editor.waitForURL(/sort=title/);
  await expect.poll(() => titleHeader.getAttribute('aria-sort')).toBe('ascending');
  await expect.poll(firstTitle).toBe(`${marker} № 01`);
  await titleHeader.getByRole('button').press('Enter');
  await expect.poll(() => titleHeader.getAttribute('aria-sort')).toBe('descending');
  await expect.poll(firstTitle).toBe(`${marker} № 27`);
  expect(await seriousViolations(editor)).toEqual([]);
  await editor.screenshot({ path: join(tmpdir(), 'site-publications-list.png'), fullPage: true });

  // A reload keeps the search, the sort and the direction.
  await editor.reload();
  await expect.poll(firstTitle).toBe(`${marker} № 27`);
  await expect(search.inputValue()).resolves.toBe(marker.toLowerCase());
  await expect(
    editor.getByRole('columnheader', { name: 'Заголовок' }).getAttribute('aria-sort'),
  ).resolves.toBe('descending');

  // None of them is due for a check yet: nothing found, which is not «no publications».
  await editor.getByRole('checkbox', { name: 'Только требующие проверки' }).click();
  await editor.waitForURL(/stale=1/);
  await editor.getByText('Ничего не найдено').waitFor();
  await editor.getByRole('button', { name: 'Сбросить' }).click();
  await editor.waitForURL((url) => !url.search.includes('q='));

  // The «Новости» section gets a responsible official and a 30-day interval.
  const [person] = await staffApi<{ id: string; name: string }[]>(
    editor,
    'GET',
    '/api/staff/site/responsibles',
  );
  await editor.getByRole('button', { name: 'Изменить ответственного и срок: Новости' }).click();
  const dialog = editor.getByRole('dialog', { name: 'Контроль актуальности: Новости' });
  await choose(editor, 'Ответственный за актуальность', person?.name as string);
  const interval = dialog.getByRole('textbox', { name: 'Проверять каждые, дней' });
  // An empty interval is refused in Russian under the field (a number over 92 is clamped to it).
  await interval.fill('');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await dialog.getByText('Укажите целое число дней от 1 до 92').waitFor();
  expect(await seriousViolations(editor)).toEqual([]);
  await interval.fill('30');
  await editor.screenshot({ path: join(tmpdir(), 'site-section-editor.png') });
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await dialog.waitFor({ state: 'detached' });
  const row = editor.getByRole('row', { name: /^Новости/ });
  await row.getByText(person?.name as string).waitFor();
  await row.getByText('каждые 30 дней').waitFor();
  await row.getByText('Не проверялся').waitFor();
  await row.getByRole('button', { name: 'Отметить раздел «Новости» как проверенный' }).click();
  // The checked-on date appears where «Не проверялся» was.
  await row.locator('time').waitFor();
  await expect(row.getByText('Не проверялся').count()).resolves.toBe(0);
  await editor
    .getByRole('heading', { name: 'Разделы сайта: контроль актуальности' })
    .scrollIntoViewIfNeeded();
  await editor.screenshot({ path: join(tmpdir(), 'site-sections.png'), fullPage: true });

  // A page has its own responsible official, kept after a reload.
  await editor.getByRole('link', { name: `${marker} № 27` }).click();
  await editor.getByRole('heading', { level: 1, name: `${marker} № 27` }).waitFor();
  await choose(editor, 'Ответственный за актуальность', person?.name as string);
  const saved = editor.waitForResponse(
    (response) => response.request().method() === 'PUT' && response.url().includes('/api/staff/site/'),
  );
  await editor.getByRole('button', { name: 'Сохранить' }).click();
  expect((await saved).status()).toBe(200);
  await editor.reload();
  const responsible = editor.getByRole('combobox', { name: 'Ответственный за актуальность' });
  await expect.poll(() => responsible.inputValue()).toBe(person?.name);
  expect(await seriousViolations(editor)).toEqual([]);
  await editor.screenshot({ path: join(tmpdir(), 'site-publication-editor.png'), fullPage: true });

  // «Актуальность сайта» reads the same answers: the section's official and the page's.
  await editor.goto(`${inject('baseUrl')}/console/site-freshness`);
  await editor
    .getByRole('row', { name: /^Новости/ })
    .getByText(person?.name as string)
    .waitFor();
  await editor
    .getByRole('row', { name: new RegExp(`^${marker} № 27`) })
    .getByText(person?.name as string)
    .waitFor();
  await editor.screenshot({ path: join(tmpdir(), 'site-freshness.png') });
  await editor.close();
});

it('an editor describes a picture for blind visitors, and the portal reads the description instead of the file name', async () => {
  const editor = await openConsoleAs(browser, inject('baseUrl'), 'Минэкономразвития НСО');
  const sections = await staffApi<{ id: string; slug: string }[]>(editor, 'GET', '/api/staff/site/sections');
  const title = `Открытие сквера ${Date.now()}`;
  const created = await staffApi<{ id: string; slug: string }>(
    editor,
    'POST',
    '/api/staff/site/publications',
    {
      sectionId: sections.find((section) => section.slug === 'news')?.id,
      title,
      body: '<p>Сквер открыт для горожан.</p>',
    },
  );
  await editor.goto(`${inject('baseUrl')}/console/site/${created.id}`);
  await editor.getByRole('heading', { level: 1, name: title }).waitFor();

  const photo = join(tmpdir(), 'DSC_0042.jpg');
  writeFileSync(
    photo,
    await sharp({ create: { width: 800, height: 500, channels: 3, background: '#3a7d44' } })
      .jpeg()
      .toBuffer(),
  );
  await editor.locator('input[type=file]').setInputFiles(photo);
  const item = editor.getByRole('listitem').filter({ hasText: 'DSC_0042.jpg' });
  await item.getByText('Нет описания').waitFor();
  const description = item.getByRole('textbox', { name: 'Описание изображения (для незрячих)' });
  const text = 'Жители сажают липы вдоль аллеи нового сквера';
  await description.fill(text);
  expect(await seriousViolations(editor)).toEqual([]);
  await editor.screenshot({ path: join(tmpdir(), 'site-image-alt-missing.png'), fullPage: true });
  await item.getByRole('button', { name: 'Сохранить описание: DSC_0042.jpg' }).click();
  // Saved: the flag goes, and the text is what the server now holds.
  await expect.poll(() => item.getByText('Нет описания').count()).toBe(0);
  await editor.reload();
  await expect
    .poll(() =>
      editor
        .getByRole('listitem')
        .filter({ hasText: 'DSC_0042.jpg' })
        .getByRole('textbox', { name: 'Описание изображения (для незрячих)' })
        .inputValue(),
    )
    .toBe(text);
  expect(await seriousViolations(editor)).toEqual([]);
  await editor.screenshot({ path: join(tmpdir(), 'site-image-alt.png'), fullPage: true });
  await editor.getByRole('button', { name: 'Опубликовать сейчас' }).click();
  await editor.getByText('Опубликована').waitFor();
  await editor.close();

  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/${SLUG}/news/${created.slug}`);
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await expect(page.getByRole('img', { name: text }).count()).resolves.toBe(1);
  await expect(page.getByRole('img', { name: 'DSC 0042' }).count()).resolves.toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: join(tmpdir(), 'site-image-alt-portal.png'), fullPage: true });
  await page.close();
});
