import ExcelJS from 'exceljs';
import type { DeadlinePolicies } from './deadlines.js';
import { STATUS_TITLES } from './lifecycle.js';
import type { RequestRow } from './repo.js';
import { toSummary } from './views.js';

/** The register as staff see it, for the spreadsheet seed 004 p. 8 describes. */
export async function registerWorkbook(
  rows: RequestRow[],
  policies: DeadlinePolicies,
  timeZone: string,
): Promise<Buffer> {
  const format = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short', timeZone });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Реестр обращений', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '№', key: 'number', width: 18 },
    { header: 'Вид', key: 'kind', width: 34 },
    { header: 'Канал', key: 'channel', width: 12 },
    { header: 'Заявитель', key: 'contact', width: 30 },
    { header: 'Поступило', key: 'received', width: 18 },
    { header: 'Срок ответа', key: 'due', width: 18 },
    { header: 'Основание срока', key: 'dueSource', width: 30 },
    { header: 'Статус', key: 'status', width: 26 },
    { header: 'Просрочено', key: 'overdue', width: 12 },
    { header: 'Текст', key: 'text', width: 80 },
  ];
  sheet.getRow(1).font = { bold: true };
  const now = new Date();
  for (const row of rows) {
    sheet.addRow({
      number: row.number,
      kind: policies[row.kind].title,
      channel: row.channel,
      contact: row.contactName,
      received: format.format(row.receivedAt),
      due: format.format(row.dueAt),
      dueSource: row.dueSource,
      status: STATUS_TITLES[row.status],
      overdue: toSummary(row, now).overdue ? 'да' : 'нет',
      text: row.text,
    });
  }
  sheet.autoFilter = { from: 'A1', to: 'J1' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
