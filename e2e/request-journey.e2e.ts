import { mkdirSync, readFileSync } from 'node:fs';
import JSZip from 'jszip';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, seriousViolations } from './support/browser.js';
import { ensureDepartment, openConsoleAs } from './support/console.js';
import { waitForMail } from './support/mail.js';

// Seed issue 4 p. 11: the whole way of one request, portal → console → answer → status page and
// e-mail → history hand-over, in a real browser with mail delivered over SMTP to a local sink.

const AGENCY = 'giookn-nso';
const AGENCY_SHORT_NAME = 'Инспекция ОКН НСО';
const CLIENT = 'Сидорова Анна Ивановна';
// Unique per run: the sink may hold mail from the other journeys.
const EMAIL = `sidorova.${Date.now()}@example.ru`;
const TOPIC = 'Реестр и учёт объектов культурного наследия';
const TEMPLATE = 'Объект культурного наследия: ответ о состоянии объекта';
const FINDINGS = 'провела осмотр здания на ул. Ленина, 1: нарушений не выявлено';
// Outside the repository: the pictures are for people to look at, not for the history.
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/work/screenshots';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => browser?.close());

const fact = (page: Page, term: string) =>
  page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').first().innerText();

/** Picks an option of a Mantine select found by its label. */
async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).click();
}

async function submitOnPortal(page: Page): Promise<{ number: string; code: string }> {
  await page.goto(`${inject('baseUrl')}/${AGENCY}/requests/new`);
  await page.getByRole('heading', { level: 1, name: 'Обращения' }).waitFor();
  await page.getByRole('radio', { name: 'Обращение (59-ФЗ)' }).check();
  await page
    .getByLabel(/^Текст обращения/)
    .fill('Прошу сообщить, включено ли здание на ул. Ленина, 1 в реестр и в каком оно состоянии.');
  await page.getByLabel(/^Фамилия, имя, отчество/).fill(CLIENT);
  await page.getByLabel(/^Электронная почта/).fill(EMAIL);
  await page.getByLabel(/^Дублировать уведомления/).check();
  await page.getByLabel(/^Согласен на обработку/).check();
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  await page.getByRole('status').filter({ hasText: 'Обращение отправлено' }).waitFor();
  const number = await fact(page, 'Номер обращения');
  const code = (await fact(page, 'Код доступа')).split(/\s/)[0] ?? '';
  expect(number).toMatch(/\d{4}-\d{5}$/);
  expect(code).toMatch(/^[A-Z0-9]{10}$/);
  return { number, code };
}

