import type { Browser, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './credentials.js';

/** Signs the administrator in to the console and switches to the agency by its short name. */
export async function openConsoleAs(
  browser: Browser,
  baseUrl: string,
  agencyShortName: string,
): Promise<Page> {
  const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel(/^Электронная почта/).fill(ADMIN_EMAIL);
  await page.getByLabel(/^Пароль/).fill(ADMIN_PASSWORD);
  await page.getByLabel(/^Пароль/).press('Enter');
  const switcher = page.getByLabel('Текущее ведомство').first();
  await switcher.waitFor();
  if ((await switcher.inputValue()) !== agencyShortName) {
    await switcher.click();
    await page.getByRole('option', { name: new RegExp(`^${agencyShortName}`) }).click();
    await page.getByText(`Вы работаете в ведомстве «${agencyShortName}»`).first().waitFor();
  }
  return page;
}

/** Assigning needs a department: makes one through the API with the session's CSRF token if none. */
export async function ensureDepartment(page: Page, name: string): Promise<void> {
  await page.evaluate(async (departmentName) => {
    const session = await (await fetch('/api/auth/session')).json();
    const departments = await (await fetch('/api/staff/departments')).json();
    if (departments.length > 0) return;
    await fetch('/api/staff/departments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ name: departmentName }),
    });
  }, name);
}
