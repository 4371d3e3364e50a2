import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const siteName = 'Государственная инспекция по охране объектов культурного наследия Новосибирской области';

it('shows the navigation the order requires on the portal home page, and axe finds nothing serious', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/giookn-nso/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  // Seed 000 p. 4.3: site name, home button, section headings, page title, menu with the structure.
  await expect(page.getByText(siteName).first().isVisible()).resolves.toBe(true);
  await expect(
    page
      .getByRole('link', { name: /На главную/ })
      .first()
      .isVisible(),
  ).resolves.toBe(true);
  await expect(page.getByRole('heading', { level: 2 }).count()).resolves.toBeGreaterThan(0);
  const menu = page.getByRole('navigation', { name: /Меню/i });
  await expect(menu.getByRole('link').count()).resolves.toBeGreaterThanOrEqual(3);
  expect(await page.title()).not.toBe('');
  await expect(page.getByRole('link', { name: 'giookn@nso.ru' }).first().getAttribute('href')).resolves.toBe(
    'mailto:giookn@nso.ru',
  );
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

it('turns on the version for the visually impaired, keeps it across pages and reloads, and stays axe-clean', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${inject('baseUrl')}/giookn-nso/`);
  // Wait for the agency's page itself: the loading shell is replaced, toggle included, once data arrives.
  await page.getByRole('heading', { level: 2 }).first().waitFor();
  const toggle = page.getByRole('button', { name: 'Версия для слабовидящих' });
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');

  // Keyboard only: focus the toggle and press Enter.
  await toggle.press('Enter');
  const panel = page.getByRole('region', { name: 'Настройки версии для слабовидящих' });
  await panel.waitFor();
  await panel.getByRole('radio', { name: '200 %' }).check();
  await panel.getByRole('radio', { name: 'Белым по чёрному' }).check();
  await panel.getByRole('radio', { name: 'Не показывать' }).check();
  // The page is rendered on the server: the panel is a form the visitor applies.
  await panel.getByRole('button', { name: 'Применить' }).click();
  await page.getByRole('heading', { level: 2 }).first().waitFor();

  const html = page.locator('html');
  await expect(html.getAttribute('data-a11y')).resolves.toBe('on');
  await expect(html.getAttribute('data-a11y-scheme')).resolves.toBe('white-on-black');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(0, 0, 0)');
  const fontSize = await page.evaluate(() =>
    Number.parseFloat(getComputedStyle(document.documentElement).fontSize),
  );
  expect(fontSize).toBeGreaterThanOrEqual(32);
  expect(await seriousViolations(page)).toEqual([]);

  // Another page of the portal, then a reload: the choice is remembered for this visitor.
  await page
    .getByRole('navigation', { name: /Меню/i })
    .getByRole('link', { name: /Контакты/ })
    .click();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expect(html.getAttribute('data-a11y-scheme')).resolves.toBe('white-on-black');
  await expect(
    page.getByRole('button', { name: 'Версия для слабовидящих' }).getAttribute('aria-pressed'),
  ).resolves.toBe('true');

  await page.getByRole('button', { name: 'Обычная версия' }).first().click();
  await expect(html.getAttribute('data-a11y')).resolves.not.toBe('on');
  await page.reload();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expect(html.getAttribute('data-a11y')).resolves.not.toBe('on');
  await context.close();
});

it('answers an unknown agency with 404 and a Russian page', async () => {
  const page = await (await browser.newContext()).newPage();
  const response = await page.goto(`${inject('baseUrl')}/no-such-agency/`);
  expect(response?.status()).toBe(404);
  await page.getByRole('heading', { name: 'Ведомство не найдено' }).waitFor();
  await page.close();
});

it('lists the questions with their answers and the contacts on «Вопросы и ответы», axe-clean in both versions', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${inject('baseUrl')}/dizo-nso/`);
  await page
    .getByRole('navigation', { name: /Меню/i })
    .getByRole('link', { name: 'Вопросы и ответы' })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Вопросы и ответы' }).waitFor();
  // The starter FAQ of the agency (seed 003 p. 28) and its contacts from the touchpoint registry.
  // Rendered on the server, every answer is shown under its question: nothing needs a script to open.
  await page.getByRole('heading', { level: 3, name: 'Как записаться на личный приём?' }).waitFor();
  await expect(page.getByText('по телефонам 238-60-02, 238-60-62').isVisible()).resolves.toBe(true);
  await expect(page.getByText('+7 (383) 238-60-62').first().isVisible()).resolves.toBe(true);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
  await page.getByRole('region', { name: 'Настройки версии для слабовидящих' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

it('says so when an agency has published no answers yet', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/minkpo-perm/faq`);
  await page.getByRole('heading', { level: 2, name: 'Контакты для консультаций' }).waitFor();
  await page.getByText('Контакты для консультаций пока не опубликованы').waitFor();
  await page.getByRole('link', { name: 'Все способы связи с ведомством' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});

it('books a personal reception on the portal by keyboard, axe-clean in both versions', async () => {
  const baseUrl = inject('baseUrl');
  // The schedule is staff's: an official and two weeks of afternoons from ten days ahead.
  const staffPage = await openConsoleAs(browser, baseUrl, 'Инспекция ОКН НСО');
  const ahead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const generated = await staffPage.evaluate(
    async ({ from, to }) => {
      const { csrfToken } = await (await fetch('/api/auth/session')).json();
      const headers = { 'content-type': 'application/json', 'x-csrf-token': csrfToken };
      const official = await (
        await fetch('/api/staff/reception/officials', {
          method: 'POST',
          headers,
          body: JSON.stringify({ name: 'Кондратьева Мария Сергеевна', position: 'Начальник инспекции' }),
        })
      ).json();
      const response = await fetch('/api/staff/reception/slots/generate', {
        method: 'POST',
        headers,
        body: JSON.stringify({
          officialId: official.id,
          from,
          to,
          pattern: { weekdays: [1, 2, 3, 4, 5], start: '14:00', end: '16:00', minutes: 30 },
        }),
      });
      return (await response.json()).created as number;
    },
    { from: ahead(10), to: ahead(23) },
  );
  expect(generated).toBeGreaterThan(0);
  await staffPage.context().close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/giookn-nso/`);
  const menu = page.getByRole('navigation', { name: /Меню/i });
  await menu.getByText('Обратная связь').click();
  await menu.getByRole('link', { name: 'Запись на приём' }).click();
  await page.getByRole('heading', { level: 1, name: 'Запись на приём' }).waitFor();
  const first = page.getByRole('radio').first();
  await first.waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await first.focus();
  await first.press('Space');
  await page.keyboard.press('ArrowDown');
  const chosen = page.getByRole('radio', { checked: true });
  await expect(chosen.getAttribute('value')).resolves.not.toBe(await first.getAttribute('value'));
  await page.getByLabel(/^Фамилия, имя, отчество/).fill('Орлова Вера Павловна');
  await page.getByLabel(/^Тема обращения/).fill('Согласование ремонта фасада');
  await page.getByLabel('Согласен на обработку персональных данных').check();
  await page.getByRole('button', { name: 'Записаться' }).click();
  await page.getByText('Вы записаны на приём').waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Версия для слабовидящих' }).click();
  await page.getByRole('region', { name: 'Настройки версии для слабовидящих' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});
