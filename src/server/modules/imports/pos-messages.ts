import type { StaffIntakeInput } from '../requests/registration.js';
import { type Cell, type Column, cellDate, cellFlag, cellString, pick, type TableRow } from './tables.js';

/**
 * A message of ПОС «Госуслуги. Решаем вместе» (seed 003 p. 3.1, 10.1). No public specification
 * of the platform's outgoing API was found, so this shape is ours and documented in docs/api.md
 * («ПОС»): the platform's message id, when it was created, the text, the author, the platform's
 * category and subcategory, the fast-track flag and optional links to its files.
 */
export interface PosMessage {
  id: string;
  createdAt: Date;
  text: string;
  name: string;
  email: string | null;
  phone: string | null;
  category: string;
  subcategory: string | null;
  fastTrack: boolean;
  links: string[];
}

/** As a registration: the fast-track flag picks the shortened term (presets/deadlines, urgentAnswer). */
export function posIntake(message: PosMessage): StaffIntakeInput & { externalId: string } {
  return {
    kind: 'pos_message',
    channel: 'pos',
    receivedAt: message.createdAt,
    text: message.text,
    name: message.name,
    email: message.email?.toLowerCase() ?? null,
    phone: message.phone,
    notifyByEmail: false,
    urgent: message.fastTrack,
    externalId: message.id,
    externalCategory: { category: message.category, subcategory: message.subcategory },
    externalSource: message.links.length ? { links: message.links } : null,
  };
}

/** The columns of the platform's export file, by the titles it uses (and our English keys). */
export const POS_COLUMNS = {
  id: { titles: ['Номер сообщения', 'ИД сообщения', 'id'] },
  createdAt: { titles: ['Дата поступления', 'Дата создания', 'createdAt'] },
  text: { titles: ['Текст сообщения', 'Текст', 'text'] },
  name: { titles: ['Заявитель', 'ФИО', 'name'] },
  email: { titles: ['Электронная почта', 'E-mail', 'email'] },
  phone: { titles: ['Телефон', 'phone'] },
  category: { titles: ['Категория', 'category'] },
  subcategory: { titles: ['Подкатегория', 'subcategory'] },
  fastTrack: { titles: ['Фаст-трек', 'fastTrack'] },
} satisfies Record<string, Column>;

export const REQUIRED_POS_COLUMNS = [
  POS_COLUMNS.id,
  POS_COLUMNS.createdAt,
  POS_COLUMNS.text,
  POS_COLUMNS.name,
  POS_COLUMNS.category,
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9+()\-\s]{5,40}$/;
const ID = /^\S{1,100}$/;

/** Checks the parts every channel shares: the contact and the text's length. */
export function contactProblem(text: string, name: string, email: string, phone: string): string | null {
  if (!text) return 'нет текста сообщения';
  if (text.length > 10_000) return 'текст длиннее 10 000 знаков';
  if (!name) return 'не указан заявитель';
  if (name.length > 200) return 'имя заявителя длиннее 200 знаков';
  if (email && !EMAIL.test(email)) return `адрес электронной почты «${email}» указан неверно`;
  if (phone && !PHONE.test(phone)) return `телефон «${phone}» указан неверно`;
  return null;
}

/** One row of the export as a message, or the reason in Russian why it cannot be one. */
export function posMessageFromRow(row: TableRow, timeZone: string): PosMessage | string {
  const get = (column: Column) => pick(row.cells, column);
  const text = (cell: Cell) => cellString(cell).trim();
  const id = text(get(POS_COLUMNS.id));
  if (!ID.test(id))
    return id ? 'номер сообщения ПОС длиннее 100 знаков или с пробелами' : 'нет номера сообщения ПОС';
  const createdAt = cellDate(get(POS_COLUMNS.createdAt), timeZone);
  if (!createdAt) return 'дата поступления не указана или не в виде ДД.ММ.ГГГГ ЧЧ:ММ';
  if (createdAt.getTime() > Date.now() + 60_000) return 'дата поступления в будущем';
  const fastTrack = cellFlag(get(POS_COLUMNS.fastTrack));
  if (fastTrack === null) return 'в столбце «Фаст-трек» должно быть «да» или «нет»';
  const message = {
    id,
    createdAt,
    text: text(get(POS_COLUMNS.text)),
    name: text(get(POS_COLUMNS.name)),
    email: text(get(POS_COLUMNS.email)) || null,
    phone: text(get(POS_COLUMNS.phone)) || null,
    category: text(get(POS_COLUMNS.category)),
    subcategory: text(get(POS_COLUMNS.subcategory)) || null,
    fastTrack,
    links: [],
  };
  const problem = contactProblem(message.text, message.name, message.email ?? '', message.phone ?? '');
  if (problem) return problem;
  if (!message.category) return 'не указана категория ПОС';
  return message;
}
