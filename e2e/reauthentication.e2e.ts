import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/credentials.js';
import { startOwnServer } from './support/own-server.js';
import { staffApi } from './support/staff.js';

let browser: Browser;
let server: Awaited<ReturnType<typeof startOwnServer>>;
beforeAll(async () => {
  server = await startOwnServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;

/** Moves the administrator's sessions back in time, as if minutes had passed. */
const ageAdminSessions = (column: 'reauthenticated_at' | 'last_active_at', minutes: number) =>
  server.withDatabase((db) =>
    db.execute(
      sql`update sessions set ${sql.raw(column)} = now() - make_interval(mins => ${minutes})
          where user_id = (select id from users where lower(email) = ${ADMIN_EMAIL})`,
    ),
  );

it('asks an administrator for the password before a role change and saves it without a second click; an idle session lands on sign-in with the reason', async () => {
  const admin = await openConsoleAs(browser, server.baseUrl, 'Инспекция ОКН НСО');
  const colleague = { email: `reauth-${Date.now()}@e2e.local`, name: 'Оператор Подтверждение' };
  await staffApi(admin, 'POST', '/api/staff/users', { ...colleague, roles: ['operator'], departmentIds: [] });
  // The sign-in confirmed the password; eleven minutes later that is older than the window.
  await ageAdminSessions('reauthenticated_at', 11);

  await admin.getByRole('link', { name: 'Сотрудники' }).first().click();
  await admin.getByRole('searchbox', { name: 'Поиск' }).fill(colleague.email);
  await admin.getByRole('button', { name: `Изменить: ${colleague.name}` }).click();
  const card = admin.getByRole('dialog', { name: 'Доступ сотрудника' });
  // The pills wrapper takes the pointer; the keyboard opens the list as a person would.
  await card.getByLabel(/^Роли/).first().focus();
  await admin.keyboard.press('ArrowDown');
  await admin.getByRole('option', { name: 'Руководитель' }).click();
  await admin.keyboard.press('Escape');
  await card.getByRole('button', { name: 'Сохранить' }).click();

  const confirm = admin.getByRole('dialog', { name: 'Подтверждение пароля' });
  const password = confirm.getByLabel(/^Пароль/);
  await password.waitFor();
  await expect.poll(() => password.evaluate((input) => input === document.activeElement)).toBe(true);
  expect(await seriousViolations(admin, '[role="dialog"]')).toEqual([]);
  if (SCREENSHOTS) await admin.screenshot({ path: `${SCREENSHOTS}/reauthentication.png` });
  await password.fill(ADMIN_PASSWORD);
  await password.press('Enter');
  await confirm.waitFor({ state: 'detached' });
  await card.waitFor({ state: 'detached' });
  const saved = await staffApi<{ items: { roles: string[] }[] }>(
    admin,
    'GET',
    `/api/staff/users?q=${encodeURIComponent(colleague.email)}`,
  );
  expect(saved.items[0]?.roles.sort()).toEqual(['head', 'operator']);

  // Half an hour without work: the next click finds the session over and says so.
  await ageAdminSessions('last_active_at', 31);
  await admin.getByRole('link', { name: 'Журнал аудита' }).first().click();
  await admin
    .getByText('Вы долго не работали. Войдите снова — откроется страница, на которой вы были.')
    .waitFor();
  expect(new URL(admin.url()).searchParams.get('next')).toBe('/audit');
  expect(await seriousViolations(admin)).toEqual([]);
  if (SCREENSHOTS) await admin.screenshot({ path: `${SCREENSHOTS}/session-idle.png` });
  await admin.getByLabel(/^Электронная почта/).fill(ADMIN_EMAIL);
  await admin.getByLabel(/^Пароль/).fill(ADMIN_PASSWORD);
  await admin.getByLabel(/^Пароль/).press('Enter');
  await admin.getByRole('tab', { name: 'Входы и сессии' }).waitFor();
  expect(new URL(admin.url()).pathname).toBe('/console/audit');
  // Each database change restarts the server: a few minutes on two shared cores.
}, 300_000);
