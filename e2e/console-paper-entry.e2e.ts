import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { openConsoleAs } from './support/console.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('an operator types two paper questionnaires of the seed-001 form by their codes, keyboard only', async () => {
  const page = await openConsoleAs(browser, inject('baseUrl'), 'Минэкономразвития НСО');
  await page.getByRole('navigation').getByRole('link', { name: 'Опросы' }).click();
  await page.getByRole('link', { name: /^Форма опроса для проведения оценки/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Форма опроса/ }).waitFor();
  await page.getByRole('link', { name: 'Ввод бумажных анкет' }).click();
  const first = page.getByLabel(/^\(12\)/);
  await first.waitFor();
  // The server is shared by the e2e files: other journeys may have answered this form too.
  const responses = () =>
    page.evaluate(async () => {
      const surveys = await (await fetch('/api/staff/surveys')).json();
      return surveys.find((s: { slug: string }) => s.slug === 'informatsiya').responses as number;
    });
  const before = await responses();

  for (const sheet of [1, 2]) {
    // Enter moves from box to box in the order of the form; Enter in the last box saves.
    await first.focus();
    for (const value of ['31', '', '1', '2', '', '', '', '2', '', '', '']) {
      if (value) await page.keyboard.type(value);
      await page.keyboard.press('Enter');
    }
    await page.keyboard.type('Не нашёл контакты');
    await page.keyboard.press('Enter');
    await page.getByText(sheet === 1 ? 'Введена 1 анкета' : 'Введено 2 анкеты').waitFor();
    await expect(first.inputValue()).resolves.toBe('');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('entry-12');
  }

  await expect(responses()).resolves.toBe(before + 2);
  await page.close();
});
