import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/credentials.js';
import { startOwnServer } from './support/own-server.js';
import { enrolInDialog } from './support/two-factor.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startOwnServer>>;
beforeAll(async () => {
  server = await startOwnServer({ REQUIRE_TWO_FACTOR_FOR_REGION_ADMINS: 'true' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

it('leads a region administrator without 2FA from the password straight to enrolment, then into the console', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.baseUrl}/console/`);
  await page.getByLabel(/^Электронная почта/).fill(ADMIN_EMAIL);
  await page.getByLabel(/^Пароль/).fill(ADMIN_PASSWORD);
  await page.getByLabel(/^Пароль/).press('Enter');

  const dialog = page.getByRole('dialog', { name: 'Подключение двухфакторной аутентификации' });
  await dialog.getByRole('img', { name: 'QR-код для приложения-аутентификатора' }).waitFor();
  await page
    .getByText(/Администраторы региона входят в Отклик только с кодом/)
    .first()
    .waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/region-two-factor.png` });

  await enrolInDialog(page);
  await page.getByLabel('Текущее ведомство').first().waitFor();
  await expect(page.getByText(/Администраторы региона входят в Отклик/).count()).resolves.toBe(0);
});
