import { simpleParser } from 'mailparser';
import { Invalid } from '../../lib/errors.js';
import type { StaffIntakeInput } from '../requests/registration.js';
import { contactProblem } from './pos-messages.js';
import type { FileContent } from './stored-files.js';
import { type Cell, type Column, cellDate, cellString, pick, type TableRow } from './tables.js';

/** A message of the Governor's public reception site, with the reception's own number. */
export interface ReceptionMessage {
  number: string;
  receivedAt: Date;
  name: string;
  email: string | null;
  phone: string | null;
  text: string;
  files: FileContent[];
}

/** An appeal (59-ФЗ) forwarded by the reception: its number makes a repeated import return the first. */
export function receptionIntake(message: ReceptionMessage): StaffIntakeInput & { externalId: string } {
  return {
    kind: 'appeal',
    channel: 'governor_reception',
    receivedAt: message.receivedAt,
    text: message.text,
    name: message.name,
    email: message.email?.toLowerCase() ?? null,
    phone: message.phone,
    notifyByEmail: false,
    externalId: message.number,
    externalSource: { documentNumber: message.number, documentDate: message.receivedAt.toISOString() },
  };
}

export const RECEPTION_COLUMNS = {
  number: { titles: ['Номер', 'Номер обращения', 'number'] },
  receivedAt: { titles: ['Дата', 'Дата поступления', 'receivedAt'] },
  name: { titles: ['ФИО', 'Заявитель', 'name'] },
  email: { titles: ['Электронная почта', 'E-mail', 'email'] },
  phone: { titles: ['Телефон', 'phone'] },
  text: { titles: ['Текст', 'Текст обращения', 'text'] },
} satisfies Record<string, Column>;

export const REQUIRED_RECEPTION_COLUMNS = [
  RECEPTION_COLUMNS.number,
  RECEPTION_COLUMNS.receivedAt,
  RECEPTION_COLUMNS.name,
  RECEPTION_COLUMNS.text,
];

const NUMBER = /^[\p{L}\p{N}\-/._]{1,60}$/u;

function checked(message: ReceptionMessage): ReceptionMessage | string {
  if (!NUMBER.test(message.number)) {
    return message.number
      ? `номер приёмной «${message.number}» указан неверно`
      : 'нет номера Общественной приёмной';
  }
  if (message.receivedAt.getTime() > Date.now() + 60_000) return 'дата поступления в будущем';
  return contactProblem(message.text, message.name, message.email ?? '', message.phone ?? '') ?? message;
}

export function receptionFromRow(row: TableRow, timeZone: string): ReceptionMessage | string {
  const get = (column: Column) => pick(row.cells, column);
  const plain = (cell: Cell) => cellString(cell).trim();
  const receivedAt = cellDate(get(RECEPTION_COLUMNS.receivedAt), timeZone);
  if (!receivedAt) return 'дата не указана или не в виде ДД.ММ.ГГГГ ЧЧ:ММ';
  return checked({
    number: plain(get(RECEPTION_COLUMNS.number)),
    receivedAt,
    name: plain(get(RECEPTION_COLUMNS.name)),
    email: plain(get(RECEPTION_COLUMNS.email)) || null,
    phone: plain(get(RECEPTION_COLUMNS.phone)) || null,
    text: plain(get(RECEPTION_COLUMNS.text)),
    files: [],
  });
}

/** A JSON export: an array of objects with the same keys as the table's English titles. */
export function rowsFromJson(bytes: Buffer): TableRow[] {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new Invalid('body.file', 'Файл JSON повреждён: это не корректный JSON', 'malformed_file');
  }
  const items = Array.isArray(data) ? data : [data];
  if (
    items.length === 0 ||
    !items.every((item) => item && typeof item === 'object' && !Array.isArray(item))
  ) {
    throw new Invalid('body.file', 'В файле JSON ожидается объект или массив объектов с полями обращения');
  }
  return items.map((item, index) => ({
    row: index + 1,
    cells: new Map(
      Object.entries(item as Record<string, unknown>).map(([key, value]) => [
        key.toLowerCase(),
        value === null || value === undefined ? '' : String(value),
      ]),
    ),
  }));
}

// «Обращение № 2026-1234 с сайта Общественной приёмной»: the reception's number is in the subject.
const SUBJECT_NUMBER = /№\s*([\p{L}\p{N}\-/._]+)/u;

/**
 * A message the reception forwarded by e-mail (.eml): the citizen is in Reply-To (the site sends
 * from its own address), the reception's number in X-Reception-Number or the subject.
 */
export async function receptionFromEml(
  bytes: Buffer,
  givenNumber: string | null,
): Promise<ReceptionMessage | string> {
  const mail = await simpleParser(bytes);
  if (!mail.headers.size || (!mail.from && !mail.subject))
    return 'файл не похож на письмо (.eml): нет заголовков';
  const header = mail.headers.get('x-reception-number');
  const number =
    givenNumber ||
    (typeof header === 'string' ? header.trim() : '') ||
    SUBJECT_NUMBER.exec(mail.subject ?? '')?.[1] ||
    '';
  const person = (mail.replyTo ?? mail.from)?.value[0];
  return checked({
    number,
    receivedAt: mail.date ?? new Date(),
    name: person?.name?.trim() || person?.address || '',
    email: person?.address ?? null,
    phone: null,
    text: (mail.text ?? '').trim(),
    files: mail.attachments
      .filter((file) => file.contentDisposition !== 'inline' || file.filename)
      .map((file, i) => ({ name: file.filename ?? `вложение-${i + 1}`, bytes: file.content })),
  });
}
