import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { agencyWithStaff, createHarness, type Harness } from '../src/server/testing/harness.js';
import { launchBrowser, seriousViolations } from './support/browser.js';

// The social inbox has no intake of its own yet on this server (the network adapters bring items
// in): the journey runs on an app of its own, where the item is put in the way an adapter does.
let harness: Harness;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  harness = await createHarness();
  baseUrl = await harness.app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

it('an operator answers a Telegram comment from the queue and sees the reply in the outbox', async () => {
  const { slug, email, password } = await agencyWithStaff(harness, ['operator']);
  const agency = await harness.services.agencies.findBySlug(slug);
  await harness.services.socialInbox.ingest({
    agencyId: agency?.id as string,
    accountId: null,
    network: 'telegram',
    kind: 'comment',
    externalId: 'tg-comment-1',
    threadId: '-1001:77',
    threadTitle: 'Приём заявок на гранты открыт',
    authorId: '501',
    authorName: 'Мария Соколова',
    text: 'А до какого числа принимают заявки?',
    receivedAt: new Date(),
  });

  const page = await (await browser.newContext()).newPage();
  await page.goto(`${baseUrl}/console/`);
  await page.getByLabel(/^Электронная почта/).fill(email);
  await page.getByLabel(/^Пароль/).fill(password);
  await page.getByLabel(/^Пароль/).press('Enter');

  await page.getByRole('link', { name: 'Соцсети' }).first().click();
  await page.getByRole('cell', { name: 'А до какого числа принимают заявки?' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Ответить: Мария Соколова' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Ответ/).fill('Заявки принимаем до 1 декабря');
  // The emoji picker is reachable from the keyboard and inserts at the cursor.
  await dialog.getByRole('button', { name: 'Вставить смайлик' }).click();
  await page.getByRole('button', { name: '🙂' }).click();
  await expect(dialog.getByLabel(/^Ответ/).inputValue()).resolves.toBe('Заявки принимаем до 1 декабря🙂');
  await dialog.getByRole('button', { name: 'Отправить' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Новых комментариев и сообщений нет').waitFor();

  await page.getByRole('link', { name: 'Исходящие' }).first().click();
  await page.getByRole('cell', { name: '-1001:77' }).waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  await page.close();
});
