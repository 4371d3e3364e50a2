import ExcelJS from 'exceljs';
import type { ConsentEvent, ConsentMethod } from '../../../common/mailings.js';
import type { ledger } from './repo.js';

const EVENT_TITLES: Record<ConsentEvent, string> = {
  given: 'дано',
  confirmed: 'подтверждено',
  revoked: 'отозвано',
};

const METHOD_TITLES: Record<ConsentMethod, string> = {
  portal_form: 'форма на сайте',
  confirmation_link: 'ссылка подтверждения',
  unsubscribe_link: 'ссылка «Отписаться»',
  list_unsubscribe_post: 'отписка в почтовой программе (List-Unsubscribe)',
  staff_request: 'по обращению, сотрудником',
  bounce: 'адрес недоступен (отказ доставки)',
  complaint: 'жалоба на спам в почтовой программе (ARF)',
};

/** The consent ledger as a spreadsheet, in the order it was written (seed 004 p. 12). */
export async function ledgerWorkbook(
  rows: Awaited<ReturnType<typeof ledger>>,
  timeZone: string,
): Promise<Buffer> {
  const format = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'medium', timeZone });
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Журнал согласий', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: 'Когда', key: 'at', width: 20 },
    { header: 'Адрес', key: 'email', width: 32 },
    { header: 'Событие', key: 'event', width: 14 },
    { header: 'Способ', key: 'method', width: 36 },
    { header: 'Страница', key: 'sourcePage', width: 36 },
    { header: 'Темы', key: 'topics', width: 40 },
    { header: 'Текст согласия', key: 'consentText', width: 80 },
    { header: 'IP-адрес', key: 'ip', width: 16 },
    { header: 'Сотрудник', key: 'actor', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({
      at: format.format(row.at),
      email: row.email,
      event: EVENT_TITLES[row.event],
      method: METHOD_TITLES[row.method],
      sourcePage: row.sourcePage ?? '',
      topics: row.topics.join('; '),
      consentText: row.consentText ?? '',
      ip: row.ip ?? '',
      actor: row.actorName ?? '',
    });
  }
  sheet.autoFilter = { from: 'A1', to: 'I1' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
