import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('a citizen rates the agency from the menu with the keyboard alone and sees the thanks', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/dizo-nso/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const menu = page.getByRole('navigation', { name: /Меню/i });
  // Seed 000 p. 6.2: the feedback entries are one group of the menu.
  await menu.getByText('Обратная связь').click();
  await menu.getByRole('link', { name: 'Оценить работу' }).click();
  await page.getByRole('heading', { level: 1, name: 'Оценить работу' }).waitFor();
  await page.getByRole('radio', { name: '1' }).first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // Sending nothing shows the Russian error at the question.
  await page.getByRole('button', { name: 'Отправить ответы' }).press('Enter');
  await page.getByText('Ответьте, пожалуйста, на этот вопрос').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // Keyboard only: focus is on the score; arrows move between 1…5, Tab to the comment.
  await page.getByRole('radio', { name: '1' }).first().focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: '4' }).isChecked()).resolves.toBe(true);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Быстро ответили на вопрос');
  await page.getByRole('button', { name: 'Отправить ответы' }).press('Enter');
  await page.getByText('Ваши ответы приняты').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

it('a visitor answers the seed-001 form; a score of 2 brings the follow-up in the seed words', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/mer-nso/surveys/informatsiya`);
  await page.getByRole('button', { name: 'Отправить ответы' }).waitFor();
  const followUp = page.getByLabel(/^Уточните, пожалуйста, какую конкретно информацию Вы не нашли/);
  await expect(followUp.count()).resolves.toBe(0);
  await page
    .getByLabel(/^\(12\) Муниципальный район или городской округ/)
    .selectOption({ label: 'город Бердск' });
  await page.getByRole('radio', { name: 'Скорее удовлетворен', exact: true }).check();
  await page
    .getByRole('radiogroup', { name: '(23.1) Официальный сайт ведомства' })
    .getByRole('radio', { name: '2' })
    .check();
  await followUp.fill('Не нашёл график приёма');
  expect(await seriousViolations(page)).toEqual([]);
  // The same form in the version for the visually impaired (seed 000) stays axe-clean.
  await page.getByRole('button', { name: 'Версия для слабовидящих' }).press('Enter');
  const panel = page.getByRole('region', { name: 'Настройки версии для слабовидящих' });
  await panel.getByRole('radio', { name: 'Белым по чёрному' }).check();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Отправить ответы' }).click();
  await page.getByText('Ваши ответы приняты').waitFor();
  await page.close();
});
