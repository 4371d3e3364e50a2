import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { channelTitle, localDateTime } from './pdf.js';
import type { SubjectJson } from './subject-export.js';

const PURPOSES: Record<string, string> = {
  personal_data: 'обработка персональных данных',
  mailing: 'получение рассылок',
};
const CONSENT_ACTIONS: Record<string, string> = { given: 'дано', withdrawn: 'отозвано' };
const LEDGER_EVENTS: Record<string, string> = {
  given: 'дано',
  confirmed: 'подтверждено',
  revoked: 'отозвано',
};
const SEND_STATUSES: Record<string, string> = {
  pending: 'ожидает отправки',
  sending: 'отправляется',
  sent: 'отправлено',
  failed: 'не доставлено',
};
const AUDIT_ACTIONS: Record<string, string> = {
  create: 'создание',
  update: 'изменение',
  delete: 'удаление',
  read: 'просмотр',
};
const AUDIT_ENTITIES: Record<string, string> = {
  client: 'карточка клиента',
  history_export: 'выдача истории',
  subject_export: 'выгрузка по запросу субъекта',
};

/** A titled table, or a line saying there is nothing of that kind. */
function section(title: string, header: string[], rows: string[][], widths: (number | string)[]): Content[] {
  return [
    { text: title, style: 'h2', margin: [0, 12, 0, 4] },
    rows.length === 0
      ? { text: 'Сведений нет', italics: true }
      : {
          table: {
            headerRows: 1,
            widths,
            body: [header.map((text) => ({ text, bold: true })), ...rows],
          },
          layout: 'lightHorizontalLines',
        },
  ];
}

/**
 * The human-readable part of the 152-ФЗ export: what history.pdf beside it does not tell —
 * consents, mailings, what was sent, and who accessed the data.
 */
export function subjectDocument(data: SubjectJson, timezone: string): TDocumentDefinitions {
  const at = (iso: string | null) => (iso ? localDateTime(new Date(iso), timezone) : '—');
  const { subject } = data;
  return {
    info: { title: `Сведения о персональных данных: ${subject.name}`, author: data.agency.name },
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: { h1: { fontSize: 15, bold: true }, h2: { fontSize: 12, bold: true } },
    footer: (page, pages) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8 }),
    content: [
      { text: data.agency.name, margin: [0, 0, 0, 12] },
      { text: 'Сведения о персональных данных субъекта (ст. 14 152-ФЗ)', style: 'h1' },
      {
        text: [
          subject.organisationName ? `${subject.name}, ${subject.organisationName}` : subject.name,
          ...subject.contacts.map((c) => c.value),
          ...(subject.postalAddress ? [subject.postalAddress] : []),
        ].join('\n'),
        margin: [0, 8, 0, 8],
      },
      { text: `Сформировано: ${at(data.generatedAt)}` },
      {
        text: `Обращений: ${data.requests.length}; взаимодействий: ${data.interactions.length}. Тексты обращений, ответы, звонки и визиты на личный приём — в файле history.pdf этого архива, файлы — в папке attachments, все сведения в машиночитаемом виде — в subject.json.`,
        margin: [0, 4, 0, 0],
      },
      ...section(
        'Согласия на обработку персональных данных',
        ['Когда', 'Цель', 'Согласие', 'Канал'],
        data.consents.map((e) => [
          at(e.at),
          PURPOSES[e.purpose] ?? e.purpose,
          CONSENT_ACTIONS[e.action] ?? e.action,
          channelTitle(e.channel),
        ]),
        [110, '*', 60, 90],
      ),
      ...section(
        'Подписки на рассылки',
        ['Адрес', 'Состояние'],
        data.mailing.subscriptions.map((s) => [s.email, s.status]),
        ['*', 120],
      ),
      ...section(
        'Журнал согласий на рассылки',
        ['Когда', 'Адрес', 'Событие', 'Темы'],
        data.mailing.consentLedger.map((e) => [
          at(e.at),
          e.email,
          LEDGER_EVENTS[e.event] ?? e.event,
          e.topics.join('; '),
        ]),
        [110, 130, 70, '*'],
      ),
      ...section(
        'Направленные уведомления и сообщения',
        ['Когда', 'Канал', 'Кому', 'Тема', 'Состояние'],
        data.notifications.map((m) => [
          at(m.at),
          channelTitle(m.channel),
          m.recipient,
          m.subject ?? '',
          SEND_STATUSES[m.status] ?? m.status,
        ]),
        [90, 60, 110, '*', 60],
      ),
      ...section(
        'Приглашения к опросам',
        ['Когда', 'Канал', 'Опрос'],
        data.surveys.invitations.map((p) => [at(p.at), channelTitle(p.channel), p.survey]),
        [110, 70, '*'],
      ),
      { text: data.surveys.answers, italics: true, margin: [0, 4, 0, 0] },
      ...section(
        'Кто обращался к данным',
        ['Когда', 'Действие', 'Что', 'Сотрудник'],
        data.accessLog.map((e) => [
          at(e.at),
          AUDIT_ACTIONS[e.action] ?? e.action,
          AUDIT_ENTITIES[e.entity] ?? e.entity,
          e.staff ?? 'система',
        ]),
        [110, 70, 120, '*'],
      ),
    ],
  };
}
