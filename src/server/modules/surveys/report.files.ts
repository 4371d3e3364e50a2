import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { CHANNEL_TITLES, type SurveyAnalytics } from '../../../common/survey-analytics.js';
import { paperFields } from '../../../common/survey-definition.js';
import type { Answers, SurveyQuestion } from '../../../common/surveys.js';
import { periodTitle, reportTables } from './report.tables.js';

// The annual report as a workbook (a sheet per table) and the raw answers for the federal feedback platform.

const sheetName = (title: string, used: Set<string>) => {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .slice(0, 28)
      .trim() || 'Лист';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  used.add(name.toLowerCase());
  return name;
};

export async function reportWorkbook(report: SurveyAnalytics, agency: { name: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const used = new Set<string>();
  const title = workbook.addWorksheet(sheetName('Титульный лист', used));
  title.addRows([
    [agency.name],
    ['Ежегодный мониторинг удовлетворённости информированием'],
    [report.title],
    [`Период: ${periodTitle(report)}`],
    [`Всего анкет: ${report.total}`],
  ]);
  title.getColumn(1).width = 80;
  for (const table of reportTables(report)) {
    const sheet = workbook.addWorksheet(sheetName(table.title, used));
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow(table.header).font = { bold: true };
    sheet.addRows(table.rows);
    sheet.getColumn(1).width = 60;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface RawResponse {
  answers: Answers;
  channel: string;
  submittedAt: Date;
}

/** How an answer is written in its cell: the option number as on paper, scores as numbers. */
function cellValue(question: SurveyQuestion, rowId: string | undefined, answers: Answers): string | number {
  const answer = answers[question.id];
  if (answer === undefined) return '';
  if (typeof answer === 'string' || typeof answer === 'number') return answer;
  if (rowId !== undefined) return (answer as Record<string, string | number>)[rowId] ?? '';
  if ('choice' in answer) return answer.other ? `${answer.choice}: ${answer.other}` : String(answer.choice);
  if ('choices' in answer && Array.isArray(answer.choices))
    return [answer.choices.join(';'), answer.other].filter(Boolean).join(': ');
  return '';
}

/**
 * One row per response, one column per question or row headed by its paper code, then channel and
 * date. Nothing about the respondent or the operator is exported: the stored answer has nothing else.
 */
export function rawTable(questions: SurveyQuestion[], responses: RawResponse[], timeZone: string) {
  const fields = paperFields(questions).filter((f) => f.question.type !== 'auto');
  const format = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short', timeZone });
  const header = [
    '№',
    ...fields.map((f) => `(${f.key}) ${f.question.text}${f.row ? `: ${f.row.label}` : ''}`),
    'Канал',
    'Дата',
  ];
  const rows = responses.map((r, i) => [
    i + 1,
    ...fields.map((f) => cellValue(f.question, f.row?.id, r.answers)),
    CHANNEL_TITLES[r.channel] ?? r.channel,
    format.format(r.submittedAt),
  ]);
  return { header, rows };
}

/** CSV with a BOM so Excel opens the Cyrillic right. */
export const rawCsv = (table: ReturnType<typeof rawTable>) =>
  Buffer.from(`\uFEFF${stringify([table.header, ...table.rows])}`, 'utf8');

export async function rawWorkbook(table: ReturnType<typeof rawTable>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ответы', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.header).font = { bold: true };
  sheet.addRows(table.rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
