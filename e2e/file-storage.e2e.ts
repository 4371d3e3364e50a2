import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';
import { staffApi } from './support/staff.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const SCREENSHOTS = process.env.E2E_SCREENSHOTS;
// A PDF of 1.1 MB: the padding is a comment line, so the file stays a PDF.
const LARGE_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n%'),
  Buffer.alloc(1_150_000, 'x'),
  Buffer.from('\ntrailer<</Root 1 0 R>>\n%%EOF\n'),
]);

it('the region administrator sets an agency’s file quota; the agency sees it fill up, and the portal refuses files past it in Russian', async () => {
  const region = await openConsoleAs(browser, inject('baseUrl'), 'Инспекция ОКН НСО');
  const stamp = Date.now();
  const slug = `storage-${stamp}`;
  // A fresh agency of its own: a tiny quota must not refuse the files of other journeys.
  await staffApi(region, 'POST', '/api/staff/region/agencies', {
    slug,
    name: `Ведомство хранилища ${stamp}`,
    shortName: `Хранилище ${stamp}`,
    timezone: 'Asia/Novosibirsk',
  });
  await staffApi(region, 'POST', '/api/auth/agency', { slug });
  await region.goto(`${inject('baseUrl')}/console/agency`);
  const section = region.getByRole('region', { name: 'Хранилище файлов' });
  await section.getByText(/^Занято 0 МБ из 10\s240 МБ \(0 %\)$/).waitFor();

  await section.getByLabel('Квота ведомства, МБ').fill('1');
  await section.getByRole('button', { name: 'Сохранить' }).click();
  await section.getByText(/^Занято 0 МБ из 1 МБ \(0 %\)$/).waitFor();

  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto(`${inject('baseUrl')}/${slug}/requests/new`);
  await citizen.getByRole('heading', { level: 1, name: 'Обращения' }).waitFor();
  await citizen.locator('#request-kind-appeal').check();
  await citizen
    .locator('#request-text')
    .fill('Прошу принять документы о состоянии объекта: скан во вложении.');
  await citizen.locator('input[type=file]').setInputFiles({
    name: 'скан документов.pdf',
    mimeType: 'application/pdf',
    buffer: LARGE_PDF,
  });
  await citizen.locator('#request-name').fill('Петров Пётр Петрович');
  await citizen.locator('#request-email').fill(`storage-${stamp}@example.ru`);
  await citizen.locator('#request-consent').check();
  await citizen.getByRole('button', { name: 'Отправить обращение' }).click();
  await citizen
    .getByText(/Хранилище файлов ведомства заполнено, файлы сейчас не принимаются/)
    .first()
    .waitFor();
  expect(await seriousViolations(citizen)).toEqual([]);
  if (SCREENSHOTS)
    await citizen.screenshot({ path: `${SCREENSHOTS}/storage-full-portal.png`, fullPage: true });

  // Without the file the same appeal goes through: the citizen is not stuck.
  await citizen.locator('input[type=file]').setInputFiles([]);
  await citizen.getByRole('button', { name: 'Отправить обращение' }).click();
  await citizen.getByRole('status').filter({ hasText: 'Обращение отправлено' }).waitFor();

  await section.getByRole('button', { name: 'Квота по умолчанию' }).click();
  await section.getByText(/^Занято 0 МБ из 10\s240 МБ \(0 %\)$/).waitFor();
  expect(await seriousViolations(region)).toEqual([]);
  if (SCREENSHOTS) await section.screenshot({ path: `${SCREENSHOTS}/storage-panel.png` });
  await citizen.close();
  await region.close();
});
