import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SurveyAnalytics } from '../../../common/survey-analytics.js';
import { createHarness, type Harness, type StaffClient } from '../../testing/harness.js';
import { enterSeedAnswers, SEED_ANSWERS } from '../../testing/survey-answers.js';
import { colleague, withSeedForm } from '../../testing/surveys.js';
import { reportDocument } from './report.pdf.js';

let harness: Harness;
let head: StaffClient;
let id: string;
let agencyName: string;

beforeAll(async () => {
  harness = await createHarness();
  const made = await withSeedForm(harness);
  id = made.surveyId;
  agencyName = made.agency.name;
  await enterSeedAnswers(made.staff, id, SEED_ANSWERS);
  head = await colleague(harness, made.slug, ['head']);
});
afterAll(() => harness.close());

const download = async (url: string) => {
  const response = await head.request({ method: 'GET', url: `/api/staff/surveys/${id}/${url}` });
  expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
  return response;
};

const readWorkbook = async (bytes: Buffer) => {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
};

const sheetRows = (sheet: ExcelJS.Worksheet | undefined) =>
  (sheet?.getSheetValues() ?? []).filter(Boolean).map((row) => (row as unknown[]).slice(1));

describe('annual monitoring report', () => {
  it('is a PDF whose title page names the agency and the period, with vector charts', async () => {
    const response = await download('report?format=pdf&from=2020-01-01&to=2099-12-31');
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(response.rawPayload.length).toBeGreaterThan(10_000);
    const analytics = (
      await head.request({
        method: 'GET',
        url: `/api/staff/surveys/${id}/analytics?from=2020-01-01&to=2099-12-31`,
      })
    ).json<SurveyAnalytics>();
    const twoMonths = {
      ...analytics,
      months: [...analytics.months, { ...analytics.months[0], key: 'x', label: 'x' }],
    };
    const document = JSON.stringify(
      reportDocument(twoMonths as SurveyAnalytics, { name: agencyName }, '01.01.2026'),
    );
    expect(document).toContain(agencyName);
    expect(document).toContain('Период: с 01.01.2020 по 31.12.2099');
    expect(document).toContain('"type":"rect"');
    expect(document).toContain('"type":"polyline"');
    expect(document).toContain('менее 5 ответов');
    // k-anonymity holds in the report too: the four answers of the second municipality appear nowhere.
    expect(document).not.toMatch(/Барабинский район","4"/);
  });

  it('is a workbook with a sheet per table and the same numbers', async () => {
    const response = await download('report?format=xlsx');
    const workbook = await readWorkbook(response.rawPayload);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names[0]).toBe('Титульный лист');
    expect(names).toContain('Сводные показатели');
    expect(names.length).toBeGreaterThan(6);
    expect(sheetRows(workbook.getWorksheet('Титульный лист'))[0]).toEqual([agencyName]);
    const summary = sheetRows(workbook.getWorksheet('Сводные показатели'));
    expect(summary).toContainEqual(['Всего анкет', 12]);
    expect(summary).toContainEqual(['Доля ответивших «Скорее удовлетворен»', '50,0 %']);
    const municipalities = workbook.worksheets.find((s) => /^В разрезе\s+Муниципальн/.test(s.name));
    const rows = sheetRows(municipalities);
    expect(rows).toContainEqual(['Баганский район', 8, '62,5 %']);
    expect(rows).toContainEqual(['Барабинский район', 'менее 5 ответов', '']);
  });
});

describe('raw answers export', () => {
  it('CSV: a row per response, a column per paper code, channel and date, nothing about people', async () => {
    const response = await download('export?format=csv');
    const text = response.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).trim().split('\n');
    expect(lines).toHaveLength(SEED_ANSWERS.length + 1);
    const header = lines[0] ?? '';
    for (const code of ['(12)', '(21)', '(22.1)', '(22.4)', '(23.1)', 'Канал', 'Дата'])
      expect(header).toContain(code);
    expect(header).not.toMatch(/оператор|email|телефон|IP/i);
    expect(lines[1]).toMatch(/^1,1,1,1,/);
  });

  it('XLSX carries the same table', async () => {
    const workbook = await readWorkbook((await download('export?format=xlsx&channel=paper')).rawPayload);
    const rows = sheetRows(workbook.getWorksheet('Ответы'));
    expect(rows).toHaveLength(4);
    expect(String(rows[0]?.[1])).toContain('(12)');
    expect(rows.slice(1).every((row) => row.includes('Бумажная анкета'))).toBe(true);
  });
});
