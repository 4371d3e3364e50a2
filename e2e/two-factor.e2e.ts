import { Secret, TOTP } from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { inviteAndSignIn, staffApi } from './support/staff.js';
import { enrolInDialog } from './support/two-factor.js';

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

const statusOf = (page: Page, path: string) => page.evaluate(async (url) => (await fetch(url)).status, path);

it('an agency requires two-factor login of its administrators: turning it on needs one’s own, and an administrator without it can only enrol', async () => {
  const region = await openConsoleAs(browser, inject('baseUrl'), 'Инспекция ОКН НСО');
  const stamp = Date.now();
  const slug = `two-factor-${stamp}`;
  // «Я…» sorts last: a later login of the region administrator does not land in this agency.
  await staffApi(region, 'POST', '/api/staff/region/agencies', {
    slug,
    name: `Ягодное ведомство ${stamp}`,
    shortName: `Ягодное ${stamp}`,
    timezone: 'Asia/Novosibirsk',
  });
  const { currentAgency } = await staffApi<{ currentAgency: string }>(region, 'GET', '/api/auth/session');
  await staffApi(region, 'POST', '/api/auth/agency', { slug });
  const password = 'two factor policy passphrase';
  const { page: first } = await inviteAndSignIn(region, browser, {
    email: `policy-first-${stamp}@e2e.local`,
    name: 'Администратор Первый',
    roles: ['admin'],
    password,
  });
  await staffApi(region, 'POST', '/api/auth/agency', { slug: currentAgency });

  await first.getByRole('link', { name: 'Ведомство', exact: true }).first().click();
  await first
    .getByRole('switch', { name: 'Администраторы входят только с двухфакторной аутентификацией' })
    .check();
  await first.getByRole('button', { name: 'Сохранить' }).click();
  await first.getByText(/Сначала подключите двухфакторную аутентификацию себе/).waitFor();
  expect(await seriousViolations(first)).toEqual([]);

  await first.getByRole('button', { name: 'Меню пользователя Администратор Первый' }).click();
  await first.getByRole('menuitem', { name: 'Двухфакторная аутентификация' }).click();
  await enrolInDialog(first);
  await first.getByRole('button', { name: 'Сохранить' }).click();
  await first.getByText('Изменения сохранены').first().waitFor();
  if (SCREENSHOTS) await first.screenshot({ path: `${SCREENSHOTS}/two-factor-policy.png`, fullPage: true });

  // A second administrator signs in with the password alone: enrolment is all that is open.
  const { page: second } = await inviteAndSignIn(
    first,
    browser,
    { email: `policy-second-${stamp}@e2e.local`, name: 'Администратор Второй', roles: ['admin'], password },
    (page) => page.getByRole('heading', { name: 'Нужна двухфакторная аутентификация' }).waitFor(),
  );
  // The dialog opens at once and says why.
  const enrolment = second.getByRole('dialog', { name: 'Подключение двухфакторной аутентификации' });
  await enrolment.getByText(`Ведомство «Ягодное ведомство ${stamp}» требует`).waitFor();
  expect(await statusOf(second, '/api/staff/agency')).toBe(403);
  expect(await seriousViolations(second)).toEqual([]);
  if (SCREENSHOTS) await second.screenshot({ path: `${SCREENSHOTS}/two-factor-required.png` });
  await enrolInDialog(second);
  await second.getByRole('navigation').first().waitFor();
  expect(await statusOf(second, '/api/staff/agency')).toBe(200);

  await staffApi(first, 'PATCH', '/api/staff/agency', { requireTwoFactorForAdmins: false });
  await Promise.all([region.close(), first.close(), second.close()]);
});
