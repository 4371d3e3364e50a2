import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { inviteAndSignIn, staffApi } from './support/staff.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

it('a head opens «Мониторинг» for their department, filters by channel and drills down to a request', async () => {
  const admin = await openConsoleAs(browser, inject('baseUrl'), 'Инспекция ОКН НСО');
  const department = await staffApi<{ id: string }>(admin, 'POST', '/api/staff/departments', {
    name: `Отдел контроля ${Date.now()}`,
  });
  // Two requests of the department by e-mail and one by post; the post one must drop out on the filter.
  const numbers: string[] = [];
  for (const channel of ['email', 'email', 'post']) {
    const created = await staffApi<{ id: string; number: string }>(admin, 'POST', '/api/staff/requests', {
      kind: 'appeal',
      channel,
      receivedAt: new Date().toISOString(),
      text: 'Прошу сообщить о состоянии объекта',
      name: 'Сидоров Семён',
    });
    await staffApi(admin, 'POST', `/api/staff/requests/${created.id}/assign`, {
      departmentId: department.id,
      assigneeId: null,
    });
    numbers.push(created.number);
  }
  const { page, userId } = await inviteAndSignIn(admin, browser, {
    email: `head-${Date.now()}@e2e.local`,
    name: 'Руководитель Отдела',
    roles: ['head'],
    password: 'head e2e passphrase',
  });
  await staffApi(admin, 'PATCH', `/api/staff/users/${userId}`, { departmentIds: [department.id] });

  await page.getByRole('navigation').getByRole('link', { name: 'Мониторинг' }).click();
  await page.getByRole('heading', { level: 1, name: 'Мониторинг' }).waitFor();
  // The visible table beside the chart (the chart's own table is for screen readers only).
  const channels = page.getByRole('region', { name: 'По каналам поступления' }).getByRole('table').last();
  await channels.getByRole('row', { name: /Почта\s+1/ }).waitFor();
  await expect(page.getByRole('img', { name: 'Обращения по соблюдению сроков' }).isVisible()).resolves.toBe(
    true,
  );
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('combobox', { name: 'Канал поступления' }).click();
  await page.getByRole('option', { name: 'Электронная почта' }).click();
  await channels.getByRole('row', { name: /^Почта/ }).waitFor({ state: 'detached' });
  await expect(channels.getByRole('row', { name: /Электронная почта\s+2/ }).count()).resolves.toBe(1);

  await page.getByRole('button', { name: 'Показать обращения: Срок ещё идёт (2)' }).click();
  await page.getByText('Срок ещё идёт: 2').waitFor();
  await page.getByRole('link', { name: numbers[0] }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(numbers[0] ?? '') }).waitFor();
  await page.close();
  await admin.close();
});
