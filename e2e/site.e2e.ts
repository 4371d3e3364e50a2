import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { renderPdf } from '../src/server/lib/pdf.js';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';

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
