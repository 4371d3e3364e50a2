import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/credentials.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('an administrator logs in, edits a touchpoint in the console and sees it on the portal', async () => {
  const baseUrl = inject('baseUrl');
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/console/`);

  await page.getByLabel(/^Электронная почта/).fill(ADMIN_EMAIL);
  await page.getByLabel(/^Пароль/).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();

  // The administrator works in all four agencies: switch away and back with the agency switcher.
  await page.getByRole('link', { name: 'Точки взаимодействия' }).first().waitFor();
  const switcher = page.getByLabel('Текущее ведомство').first();
  for (const shortName of ['ДИЗО НСО', 'Инспекция ОКН НСО']) {
    await switcher.click();
    await page.getByRole('option', { name: new RegExp(`^${shortName}`) }).click();
    await page.getByText(`Вы работаете в ведомстве «${shortName}»`).first().waitFor();
  }

  await page.getByRole('link', { name: 'Точки взаимодействия' }).first().click();
  await page.getByRole('button', { name: 'Изменить: Телефон' }).click();
  const dialog = page.getByRole('dialog');
  const value = dialog.getByLabel('Адрес или номер');
  await value.fill('+7 (383) 228-63-59');
  // The phone gets opening hours of its own (a default Monday–Friday 09:00–18:00 week).
  await dialog.getByLabel('Собственные часы работы').check();
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await dialog.waitFor({ state: 'detached' });
  await expect(page.getByRole('cell', { name: '+7 (383) 228-63-59' }).count()).resolves.toBe(1);

  const portal = await (await browser.newContext()).newPage();
  await portal.goto(`${baseUrl}/giookn-nso/contacts`);
  await portal.getByRole('heading', { level: 1 }).waitFor();
  const phone = portal.getByRole('link', { name: /\+7 \(383\) 228-63-59/ }).first();
  await phone.waitFor();
  expect(await phone.getAttribute('href')).toBe('tel:+73832286359');
  // Agency hours are Mon–Thu 09–18, Fri 09–17: this line can only come from the phone's own hours.
  await portal
    .getByText(/Пн–Пт 09:00–18:00/)
    .first()
    .waitFor();

  // The change is in the audit log with its author.
  await page.getByRole('link', { name: 'Журнал аудита' }).first().click();
  await page.getByRole('cell', { name: ADMIN_EMAIL }).first().waitFor();
  // Dates are typed day first, whatever the browser's locale (headless Chromium is en-US).
  const filtered = page.waitForRequest((request) => request.url().includes('from=2026-03-05'));
  await page.getByRole('textbox', { name: 'С даты' }).fill('05.03.2026');
  await page.getByRole('textbox', { name: 'С даты' }).press('Enter');
  await filtered;
  await page.close();
  await portal.close();
});
