import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { waitForMail } from './support/mail.js';

let browser: Browser;
let staff: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  staff = await openConsoleAs(browser, inject('baseUrl'), 'Инспекция ОКН НСО');
  await scheduleWithAdminAsOfficial(staff);
});
afterAll(() => browser?.close());

const CITIZEN = 'Кузнецова Мария Ивановна';
const dayFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The signed-in administrator becomes the reception official (the user linked to it), receiving
 * in a room with video recording for a fortnight; a room without video stands by.
 */
async function scheduleWithAdminAsOfficial(page: Page) {
  const from = dayFromToday(1);
  const to = dayFromToday(14);
  await page.evaluate(
    async ({ from, to }) => {
      const session = await (await fetch('/api/auth/session')).json();
      const post = async (url: string, body: unknown) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify(body),
        });
        if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
        return response.json();
      };
      const official = await post('/api/staff/reception/officials', {
        name: 'Шилохвостов Роман Геннадьевич',
        position: 'Руководитель',
        userId: session.user.id,
      });
      const room = await post('/api/staff/reception/rooms', { name: 'Кабинет 101', videoRecording: true });
      await post('/api/staff/reception/rooms', { name: 'Кабинет 102', videoRecording: false });
      await post('/api/staff/reception/slots/generate', {
        officialId: official.id,
        roomId: room.id,
        from,
        to,
        pattern: { weekdays: [1, 2, 3, 4, 5, 6, 7], start: '10:00', end: '12:00', minutes: 30 },
      });
    },
    { from, to },
  );
}

it('a citizen books a reception slot on the portal and sees the confirmation', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${inject('baseUrl')}/giookn-nso/reception`);
  await page.getByRole('heading', { level: 1, name: 'Запись на приём' }).waitFor();
  const slot = page.getByRole('radio', { name: /Шилохвостов Роман Геннадьевич/ }).first();
  await slot.check();
  await page.getByRole('textbox', { name: /Фамилия, имя, отчество/ }).fill(CITIZEN);
  await page.getByRole('textbox', { name: /Электронная почта/ }).fill('kuznetsova@example.org');
  await page.getByRole('textbox', { name: /Тема обращения/ }).fill('Установка охранной доски на доме');
  await page.getByRole('checkbox', { name: /Согласен на обработку персональных данных/ }).check();
  await page.getByRole('button', { name: 'Записаться' }).click();
  await page.getByText('Вы записаны на приём').waitFor();
  await expect(page.getByRole('status').first().innerText()).resolves.toMatch(
    /Подтверждение и ссылка для отмены/,
  );
  expect(await seriousViolations(page)).toEqual([]);
  // The confirmation goes out by e-mail too, with the link to cancel.
  const mail = await waitForMail((m) => m.to.includes('kuznetsova@example.org'));
  expect(mail.subject).toMatch(/^Запись на личный приём — /);
  expect(mail.text).toMatch(/\/giookn-nso\/bookings\/cancel\?token=/);
  await page.close();
});

it('the official opens the booking’s card, checks the ID, moves a citizen who refuses video, and answers in writing', async () => {
  const page = staff;
  await page.getByRole('link', { name: 'Личный приём' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Личный приём' }).waitFor();
  const openCard = page.getByRole('button', { name: new RegExp(`^Карточка приёма: ${CITIZEN}`) });
  // The booked slot is the first working day ahead: this week or the next.
  const loaded = page
    .getByText('Шилохвостов Роман Геннадьевич')
    .first()
    .or(page.getByText('На этой неделе приёма нет'));
  await loaded.waitFor();
  if (!(await openCard.isVisible())) await page.getByRole('button', { name: 'Следующая неделя' }).click();
  await openCard.click();
  await page.getByRole('heading', { level: 1, name: `Карточка личного приёма: ${CITIZEN}` }).waitFor();

  // Step 1 (p. 35.2): the ID is checked; the citizen refuses video, so the room changes.
  await page.getByRole('checkbox', { name: /Документ, удостоверяющий личность, проверен/ }).check();
  await page.getByRole('radio', { name: 'Не согласен' }).check();
  await page.getByRole('combobox', { name: 'Помещение приёма' }).click();
  expect(await page.getByRole('option', { name: /Кабинет 101/ }).count()).toBe(0);
  await page.getByRole('option', { name: 'Кабинет 102' }).click();
  await page.getByRole('button', { name: 'Сохранить' }).click();
  await page.getByText(/^Проверено \d{2}\.\d{2}\.\d{4}/).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  // Step 2 (p. 35.3): introduction, earlier applications, the written answer.
  await page.getByRole('checkbox', { name: 'Должностное лицо представилось клиенту' }).check();
  await page
    .getByRole('radiogroup', { name: /Обращались ли Вы ранее/ })
    .getByRole('radio', { name: 'Нет' })
    .check();
  await page.getByRole('radio', { name: /Письменный ответ в установленный срок/ }).check();
  await page.getByRole('button', { name: 'Завершить приём' }).click();

  const appeal = page.getByRole('link', { name: /^Обращение № / });
  await appeal.waitFor();
  expect(await appeal.innerText()).toMatch(/^Обращение № \S*\d{4}-\d{5}$/);
  await expect(page.getByText(/срок ответа до \d{2}\.\d{2}\.\d{4}/).count()).resolves.toBe(1);
  await page.getByText('Приём завершён', { exact: true }).first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await appeal.click();
  await page.getByText('Установка охранной доски на доме').first().waitFor();
});
