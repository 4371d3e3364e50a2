import { Secret, TOTP } from 'otpauth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { inviteAndSignIn } from './support/staff.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

it('a colleague turns on two-factor login from the QR dialog and signs in with a code; the admin sees it in the audit and resets it', async () => {
  const admin = await openConsoleAs(browser, inject('baseUrl'), 'Инспекция ОКН НСО');
  const colleague = {
    email: `two-factor-${Date.now()}@e2e.local`,
    name: 'Оператор Второйфактор',
    roles: ['operator'],
    password: 'two factor e2e passphrase',
  };
  const { page } = await inviteAndSignIn(admin, browser, colleague);

  await page.getByRole('button', { name: `Меню пользователя ${colleague.name}` }).click();
  await page.getByRole('menuitem', { name: 'Двухфакторная аутентификация' }).click();
  const dialog = page.getByRole('dialog', { name: 'Подключение двухфакторной аутентификации' });
  await dialog.getByRole('img', { name: 'QR-код для приложения-аутентификатора' }).waitFor();
  const secret = (await dialog.getByLabel('Секретный ключ').innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/two-factor-enrol.png` });

  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  await dialog.getByLabel(/^Код подтверждения/).fill(totp.generate());
  await dialog.getByRole('button', { name: 'Подключить' }).click();
  const codes = page.getByRole('dialog', { name: 'Коды восстановления' });
  await codes.getByRole('listitem').first().waitFor();
  await expect(codes.getByRole('listitem').count()).resolves.toBe(10);
  expect(await seriousViolations(page, '[role="dialog"]')).toEqual([]);
  await codes.getByRole('button', { name: 'Я сохранил коды' }).click();
  await codes.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: `Меню пользователя ${colleague.name}` }).click();
  await page.getByRole('menuitem', { name: 'Выйти' }).click();
  await page.getByLabel(/^Электронная почта/).fill(colleague.email);
  await page.getByLabel(/^Пароль/).fill(colleague.password);
  await page.getByLabel(/^Пароль/).press('Enter');
  const code = page.getByLabel(/^Код подтверждения/);
  await code.waitFor();
  await page.getByText('Пароль верный. Для входа нужен ещё код подтверждения.').waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  // The enrolment code's step is spent; the next step's code is new.
  await code.fill(totp.generate({ timestamp: Date.now() + 30_000 }));
  await code.press('Enter');
  await page.getByRole('navigation').first().waitFor();

  await admin.getByRole('link', { name: 'Журнал аудита' }).first().click();
  await admin.getByRole('tab', { name: 'Входы и сессии' }).click();
  await admin
    .getByRole('cell', { name: new RegExp(colleague.email) })
    .first()
    .waitFor();
  expect(await seriousViolations(admin)).toEqual([]);
  await admin.getByRole('combobox', { name: 'Событие' }).click();
  await admin.getByRole('option', { name: 'Включён второй фактор' }).click();
  await admin
    .getByRole('cell', { name: new RegExp(colleague.email) })
    .first()
    .waitFor();
  expect(await seriousViolations(admin)).toEqual([]);
  if (SCREENSHOTS) await admin.screenshot({ path: `${SCREENSHOTS}/auth-events.png`, fullPage: true });

  // A lost phone: the administrator resets the colleague's second factor from their access card.
  await admin.getByRole('link', { name: 'Сотрудники' }).first().click();
  await admin.getByRole('searchbox', { name: 'Поиск' }).fill(colleague.email);
  await admin.getByRole('button', { name: `Изменить: ${colleague.name}` }).click();
  const card = admin.getByRole('dialog', { name: 'Доступ сотрудника' });
  await card.getByText('Двухфакторная аутентификация включена.').waitFor();
  expect(await seriousViolations(admin, '[role="dialog"]')).toEqual([]);
  await card.getByRole('button', { name: 'Сбросить второй фактор' }).click();
  await card.waitFor({ state: 'detached' });
  await admin
    .getByText(/Второй фактор сброшен/)
    .first()
    .waitFor();
  await page.close();
  await admin.close();
});
