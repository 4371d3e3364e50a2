import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { sunkMail, waitForMail } from './support/mail.js';
import { staffApi } from './support/staff.js';

// Issue 9 p. 8: subscribe on the portal → confirm from the captured e-mail → a campaign composed
// in the console arrives → its unsubscribe link → the next campaign skips the address.

const AGENCY = 'giookn-nso';
const AGENCY_SHORT_NAME = 'Инспекция ОКН НСО';
const stamp = Date.now();
const LEAVING = `leaving.${stamp}@example.ru`;
const STAYING = `staying.${stamp}@example.ru`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const linkIn = (text: string, pattern: RegExp) => {
  const url = pattern.exec(text)?.[0];
  if (!url) throw new Error(`no link matching ${pattern} in:\n${text}`);
  return url;
};

async function subscribeAndConfirm(page: Page, email: string) {
  await page.goto(`${inject('baseUrl')}/${AGENCY}/subscribe`);
  await page.getByRole('heading', { level: 1, name: 'Подписка на рассылку' }).waitFor();
  await page.getByLabel(/^Электронная почта/).fill(email);
  await page.getByLabel(/^Даю согласие/).check();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Подписаться' }).click();
  await page.getByRole('status').filter({ hasText: 'Проверьте почту' }).waitFor();
  const mail = await waitForMail((m) => m.to.includes(email) && m.subject.startsWith('Подтвердите подписку'));
  await page.goto(linkIn(mail.text, /http\S+\/subscribe\/confirm\?token=[\w-]+/));
  await page.getByText('Подписка подтверждена').waitFor();
}

it('subscribes, receives a campaign, unsubscribes by its link and gets no more', async () => {
  const citizen = await (await browser.newContext()).newPage();
  await subscribeAndConfirm(citizen, LEAVING);
  await subscribeAndConfirm(citizen, STAYING);

  const staff = await openConsoleAs(browser, inject('baseUrl'), AGENCY_SHORT_NAME);
  await staff.getByRole('link', { name: 'Рассылки' }).first().click();
  await staff.getByRole('button', { name: 'Новая рассылка' }).click();
  const subject = `Изменения в графике приёма ${stamp}`;
  await staff.getByLabel(/^Тема письма/).fill(subject);
  await staff.getByRole('checkbox', { name: 'Новости ведомства' }).check();
  await staff.getByRole('textbox', { name: /^Текст письма/ }).fill('С 1 декабря приём ведётся по записи.');
  await staff.getByLabel(/^Текстовая версия/).fill('С 1 декабря приём ведётся по записи.');
  await staff.getByRole('button', { name: 'Сохранить черновик' }).click();
  await staff.getByRole('button', { name: 'Отправить сейчас' }).click();
  await staff.getByRole('heading', { level: 1, name: 'Рассылки' }).waitFor();

  const campaign = await waitForMail((m) => m.to.includes(LEAVING) && m.subject === subject, 30_000);
  const unsubscribe = linkIn(campaign.text, /http\S+\/unsubscribe\/[\w-]+/);
  await citizen.goto(unsubscribe);
  await citizen.getByRole('button', { name: 'Отписаться' }).click();
  await citizen.getByText('Вы отписались от рассылок').waitFor();

  const next = `Вторая рассылка ${stamp}`;
  const topics = await staffApi<{ id: string; title: string }[]>(staff, 'GET', '/api/staff/mailings/topics');
  const draft = await staffApi<{ id: string }>(staff, 'POST', '/api/staff/mailings/campaigns', {
    subject: next,
    html: '<p>Вторая</p>',
    text: 'Вторая',
    topicIds: topics.map((topic) => topic.id),
  });
  await staffApi(staff, 'POST', `/api/staff/mailings/campaigns/${draft.id}/send`, {});
  await waitForMail((m) => m.to.includes(STAYING) && m.subject === next, 30_000);
  expect(sunkMail().filter((m) => m.to.includes(LEAVING) && m.subject === next)).toEqual([]);
});
