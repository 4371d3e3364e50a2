import { type AnalyticsCell, MIN_CELL, type SurveyAnalytics } from '../../../common/survey-analytics.js';

/** One table of the annual report, the same in the PDF and as a sheet of the XLSX. */
export interface ReportTable {
  title: string;
  header: string[];
  rows: (string | number)[][];
  /** The value each row's bar shows in the PDF; absent for tables without a chart. */
  bars?: (number | null)[];
}

export const HIDDEN = `менее ${MIN_CELL} ответов`;

export const percent = (share: number | null) =>
  share === null ? '—' : `${(share * 100).toFixed(1).replace('.', ',')} %`;
const decimal = (n: number | null) => (n === null ? '—' : n.toFixed(2).replace('.', ','));
const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('.');

export const periodTitle = (report: SurveyAnalytics) =>
  report.from || report.to
    ? `${report.from ? `с ${ddmmyyyy(report.from)}` : ''} ${report.to ? `по ${ddmmyyyy(report.to)}` : ''}`.trim()
    : 'за всё время';

function cellsTable(title: string, first: string, cells: AnalyticsCell[]): ReportTable {
  return {
    title,
    header: [first, 'Ответов', 'Удовлетворены'],
    rows: cells.map((c) => [
      c.label,
      c.hidden ? HIDDEN : (c.count ?? 0),
      c.hidden ? '' : percent(c.satisfiedShare),
    ]),
    bars: cells.map((c) => c.count),
  };
}

/** Every table of the report, in the order the head reads them. */
export function reportTables(report: SurveyAnalytics): ReportTable[] {
  if (report.hidden) return [];
  const tables: ReportTable[] = [
    {
      title: 'Сводные показатели',
      header: ['Показатель', 'Значение'],
      rows: [
        ['Всего анкет', report.total],
        [
          `Доля ответивших «${report.satisfaction?.topAnswer ?? '—'}»`,
          percent(report.satisfaction?.share ?? null),
        ],
        ['Средняя оценка (1–5)', decimal(report.meanRating)],
      ],
    },
  ];
  for (const d of report.distributions) {
    const title = `${d.code ? `(${d.code}) ` : ''}${d.text}`;
    if (d.type === 'rating') {
      tables.push({
        title,
        header: ['Ресурс', 'Ответов', 'Средняя оценка', '1', '2', '3', '4', '5'],
        rows: d.rows.map((r) => [
          `${r.code ? `(${r.code}) ` : ''}${r.label}`,
          r.answered,
          decimal(r.mean),
          ...r.cells.map((c) => c.count),
        ]),
        bars: d.rows.map((r) => r.mean),
      });
    } else if (d.rows.length === 1) {
      const [row] = d.rows;
      tables.push({
        title,
        header: ['Вариант', 'Ответов', 'Доля'],
        rows: (row?.cells ?? []).map((c) => [
          c.label,
          c.count,
          percent(row?.answered ? c.count / row.answered : null),
        ]),
        bars: (row?.cells ?? []).map((c) => c.count),
      });
    } else {
      tables.push({
        title,
        header: ['Строка', ...(d.rows[0]?.cells ?? []).map((c) => c.label)],
        rows: d.rows.map((r) => [
          `${r.code ? `(${r.code}) ` : ''}${r.label}`,
          ...r.cells.map((c) => c.count),
        ]),
      });
    }
  }
  for (const t of report.themes) {
    tables.push({
      title: `Темы ответов: ${t.text}`,
      header: ['Тема', 'Ответов'],
      rows: t.groups.map((g) => [g.title, g.count]),
      bars: t.groups.map((g) => g.count),
    });
  }
  tables.push(cellsTable('Ответы по месяцам', 'Месяц', report.months));
  for (const b of report.breakdowns) tables.push(cellsTable(`В разрезе: ${b.title}`, b.title, b.cells));
  return tables;
}
