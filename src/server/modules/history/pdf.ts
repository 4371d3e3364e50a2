import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { TimelineEntry } from '../../../common/clients.js';
import type { ClientRequest } from '../requests/client-link.service.js';
import { STATUS_TITLES } from '../requests/lifecycle.js';
import { KIND_TITLES } from './sources.js';

export interface HistoryDocumentInput {
  agency: { name: string; timezone: string };
  client: { name: string; organisationName: string | null; postalAddress: string | null };
  contacts: { kind: string; value: string }[];
  requests: ClientRequest[];
  /** Every interaction the timeline knows, oldest first, staff-only entries left out. */
  interactions: TimelineEntry[];
  period: { from: Date; to: Date };
  generatedAt: Date;
}

const FORMS = { oral: 'устная', written: 'письменная', electronic: 'электронная' };

const CHANNELS: Record<string, string> = {
  portal: 'сайт',
  email: 'электронная почта',
  telegram: 'Telegram',
  vk: 'ВКонтакте',
  ok: 'Одноклассники',
  post: 'почта',
  phone: 'телефон',
  consult_line: 'консультационная линия',
  ekc: 'ЕКЦ 110',
  reception: 'личный приём',
  staff: 'выдано сотрудником',
};

export const channelTitle = (channel: string) => CHANNELS[channel] ?? channel;

/** Seed 004 p. 4: «все случаи взаимодействия … во всех точках взаимодействия», calls and visits included. */
function interactionsTable(entries: TimelineEntry[], timezone: string): Content[] {
  if (entries.length === 0) return [];
  // Requests are told in full on their own pages; other interactions carry their summary here.
  const described = (e: TimelineEntry) =>
    e.detail && e.kind !== 'request' && e.kind !== 'request_event' ? `${e.title}\n${e.detail}` : e.title;
  return [
    { text: 'Все взаимодействия', style: 'h2', margin: [0, 12, 0, 4] },
    {
      table: {
        headerRows: 1,
        widths: [110, 90, '*'],
        body: [
          [
            { text: 'Дата', bold: true },
            { text: 'Канал', bold: true },
            { text: 'Событие', bold: true },
          ],
          ...entries.map((e) => [
            localDateTime(new Date(e.at), timezone),
            channelTitle(e.channel),
            described(e),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
}

export function localDateTime(at: Date, timezone: string): string {
  return new Intl.DateTimeFormat('ru-RU', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: timezone,
  }).format(at);
}

function requestSection(request: ClientRequest, timezone: string): Content[] {
  const at = (d: Date) => localDateTime(d, timezone);
  const rows: [string, string][] = [
    ['Поступило', at(request.receivedAt)],
    ['Канал', channelTitle(request.channel)],
    ['Статус', STATUS_TITLES[request.status]],
    ['Срок ответа', at(request.dueAt)],
  ];
  if (request.resolvedAt) rows.push(['Решение принято', at(request.resolvedAt)]);
  if (request.answerForm) rows.push(['Форма ответа', FORMS[request.answerForm]]);
  if (request.redirectAddressee) rows.push(['Направлено', request.redirectAddressee]);
  const events = request.events.filter((e) => e.isPublic);
  return [
    {
      text: `${KIND_TITLES[request.kind] ?? request.kind} № ${request.number}`,
      style: 'h2',
      pageBreak: 'before',
    },
    { table: { widths: [120, '*'], body: rows }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 8] },
    { text: 'Текст обращения', style: 'h3' },
    { text: request.text, margin: [0, 0, 0, 8] },
    ...(request.answerText
      ? [
          { text: 'Ответ', style: 'h3' },
          { text: request.answerText, margin: [0, 0, 0, 8] },
        ]
      : []),
    { text: 'Ход рассмотрения', style: 'h3' },
    {
      ul: events.map((e) => `${at(e.at)} — ${STATUS_TITLES[e.status]}${e.note ? `: ${e.note}` : ''}`),
    },
  ] as Content[];
}

/** Seed 004 p. 4: the whole interaction history, dates in the agency's time zone. */
export function historyDocument(input: HistoryDocumentInput): TDocumentDefinitions {
  const { agency, client, requests } = input;
  const day = (d: Date) =>
    new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeZone: agency.timezone }).format(d);
  const clientLines = [
    client.organisationName ? `${client.name}, ${client.organisationName}` : client.name,
    ...input.contacts.map((c) => c.value),
    ...(client.postalAddress ? [client.postalAddress] : []),
  ];
  return {
    info: { title: `История взаимодействия: ${client.name}`, author: agency.name },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { h1: { fontSize: 16, bold: true }, h2: { fontSize: 13, bold: true }, h3: { bold: true } },
    footer: (page, pages) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8 }),
    content: [
      { text: agency.name, margin: [0, 0, 0, 12] },
      { text: 'История взаимодействия с клиентом', style: 'h1' },
      { text: clientLines.join('\n'), margin: [0, 8, 0, 8] },
      { text: `Период: ${day(input.period.from)} — ${day(input.period.to)}` },
      { text: `Обращений: ${requests.length}` },
      { text: `Сформировано: ${localDateTime(input.generatedAt, agency.timezone)}`, margin: [0, 0, 0, 8] },
      ...interactionsTable(input.interactions, agency.timezone),
      ...requests.flatMap((r) => requestSection(r, agency.timezone)),
    ],
  };
}
