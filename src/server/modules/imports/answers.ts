import ExcelJS from 'exceljs';
import type { Actor } from '../../lib/actor.js';
import { endOfLocalDay, startOfLocalDay } from '../../lib/calendar.js';
import { Invalid } from '../../lib/errors.js';
import type { RequestService } from '../requests/service.js';

const MAX_DAYS = 366;
const OUTCOMES: Record<string, string> = {
  answered: 'Ответ',
  refused: 'Отказ',
  left_without_answer: 'Оставлено без ответа',
  closed: 'Ответ',
};

export const POS_ANSWER_COLUMNS = [
  { header: 'Номер сообщения ПОС', key: 'posId', width: 22 },
  { header: 'Рег. номер', key: 'number', width: 18 },
  { header: 'Результат', key: 'outcome', width: 20 },
  { header: 'Текст ответа', key: 'answer', width: 80 },
  { header: 'Дата ответа', key: 'answeredAt', width: 18 },
  { header: 'Исполнитель', key: 'executor', width: 30 },
];

/**
 * The answers to ПОС messages for upload back to the platform: one row per resolved message with
 * the platform's id (from the `pos:<id>` key it was registered under), the text and the executor.
 */
export async function posAnswersWorkbook(
  requests: RequestService,
  actor: Actor,
  timeZone: string,
  from: string,
  to: string,
): Promise<Buffer> {
  const start = startOfLocalDay(from, timeZone);
  const end = endOfLocalDay(to, timeZone);
  if (end < start) throw new Invalid('query.to', 'Дата «по» раньше даты «с»');
  if (end.getTime() - start.getTime() > MAX_DAYS * 86_400_000) {
    throw new Invalid('query.to', `Период выгрузки — не больше ${MAX_DAYS} дней`);
  }
  const rows = await requests.resolvedOfChannel(actor, 'pos', start, end);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Ответы ПОС');
  sheet.columns = POS_ANSWER_COLUMNS;
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({
      posId: row.idempotencyKey?.startsWith('pos:') ? row.idempotencyKey.slice(4) : '',
      number: row.number,
      outcome: OUTCOMES[row.status] ?? row.status,
      answer: row.answerText ?? '',
      answeredAt: row.resolvedAt
        ? row.resolvedAt.toLocaleString('ru-RU', { timeZone, dateStyle: 'short', timeStyle: 'short' })
        : '',
      executor: row.executor ?? '',
    });
  }
  sheet.getColumn('answer').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
