import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './support/credentials.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const fact = (page: Page, term: string) =>
  page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').innerText();

it('a citizen sends an appeal by keyboard, gets a number and a code, and sees it registered on the status page', async () => {
  const page = await (await browser.newContext()).newPage();
  const keys: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST') keys.push(request.headers()['idempotency-key'] ?? '');
  });
  await page.goto(`${inject('baseUrl')}/giookn-nso/requests/new`);
  await page.getByRole('heading', { level: 1, name: 'Обращения' }).waitFor();
  // Seed 000 p. 6.2: «Обращения» is a section of the site, in its menu.
  const menu = page.getByRole('navigation', { name: /Меню/i });
  await menu.getByText('Обратная связь').click();
  await expect(
    menu.getByRole('link', { name: 'Обращения', exact: true }).getAttribute('aria-current'),
  ).resolves.toBe('page');
  expect(await seriousViolations(page)).toEqual([]);

  // Keyboard only, from the last link above the form (the status page, then the history of requests).
  await page.getByRole('link', { name: /Уже отправили обращение/ }).waitFor();
  await page.getByRole('link', { name: 'Получить историю своих обращений' }).focus();
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('request-kind-appeal');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('request-text');
  await page.keyboard.type('Прошу проверить состояние объекта культурного наследия на ул. Ленина, 1.');
  await expect(page.locator('#request-text-description').innerText()).resolves.toBe('72 из 10\u00a0000');
  await page.keyboard.press('Tab');
  // The file picker is a button in the tab order (the dialog itself is the browser's).
  expect(await focusedId(page)).toBe('request-files');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Иванова Мария Петровна');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ivanova@example.ru');
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('request-phone');
  // Seed 004 p. 3: with an e-mail given, status notices can be duplicated there.
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('request-notifyByEmail');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  expect(await focusedId(page)).toBe('request-consent');
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  // The honeypot is skipped: the next stop is the button.
  await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Отправить обращение');
  // A scan goes with the text (seed 002: a message with attachments); the form then sends multipart.
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: 'фото фасада.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Отправить обращение' }).focus();
  await page.keyboard.press('Enter');

  const done = page.getByRole('status').filter({ hasText: 'Обращение отправлено' });
  await done.waitFor();
  await expect(done.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
  const number = await fact(page, 'Номер обращения');
  // The code is followed by its «Скопировать» button.
  const code = (await fact(page, 'Код доступа')).split(/\s/)[0] ?? '';
  const due = await fact(page, 'Срок ответа');
  expect(number).toMatch(/\d{4}-\d{5}$/);
  expect(code).toMatch(/^[A-Z0-9]{10}$/);
  expect(due).toMatch(/^до \d{1,2} [а-я]+ \d{4} г\.$/);
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatch(/^[A-Za-z0-9_-]{8,100}$/);
  expect(await seriousViolations(page)).toEqual([]);

  const statusLink = page.getByRole('link', { name: 'Проверить статус обращения' });
  await statusLink.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name: `Обращение № ${number}` }).waitFor();
  await expect(page.getByLabel('Номер').inputValue()).resolves.toBe(number);
  await expect(page.getByLabel('Код доступа').inputValue()).resolves.toBe(code);
  expect(await fact(page, 'Статус')).toBe('Зарегистрировано');
  expect(await fact(page, 'Срок ответа')).toBe(due);
  await expect(page.getByRole('listitem').filter({ hasText: 'Получено' }).count()).resolves.toBe(1);
  expect(await seriousViolations(page)).toEqual([]);

  // A wrong code tells nothing about whether the number exists.
  await page.getByLabel('Код доступа').fill('WRONGCODE2');
  await page.getByLabel('Код доступа').press('Enter');
  await expect(page.getByRole('alert').innerText()).resolves.toBe(
    'Обращение не найдено: проверьте номер и код',
  );
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
  await expectFileOnConsoleCard(number, 'фото фасада.pdf');
});

/** The administrator finds the request in the console and sees the client's file as a download. */
async function expectFileOnConsoleCard(number: string, fileName: string) {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/console/`);
  await page.getByLabel(/^Электронная почта/).fill(ADMIN_EMAIL);
  await page.getByLabel(/^Пароль/).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  const switcher = page.getByLabel('Текущее ведомство').first();
  await switcher.waitFor();
  if ((await switcher.inputValue()) !== 'Инспекция ОКН НСО') {
    await switcher.click();
    await page.getByRole('option', { name: /^Инспекция ОКН НСО/ }).click();
    await page.getByText('Вы работаете в ведомстве «Инспекция ОКН НСО»').first().waitFor();
  }
  await page.goto(`${inject('baseUrl')}/console/requests?q=${encodeURIComponent(number)}`);
  await page.getByRole('link', { name: number, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Обращение № ${number}` }).waitFor();
  const files = page.getByRole('region', { name: 'Вложения заявителя' });
  const link = files.getByRole('link', { name: fileName });
  await link.waitFor();
  expect(await link.getAttribute('href')).toMatch(
    /^\/api\/staff\/requests\/[0-9a-f-]{36}\/attachments\/[0-9a-f-]{36}$/,
  );
  const download = await page.evaluate(
    async (href) => {
      const response = await fetch(href ?? '');
      return { status: response.status, disposition: response.headers.get('content-disposition') };
    },
    await link.getAttribute('href'),
  );
  expect(download).toEqual({
    status: 200,
    disposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  });
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
}

it('shows the errors in Russian under their fields and moves the focus to the first one', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/giookn-nso/requests/new`);
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  await page.getByText('Напишите текст обращения').waitFor();
  expect(await focusedId(page)).toBe('request-kind-appeal');
  await expect(page.getByLabel('Текст обращения').getAttribute('aria-invalid')).resolves.toBe('true');
  await expect(page.getByLabel('Текст обращения').getAttribute('aria-describedby')).resolves.toContain(
    'request-text-error',
  );
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});
