import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/credentials.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const TITLE = 'Как получить выписку из реестра объектов культурного наследия';

/** Picks an option of a Mantine select found by its label, and waits for its list to close. */
async function choose(page: Page, label: string, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

it('an editor writes an FAQ article, changes it, sees what changed in its history and finds it by another word form', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/console/`);
  await page.getByLabel(/^Электронная почта/).fill(ADMIN_EMAIL);
  await page.getByLabel(/^Пароль/).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();

  await page.getByRole('link', { name: 'База знаний' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'База знаний' }).waitFor();
  // The starter knowledge base of the preset agency is there from the first start.
  await page.getByText('стартовый').first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // A section made by mistake can go while it is empty.
  await page.getByRole('button', { name: 'Добавить раздел' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Название раздела' }).fill('Временный раздел');
  await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Удалить: Временный раздел' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Да, удалить' }).click();
  await page.getByRole('button', { name: 'Удалить: Временный раздел' }).waitFor({ state: 'detached' });
  expect(await page.getByText('Временный раздел', { exact: true }).count()).toBe(0);

  await page.getByRole('button', { name: 'Добавить статью' }).click();
  await page.getByRole('heading', { level: 1, name: 'Новая статья' }).waitFor();
  await choose(page, 'Раздел', /^Вопросы и ответы/);
  await choose(page, 'Вид материала', 'Вопросы и ответы');
  await page.getByRole('textbox', { name: 'Заголовок' }).fill(TITLE);
  const body = page.getByRole('textbox', { name: 'Текст' });
  await body.click();
  await page.keyboard.type('Выписка выдаётся по письменному запросу в течение 30 дней.');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

  await page.getByRole('button', { name: 'Изменить', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Правка статьи' }).waitFor();
  await page.getByRole('textbox', { name: 'Текст' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' Запрос можно подать через портал.');
  await page.getByRole('textbox', { name: 'Комментарий к правке' }).fill('Добавлен способ подачи');
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();

  // Version 2 carries its note; its diff shows the added sentence as inserted words.
  await page.getByRole('cell', { name: 'Добавлен способ подачи' }).waitFor();
  await page.getByRole('button', { name: 'Что изменилось в версии 2' }).click();
  const diff = page.getByRole('region', { name: /Изменения: версия 1 → 2/ });
  await diff.locator('ins', { hasText: 'портал' }).first().waitFor();
  expect(await diff.locator('del').count()).toBe(0);

  // Russian morphology: «выписки» and «реестре» find «выписку» and «реестра».
  await page.getByRole('link', { name: 'Поиск по базе знаний' }).first().click();
  await page.getByRole('textbox', { name: 'Что найти' }).fill('выписки о реестре');
  await page.getByRole('textbox', { name: 'Что найти' }).press('Enter');
  const found = page.getByRole('button', { name: new RegExp(TITLE) });
  await found.waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await found.click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.close();
});
