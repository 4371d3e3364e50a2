import type { Actor } from '../../lib/actor.js';
import { Invalid } from '../../lib/errors.js';
import type { FileContent } from '../imports/stored-files.js';
import { cellDate, cellFlag, cellString, missingColumns, pick, readTable } from '../imports/tables.js';
import type { CallService } from './service.js';

/** The columns of a ЕКЦ 110 consultations export; «Номер» keeps a re-uploaded file from doubling. */
const COLUMNS = {
  id: { titles: ['Номер', 'ID', 'Номер обращения'] },
  startedAt: { titles: ['Дата и время', 'Дата звонка', 'Дата'] },
  phone: { titles: ['Телефон', 'Номер телефона'] },
  question: { titles: ['Вопрос', 'Суть вопроса'] },
  answer: { titles: ['Ответ', 'Данный ответ'] },
  answered: { titles: ['Принят', 'Состоялся'] },
  duration: { titles: ['Длительность, сек', 'Длительность'] },
};
const REQUIRED = [COLUMNS.id, COLUMNS.startedAt, COLUMNS.phone];

export interface EkcRowResult {
  row: number;
  status: 'created' | 'duplicate' | 'error';
  callId?: string;
  message?: string;
}

/** Reads a ЕКЦ export (XLSX/CSV, ≤ 5000 rows) into calls of source ekc110; a bad row is reported, not fatal. */
export async function importEkcCalls(
  calls: CallService,
  actor: Actor,
  timeZone: string,
  file: FileContent,
): Promise<EkcRowResult[]> {
  const rows = await readTable(file.name, file.bytes);
  const missing = missingColumns(rows, REQUIRED);
  if (missing.length > 0) {
    const names = missing.map((column) => `«${column.titles[0]}»`).join(', ');
    throw new Invalid('body.file', `В файле нет столбцов: ${names}`, 'missing_columns');
  }
  const results: EkcRowResult[] = [];
  for (const { row, cells } of rows) {
    const fail = (message: string) => results.push({ row, status: 'error', message });
    const externalId = cellString(pick(cells, COLUMNS.id));
    const startedAt = cellDate(pick(cells, COLUMNS.startedAt), timeZone);
    const phone = cellString(pick(cells, COLUMNS.phone));
    const answeredCell = pick(cells, COLUMNS.answered);
    const answered = cellString(answeredCell) === '' ? true : cellFlag(answeredCell);
    const durationText = cellString(pick(cells, COLUMNS.duration)) || '0';
    const durationSec = Number(durationText);
    if (!externalId) fail('Не указан номер консультации');
    else if (!startedAt) fail('Дата и время — в виде ДД.ММ.ГГГГ ЧЧ:ММ');
    else if (startedAt.getTime() > Date.now() + 60_000) fail('Дата звонка в будущем');
    else if (answered === null) fail('«Принят» — да или нет');
    else if (!Number.isInteger(durationSec) || durationSec < 0 || durationSec > 86_400) {
      fail('Длительность — целое число секунд');
    } else {
      try {
        const { row: call, created } = await calls.importCall(actor, {
          source: 'ekc110',
          externalId,
          caller: phone,
          startedAt,
          answered,
          durationSec,
          operatorId: null,
          question: cellString(pick(cells, COLUMNS.question)) || null,
          answer: cellString(pick(cells, COLUMNS.answer)) || null,
        });
        results.push({ row, status: created ? 'created' : 'duplicate', callId: call.id });
      } catch (error) {
        if (!(error instanceof Invalid)) throw error;
        fail(error.message);
      }
    }
  }
  return results;
}
