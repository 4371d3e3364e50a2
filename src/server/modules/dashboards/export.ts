import ExcelJS from 'exceljs';
import type { Content } from 'pdfmake/interfaces.js';
import type { CentricityReport, Dashboard, IndexComponent } from '../../../common/dashboard.js';
import { renderPdf } from '../../lib/pdf.js';
import { percent } from '../surveys/report.tables.js';
import { SATISFACTION_CHANNEL_TITLES } from './satisfaction.repo.js';

// The dashboard as tables, once, so the workbook and the PDF tell the same numbers.

export interface ExportInput {
  dashboard: Dashboard;
  index: CentricityReport;
  departmentNames: string[] | null;
}

export interface ExportTable {
  title: string;
  header: string[];
  rows: (string | number)[][];
}

export const COMPONENT_TITLES: Record<IndexComponent, string> = {
  deadlines: 'Соблюдение сроков',
  satisfaction: 'Удовлетворённость (CSAT)',
  calls: 'Принятые звонки в рабочее время',
  kb: 'Актуальность базы знаний',
  site: 'Актуальность сайта',
};

const decimal = (value: number) => value.toFixed(1).replace('.', ',');
export const points = (value: number | null) => (value === null ? '—' : decimal(value));

export function exportTables({ dashboard: d, index }: ExportInput): ExportTable[] {
  const counts = (title: string, rows: { label: string; count: number }[]): ExportTable => ({
    title,
    header: ['', 'Количество'],
    rows: rows.map((r) => [r.label, r.count]),
  });
  return [
    {
      title: 'Индекс клиентоцентричности',
      header: ['Составляющая', 'Значение', 'Вес', 'Потеряно баллов'],
      rows: [
        ['Индекс', points(index.agency.value), '', ''],
        ...index.agency.parts.map((p) => [
          COMPONENT_TITLES[p.component],
          percent(p.value),
          percent(p.weight),
          decimal(p.lostPoints),
        ]),
      ],
    },
    {
      title: 'Соблюдение сроков',
      header: ['', 'Количество'],
      rows: [
        ['Всего обращений', d.deadlines.total],
        ['Ответ в срок', d.deadlines.onTime],
        ['Ответ в продлённый срок', d.deadlines.extended],
        ['Срок нарушен', d.deadlines.overdue],
        ['Срок ещё идёт', d.deadlines.open],
      ],
    },
    counts('Обращения по каналам', d.requests.byChannel),
    counts('Обращения по видам', d.requests.byKind),
    counts('Обращения по статусам', d.requests.byStatus),
    counts('Обращения по темам', d.requests.byTopic),
    {
      title: 'Время ответа, рабочих дней',
      header: ['Рабочих дней', 'Количество'],
      rows: d.responseTime.bins.map((b) => [b.label, b.count]),
    },
    {
      title: 'Звонки в рабочее время',
      header: ['', 'Значение'],
      rows: [
        ['Звонков в рабочее время', d.calls.withinHours],
        ['Пропущено', d.calls.missed],
        ['Доля пропущенных', percent(d.calls.missedShare)],
      ],
    },
    {
      title: 'Удовлетворённость по каналам',
      header: ['Канал', 'Ответов', 'Удовлетворены', 'Доля'],
      rows: [
        ['Всего', d.satisfaction.answered, d.satisfaction.satisfied, percent(d.satisfaction.share)],
        ...d.satisfaction.byChannel.map((c) => [
          SATISFACTION_CHANNEL_TITLES[c.key] ?? c.key,
          c.answered,
          c.satisfied ?? '—',
          percent(c.share),
        ]),
      ],
    },
    {
      title: 'Удовлетворённость по месяцам',
      header: ['Месяц', 'Ответов', 'Удовлетворены', 'Доля'],
      rows: d.satisfaction.months.map((m) => [m.key, m.answered, m.satisfied ?? '—', percent(m.share)]),
    },
    {
      title: 'Индекс по месяцам',
      header: ['Месяц', 'Индекс'],
      rows: index.months.map((m) => [m.month, points(m.index.value)]),
    },
    {
      title: 'Индекс по подразделениям',
      header: ['Подразделение', 'Индекс'],
      rows: index.departments.map((x) => [x.name, points(x.index.value)]),
    },
    {
      title: 'Разделы базы знаний с просроченной проверкой',
      header: ['Раздел', 'Проверить до'],
      rows: [
        ['Всего разделов / просрочено', `${d.kb.sections} / ${d.kb.pastReview}`],
        ...d.kb.items.map((i) => [i.title, i.reviewDueOn]),
      ],
    },
    {
      title: 'Страницы сайта с просроченной проверкой',
      header: ['Страница', 'Проверить до'],
      rows: [
        ['Всего страниц / просрочено', `${d.site.pages} / ${d.site.stale}`],
        ...d.site.items.map((i) => [i.title, i.reviewDueOn]),
      ],
    },
    {
      title: 'Частые вопросы без статьи в базе знаний',
      header: ['Вопрос', 'Обращений и звонков'],
      rows: d.kbGaps.map((g) => [g.title, g.size]),
    },
  ];
}

const titleLines = ({ dashboard: d, departmentNames }: ExportInput) => [
  d.agency.name,
  'Мониторинг клиентоцентричности',
  `Период: ${d.from} — ${d.to}`,
  `Подразделения: ${departmentNames?.join(', ') || 'все'}`,
  `Канал: ${d.channel ?? 'все'}`,
];

export async function dashboardWorkbook(input: ExportInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Мониторинг');
  for (const line of titleLines(input)) sheet.addRow([line]);
  for (const table of exportTables(input)) {
    sheet.addRow([]);
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow(table.header).font = { bold: true };
    sheet.addRows(table.rows);
  }
  sheet.getColumn(1).width = 60;
  for (const column of [2, 3, 4]) sheet.getColumn(column).width = 16;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function dashboardPdf(input: ExportInput): Promise<Buffer> {
  const [agency, ...subtitle] = titleLines(input);
  const tables: Content[] = exportTables(input).flatMap((t): Content[] => [
    { text: t.title, style: 'h2', margin: [0, 10, 0, 4] },
    t.rows.length
      ? {
          table: {
            headerRows: 1,
            widths: t.header.map((_, i) => (i === 0 ? '*' : 'auto')),
            body: [t.header.map((h) => ({ text: h, bold: true })), ...t.rows.map((r) => r.map(String))],
          },
          layout: 'lightHorizontalLines',
          fontSize: 9,
        }
      : { text: 'Нет данных за период', italics: true, fontSize: 9 },
  ]);
  return renderPdf({
    info: { title: 'Мониторинг клиентоцентричности', author: input.dashboard.agency.name },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { h1: { fontSize: 16, bold: true }, h2: { fontSize: 12, bold: true } },
    content: [{ text: agency ?? '', style: 'h1' }, ...subtitle.map((line) => ({ text: line })), ...tables],
  });
}