async function findInRegister(page: Page, number: string) {
  await page.getByRole('link', { name: 'Реестр обращений' }).first().click();
  await page.getByRole('heading', { level: 1, name: 'Реестр обращений' }).waitFor();
  const search = page.getByLabel('Поиск');
  await search.fill(number);
  await search.press('Enter');
  await page.getByText('Всего 1 запись').waitFor();
  await dismissToasts(page);
  await page.screenshot({ path: `${SHOTS}/register.png`, fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('link', { name: number, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: `Обращение № ${number}` }).waitFor();
}

async function classify(page: Page) {
  const section = page.getByRole('region', { name: 'Классификация' });
  await section.getByText('Обращение ещё не классифицировано').waitFor();
  await choose(page, /^Тема/, TOPIC);
  await choose(page, /^Типовая потребность/, 'Сведения о статусе здания');
  await choose(page, /^Тип обращения/, 'Заявление');
  await section.getByRole('button', { name: 'Подтвердить' }).click();
  await page.getByText('Классификация подтверждена').first().waitFor();
  await section.getByText('Классификация подтверждена ранее; её можно изменить').waitFor();
}

async function assignAndStart(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Назначить' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('combobox', { name: /^Подразделение/ }).click();
  const department = (await page.getByRole('option').first().innerText()).trim();
  await page.getByRole('option').first().click();
  await dialog.getByRole('button', { name: 'Назначить' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Исполнитель назначен').first().waitFor();
  await page.getByRole('button', { name: 'Взять в работу' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Взять в работу' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  return department;
}

/** Closes the toasts so the screenshots show the page, by their named close buttons. */
async function dismissToasts(page: Page) {
  const close = page.getByRole('button', { name: 'Закрыть уведомление' });
  // A toast that is animating out is unstable or gone: retry, then wait for none left.
  for (let round = 0; round < 10 && (await close.count()) > 0; round += 1) {
    await close
      .first()
      .click({ force: true, timeout: 1_000 })
      .catch(() => undefined);
  }
  // Mantine pauses a toast's auto-close while the pointer rests on it: move the pointer away.
  await page.mouse.move(0, 0);
  await expect.poll(() => close.count(), { timeout: 15_000 }).toBe(0);
}

/** Answers with the agency's starter template, its placeholders filled with the request's facts. */
async function answerWithTemplate(page: Page, number: string): Promise<string> {
  await page.getByRole('group', { name: 'Действия' }).getByRole('button', { name: 'Ответить' }).click();
  const dialog = page.getByRole('dialog');
  await choose(page, /^Шаблон ответа/, TEMPLATE);
  const textArea = dialog.getByRole('textbox', { name: /^Текст ответа/ });
  await expect.poll(() => textArea.inputValue()).toContain(`Уважаемый(ая) ${CLIENT}!`);
  const drafted = await textArea.inputValue();
  expect(drafted).toContain(`№ ${number}`);
  expect(drafted).not.toMatch(/\{\{/);
  // The executor replaces the bracketed hint of the template with the findings.
  const text = drafted.replace(/\[[^\]]*\]/, FINDINGS);
  expect(text).toContain(FINDINGS);
  await textArea.fill(text);
  await dialog.getByRole('button', { name: 'Ответить' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('Дан ответ').first().waitFor();
  return text;
}

it('a citizen submits, staff classify, assign and answer with a template, the citizen reads it and gets the mail, the history downloads', async () => {
  const baseUrl = inject('baseUrl');
  const portal = await (await browser.newContext()).newPage();
  const { number, code } = await submitOnPortal(portal);

  // The acknowledgement arrives over SMTP with the number and the tracking code.
  const ack = await waitForMail(
    (mail) => mail.to.includes(EMAIL) && mail.subject.includes('зарегистрировано'),
  );
  expect(ack.subject).toBe(`${AGENCY_SHORT_NAME}: обращение № ${number} зарегистрировано`);
  expect(ack.text).toContain(`Здравствуйте, ${CLIENT}!`);
  expect(ack.text).toContain(`под номером ${number}`);
  expect(ack.text).toContain(`Код доступа: ${code}`);

  const page = await openConsoleAs(browser, baseUrl, AGENCY_SHORT_NAME);
  await ensureDepartment(page, 'Отдел государственного учёта объектов');
  await findInRegister(page, number);
  await classify(page);
  const department = await assignAndStart(page);
  const answer = await answerWithTemplate(page, number);
  // The classification shows the department the assignment set, not the stale draft.
  const classification = page.getByRole('region', { name: 'Классификация' });
  await expect
    .poll(() => classification.getByRole('combobox', { name: /^Подразделение/ }).inputValue())
    .toBe(department);
  // Toasts fading out read as low contrast mid-animation: check the page once they are gone.
  await dismissToasts(page);
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/request-card.png`, fullPage: true });

  // The answer e-mail carries the answer text and a link to the status page.
  const told = await waitForMail((mail) => mail.to.includes(EMAIL) && mail.subject.endsWith('дан ответ'));
  expect(told.subject).toBe(`${AGENCY_SHORT_NAME}: обращение № ${number} — дан ответ`);
  expect(told.text).toContain(FINDINGS);
  const link = told.text.match(/Ход рассмотрения: (\S+)/)?.[1] ?? '';
  expect(link.startsWith(`${baseUrl}/${AGENCY}/requests/status?`)).toBe(true);

  // The citizen follows the link from the letter and reads the answer on the status page.
  await portal.goto(link);
  await portal.getByRole('heading', { level: 2, name: `Обращение № ${number}` }).waitFor();
  expect(await fact(portal, 'Статус')).toBe('Дан ответ');
  await portal.getByText(FINDINGS, { exact: false }).first().waitFor();
  expect(answer).toContain(FINDINGS);
  expect(await seriousViolations(portal)).toEqual([]);
  await portal.close();

  await handOverHistory(page);
  await page.close();
});

/** Staff open the client's card from the request and hand over the history as a ZIP with a PDF. */
async function handOverHistory(page: Page) {
  await page.getByRole('link', { name: 'Карточка клиента и вся история' }).click();
  await page.getByRole('heading', { level: 1, name: CLIENT }).waitFor();
  await page.getByText('История взаимодействия').first().waitFor();
  expect(await seriousViolations(page)).toEqual([]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Выдать историю' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.zip$/);
  const bytes = readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  const zip = await JSZip.loadAsync(bytes);
  expect(Object.keys(zip.files)).toContain('history.pdf');
  const pdf = await zip.file('history.pdf')?.async('nodebuffer');
  expect(pdf?.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await page.getByText('Архив с историей взаимодействия сформирован и сохранён').first().waitFor();
  await dismissToasts(page);
  await page.screenshot({ path: `${SHOTS}/client-card.png`, fullPage: true });
}
