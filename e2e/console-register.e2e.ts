import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/credentials.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const AGENCY = 'giookn-nso';
const AGENCY_SHORT_NAME = 'Инспекция ОКН НСО';

it('an administrator finds a new appeal in the register, assigns it, takes it and answers it', async () => {
  const baseUrl = inject('baseUrl');

  // A citizen's appeal from the portal, with markup in the text that must stay text.
  const submitted = await fetch(`${baseUrl}/api/public/${AGENCY}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'appeal',
      text: 'Прошу проверить ограждение объекта.\nВторая строка <script>window.__xss = 1</script>',
      name: 'Петров Пётр Петрович',
      consent: true,
      notifyByEmail: false,
    }),
  });
  expect(submitted.status).toBe(201);
  const { number, trackingCode } = (await submitted.json()) as { number: string; trackingCode: string };

  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel(/^Электронная почта/).fill(ADMIN_EMAIL);
  await page.getByLabel(/^Пароль/).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();

  const switcher = page.getByLabel('Текущее ведомство').first();
  await switcher.waitFor();
  if ((await switcher.inputValue()) !== AGENCY_SHORT_NAME) {
    await switcher.click();
    await page.getByRole('option', { name: new RegExp(`^${AGENCY_SHORT_NAME}`) }).click();
    await page.getByText(`Вы работаете в ведомстве «${AGENCY_SHORT_NAME}»`).first().waitFor();
  }

  // Assigning needs a department: make one through the API with the session's CSRF token.
  await page.evaluate(async () => {
    const session = await (await fetch('/api/auth/session')).json();
    const departments = await (await fetch('/api/staff/departments')).json();
    if (departments.length > 0) return;
    await fetch('/api/staff/departments', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({ name: 'Отдел работы с обращениями' }),
    });
  });

  await page.getByRole('link', { name: 'Реестр обращений' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Реестр обращений' }).waitFor();
  await page.getByLabel('Поиск').fill(number);
  await page.getByLabel('Поиск').press('Enter');
  expect(new URL(page.url()).searchParams.get('q')).toBe(number);
  // The previous page stays on screen while the search loads: wait for the filtered total.
  await page.getByText('Всего 1 запись').waitFor();
  await expect(page.getByRole('row').count()).resolves.toBe(2);
  const link = page.getByRole('link', { name: number, exact: true });
  expect(await seriousViolations(page)).toEqual([]);

  // The filtered view downloads as a spreadsheet.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Выгрузить в Excel' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^register-\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(download.url()).toContain(`q=${encodeURIComponent(number)}`);

  await link.click();
  await page.getByRole('heading', { level: 1, name: `Обращение № ${number}` }).waitFor();
  // The text is shown as text, line breaks kept, the script never run.
  await page.getByText('<script>window.__xss = 1</script>', { exact: false }).waitFor();
  await expect(page.evaluate(() => (window as { __xss?: number }).__xss)).resolves.toBeUndefined();
  // A registered appeal: no «Взять в работу» yet, no «Отказать» (that is for information requests).
  await expect(page.getByRole('button', { name: 'Взять в работу' }).count()).resolves.toBe(0);
  await expect(page.getByRole('button', { name: 'Отказать' }).count()).resolves.toBe(0);

  await page.getByRole('button', { name: 'Назначить' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Подразделение').click();
  await page.getByRole('option').first().click();
  await dialog.getByRole('button', { name: 'Назначить' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Исполнитель назначен').first().waitFor();

  await page.getByRole('button', { name: 'Взять в работу' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Взять в работу' }).click();
  await dialog.waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Ответить' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Текст ответа/).fill('Ограждение проверено, нарушений не выявлено.');
  await dialog.getByRole('button', { name: 'Ответить' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Дан ответ').first().waitFor();
  // An answered request can only be closed now.
  const actions = page.getByRole('group', { name: 'Действия' });
  await actions.getByRole('button', { name: 'Закрыть' }).waitFor();
  await expect(actions.getByRole('button').count()).resolves.toBe(1);

  const status = await fetch(
    `${baseUrl}/api/public/${AGENCY}/requests/${encodeURIComponent(number)}?code=${encodeURIComponent(trackingCode)}`,
  );
  expect(status.status).toBe(200);
  expect(((await status.json()) as { status: string }).status).toBe('answered');
  await page.close();
});
