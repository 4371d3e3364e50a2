import type { Browser, Page } from 'playwright-core';
import { waitForMail } from './mail.js';

/** Calls the staff API from a signed-in console page, with the session's CSRF token. */
export async function staffApi<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/auth/session')).json();
      const response = await fetch(path, {
        method,
        headers: {
          'x-csrf-token': session.csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    { method, path, body },
  ) as Promise<T>;
}

/**
 * An administrator's page invites a colleague with the given roles into its current agency; the
 * colleague follows the invitation e-mail, sets a password and signs in; `signedIn` waits for what
 * they should see then (the console by default). Returns their page.
 */
export async function inviteAndSignIn(
  adminPage: Page,
  browser: Browser,
  colleague: { email: string; name: string; roles: string[]; password: string },
  signedIn = (page: Page) => page.getByRole('navigation').first().waitFor(),
): Promise<{ page: Page; userId: string }> {
  const { id } = await staffApi<{ id: string }>(adminPage, 'POST', '/api/staff/users', {
    email: colleague.email,
    name: colleague.name,
    roles: colleague.roles,
    departmentIds: [],
  });
  const invitation = await waitForMail(
    (mail) => mail.to.includes(colleague.email) && mail.subject.includes('приглашение'),
  );
  const link = invitation.text.match(/https?:\/\/\S+reset-password\?token=\S+/)?.[0];
  if (!link) throw new Error(`no link in the invitation:\n${invitation.text}`);
  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await page.getByLabel(/^Новый пароль/).fill(colleague.password);
  await page.getByLabel(/^Повторите пароль/).fill(colleague.password);
  await page.getByRole('button', { name: 'Сохранить пароль' }).click();
  await page.getByLabel(/^Электронная почта/).fill(colleague.email);
  await page.getByLabel(/^Пароль/).fill(colleague.password);
  await page.getByLabel(/^Пароль/).press('Enter');
  await signedIn(page);
  return { page, userId: id };
}
