import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { openConsoleAs } from './support/console.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('an analyst starts the seed-001 form from its template, hands out a one-time link, and it answers once', async () => {
  const page = await openConsoleAs(browser, inject('baseUrl'), 'Инспекция ОКН НСО');
  await page.getByRole('navigation').getByRole('link', { name: 'Опросы' }).click();
  await page.getByRole('button', { name: 'Создать из шаблона' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Адрес опроса на сайте/).fill('otsenka-po-ssylke');
  await dialog.getByRole('button', { name: 'Создать' }).click();
  await page.getByRole('heading', { level: 1, name: /^Форма опроса/ }).waitFor();
  await page.getByRole('switch', { name: 'Опубликован' }).check();
  await page.getByRole('switch', { name: /^Только по персональным ссылкам/ }).check();
  await expect(
    page.getByRole('switch', { name: /^Только по персональным ссылкам/ }).isChecked(),
  ).resolves.toBe(true);
  await page.getByRole('tab', { name: 'Персональные ссылки' }).click();
  await page.getByLabel('Сколько ссылок').fill('1');
  await page.getByRole('button', { name: 'Выпустить ссылки' }).click();
  const link = (await page.getByLabel(/^1 ссылка/).inputValue()).trim();
  expect(link).toMatch(/\/giookn-nso\/surveys\/otsenka-po-ssylke#token=[A-Za-z0-9_-]{43}$/);

  const citizen = await (await browser.newContext()).newPage();
  const answerOnce = async () => {
    // A fresh load each time: a link differing only in its fragment would not reload the page.
    await citizen.goto('about:blank');
    await citizen.goto(link);
    await citizen.getByLabel(/^\(12\)/).selectOption({ label: 'город Обь' });
    await citizen.getByRole('radio', { name: 'Скорее удовлетворен', exact: true }).check();
    await citizen.getByRole('button', { name: 'Отправить ответы' }).click();
  };
  await answerOnce();
  await citizen.getByText('Ваши ответы приняты').waitFor();
  await answerOnce();
  await citizen.getByText('По этой ссылке уже ответили').waitFor();
  await citizen.close();
  await page.close();
});
