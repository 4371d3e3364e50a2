import { createHmac } from 'node:crypto';
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

const QUESTION = 'Как записаться на личный приём к руководителю?';

it('a consult-line operator takes a PBX call with the scripts, answers from the knowledge base and records the survey in one click each', async () => {
  const baseUrl = inject('baseUrl');
  const admin = await openConsoleAs(browser, baseUrl, 'ДИЗО НСО');
  const { secret } = await staffApi<{ secret: string }>(admin, 'POST', '/api/staff/calls/pbx/secret');
  const { page } = await inviteAndSignIn(admin, browser, {
    email: 'operator.e2e@dizo.example.ru',
    name: 'Оператор Линии',
    roles: ['call_operator'],
    password: 'Операторский пароль 2026',
  });

  // The PBX reports the call over its real protocol: a signed JSON webhook.
  const event = JSON.stringify({
    callId: 'e2e-call-1',
    caller: '+7 383 555-01-23',
    startedAt: new Date(Date.now() - 120_000).toISOString(),
    answered: true,
    durationSec: 95,
  });
  const delivered = await fetch(`${baseUrl}/api/channels/pbx/dizo-nso`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-pbx-signature': createHmac('sha256', secret).update(event).digest('hex'),
    },
    body: event,
  });
  expect(delivered.status).toBe(201);

  await page.getByRole('link', { name: 'Консультационная линия' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Консультационная линия' }).waitFor();
  await page
    .getByRole('row', { name: /\+7 383 555 01 23/ })
    .getByRole('link')
    .first()
    .click();

  // The greeting script opens the card and the farewell closes it, both from the knowledge base.
  const greeting = page.getByRole('region', { name: 'Приветствие' });
  await greeting.getByText('Скрипт приветствия').waitFor();
  await page.getByRole('region', { name: 'Прощание' }).getByText('Спасибо за обращение').first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('textbox', { name: 'Вопрос' }).fill(QUESTION);
  // While the operator types, the knowledge base offers the matching answer.
  const suggestions = page.getByRole('region', { name: 'Подходящие статьи базы знаний' });
  await suggestions.getByText('Как записаться на личный приём?').waitFor();
  await page
    .getByRole('textbox', { name: 'Ответ' })
    .fill('Записаться можно на портале в разделе «Личный приём» или по телефону приёмной.');
  await page.getByRole('combobox', { name: 'Итог' }).click();
  await page.getByRole('option', { name: 'Дан ответ' }).click();

  // p. 27.3: each of the two questions is one click.
  await page
    .getByRole('radiogroup', { name: 'Получен ли ответ на Ваш вопрос?' })
    .getByText('да', { exact: true })
    .click();
  await page
    .getByRole('radiogroup', { name: 'Оцените качество работы консультанта' })
    .getByText('удовлетворен', { exact: true })
    .click();
  await page.getByRole('button', { name: 'Сохранить карточку' }).click();
  await page.getByRole('status').getByText('Карточка сохранена').waitFor();

  // What the card shows after a reload is what the server stored.
  await page.reload();
  await page.getByRole('textbox', { name: 'Вопрос' }).waitFor();
  expect(await page.getByRole('textbox', { name: 'Вопрос' }).inputValue()).toBe(QUESTION);
  const received = page.getByRole('radiogroup', { name: 'Получен ли ответ на Ваш вопрос?' });
  expect(await received.getByRole('radio', { name: 'да', exact: true }).isChecked()).toBe(true);
  const quality = page.getByRole('radiogroup', { name: 'Оцените качество работы консультанта' });
  expect(await quality.getByRole('radio', { name: 'удовлетворен', exact: true }).isChecked()).toBe(true);

  type StoredCall = {
    callerPhone: string;
    surveyAnswerReceived: boolean;
    surveyQuality: string;
    outcome: string;
  };
  const calls = await staffApi<{ items: StoredCall[] }>(admin, 'GET', '/api/staff/calls?pageSize=100');
  const stored = calls.items.find((call) => call.callerPhone.includes('5550123'));
  expect(stored).toMatchObject({
    surveyAnswerReceived: true,
    surveyQuality: 'satisfied',
    outcome: 'answered',
  });
  await page.close();
  await admin.close();
});
