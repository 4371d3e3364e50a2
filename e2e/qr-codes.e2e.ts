import { readFileSync } from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { openConsoleAs } from './support/console.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

const downloaded = async (download: Download) => readFileSync((await download.path()) ?? '');

/** Logs an answered call through the API with the session's CSRF token; returns its id. */
const logCall = (page: Page) =>
  page.evaluate(async () => {
    const session = await (await fetch('/api/auth/session')).json();
    const response = await fetch('/api/staff/calls', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
      body: JSON.stringify({
        caller: '+7 913 123-45-67',
        startedAt: new Date(Date.now() - 600_000).toISOString(),
        answered: true,
        durationSec: 240,
      }),
    });
    return (await response.json()).id as string;
  });

it('the operator’s call card shows the «Оценить работу» QR code; the poster and the PNG download', async () => {
  const baseUrl = inject('baseUrl');
  const page = await openConsoleAs(browser, baseUrl, 'Инспекция ОКН НСО');
  const id = await logCall(page);
  await page.goto(`${baseUrl}/console/calls/${id}`);
  const code = page.getByRole('img', { name: 'QR-код страницы «Оценить работу» на сайте ведомства' });
  await code.waitFor();
  // The SVG really loaded (a broken image has no natural size).
  await page.waitForFunction(
    (image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0,
    await code.elementHandle(),
  );
  await page.getByText('Порекомендуйте заявителю оставить отзыв').waitFor();
  expect(await seriousViolations(page, 'section[aria-labelledby]')).toEqual([]);

  await page.goto(`${baseUrl}/console/calls`);
  const [poster] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Плакат для печати (PDF)' }).click(),
  ]);
  expect(poster.suggestedFilename()).toBe('qr-poster-rate.pdf');
  const pdf = await downloaded(poster);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.toString('latin1')).toContain('/giookn-nso/rate)');

  await page.goto(`${baseUrl}/console/agency`);
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'PNG: Запись на личный приём' }).click(),
  ]);
  expect(png.suggestedFilename()).toBe('qr-reception.png');
  expect((await downloaded(png)).subarray(1, 4).toString()).toBe('PNG');
  expect(await seriousViolations(page)).toEqual([]);
});
