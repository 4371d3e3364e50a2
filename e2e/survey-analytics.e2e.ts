import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { inviteAndSignIn, staffApi } from './support/staff.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('the analyst opens the analytics of the seed-001 form and downloads the annual report', async () => {
  const admin = await openConsoleAs(browser, inject('baseUrl'), 'Минэкономразвития НСО');
  const surveys = await staffApi<{ id: string; slug: string }[]>(admin, 'GET', '/api/staff/surveys');
  const id = surveys.find((s) => s.slug === 'informatsiya')?.id ?? '';
  // Enough phone answers that the breakdowns have cells of five and more.
  for (let i = 0; i < 6; i++) {
    await staffApi(admin, 'POST', `/api/staff/surveys/${id}/responses`, {
      channel: 'phone',
      answers: {
        municipality: { choice: '31' },
        satisfaction: { choice: i < 4 ? '1' : '2' },
        ease: { site: 5 },
      },
    });
  }
  const { page } = await inviteAndSignIn(admin, browser, {
    email: `analyst-${Date.now()}@e2e.local`,
    name: 'Аналитик Опросов',
    roles: ['analyst'],
    password: 'analyst e2e passphrase',
  });
  await page.getByRole('navigation').getByRole('link', { name: 'Опросы' }).click();
  await page.getByRole('link', { name: /^Форма опроса для проведения оценки/ }).click();
  await page.getByRole('link', { name: 'Аналитика' }).click();
  await page.getByRole('heading', { level: 1, name: 'Аналитика опроса' }).waitFor();
  await page.getByText('Всего анкет').waitFor();
  await page.getByRole('img', { name: 'Ответы по месяцам' }).waitFor();
  await expect(page.getByRole('table').first().isVisible()).resolves.toBe(true);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Годовой отчёт (PDF)' }).click(),
  ]);
  const bytes = readFileSync((await download.path()) ?? '');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(10_000);
  await page.close();
  await admin.close();
});
