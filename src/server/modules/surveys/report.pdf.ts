import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { AnalyticsCell, SurveyAnalytics } from '../../../common/survey-analytics.js';
import { renderPdf } from '../../lib/pdf.js';
import { percent, periodTitle, reportTables } from './report.tables.js';

// The annual monitoring report (seed 002 «ежегодный мониторинг»): tables, with charts drawn as PDF vectors.

const BAR_WIDTH = 200;
const BAR_COLOR = '#2f6fb3';

/** A horizontal bar as a vector rectangle, its length the value's share of the largest. */
function bar(value: number | null, largest: number): Content {
  if (value === null || largest === 0) return { text: '' };
  const width = Math.max(1, (value / largest) * BAR_WIDTH);
  return { canvas: [{ type: 'rect', x: 0, y: 1, w: width, h: 8, color: BAR_COLOR }] };
}

function table(
  title: string,
  header: string[],
  rows: (string | number)[][],
  bars?: (number | null)[],
): Content[] {
  const largest = Math.max(0, ...(bars ?? []).map((v) => v ?? 0));
  const withBars = bars !== undefined;
  return [
    { text: title, style: 'h2', margin: [0, 12, 0, 4] },
    {
      table: {
        headerRows: 1,
        widths: [...header.map((_, i) => (i === 0 ? '*' : 'auto')), ...(withBars ? [BAR_WIDTH] : [])],
        body: [
          [...header.map((h) => ({ text: h, bold: true })), ...(withBars ? [{ text: '' }] : [])],
          ...rows.map((row, i) => [
            ...row.map((v) => String(v)),
            ...(withBars ? [bar(bars[i] ?? null, largest)] : []),
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
      fontSize: 9,
    },
  ];
}

/** The monthly trend as a vector polyline over the visible months. */
function trendChart(months: AnalyticsCell[]): Content[] {
  const shown = months.filter((m) => !m.hidden && m.count !== null);
  if (shown.length < 2) return [];
  const width = 515;
  const height = 120;
  const largest = Math.max(...shown.map((m) => m.count ?? 0));
  const points = shown.map((m, i) => ({
    x: (i / (shown.length - 1)) * width,
    y: height - ((m.count ?? 0) / largest) * height,
  }));
  return [
    { text: 'Динамика числа ответов по месяцам', style: 'h2', margin: [0, 12, 0, 4] },
    {
      canvas: [
        { type: 'line', x1: 0, y1: height, x2: width, y2: height, lineWidth: 0.5, lineColor: '#888888' },
        { type: 'polyline', points, lineWidth: 2, lineColor: BAR_COLOR },
      ],
    },
    {
      columns: [
        { text: shown[0]?.label ?? '', fontSize: 8, width: '*' },
        { text: shown.at(-1)?.label ?? '', fontSize: 8, alignment: 'right', width: '*' },
      ],
    },
  ];
}

export function reportDocument(
  report: SurveyAnalytics,
  agency: { name: string },
  generatedAt: string,
): TDocumentDefinitions {
  const body: Content[] = [];
  for (const t of reportTables(report)) body.push(...table(t.title, t.header, t.rows, t.bars));
  return {
    info: { title: `Ежегодный мониторинг: ${report.title}`, author: agency.name },
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { h1: { fontSize: 18, bold: true }, h2: { fontSize: 12, bold: true } },
    content: [
      { text: agency.name, fontSize: 14, margin: [0, 120, 0, 24], alignment: 'center' },
      { text: 'Ежегодный мониторинг удовлетворённости информированием', style: 'h1', alignment: 'center' },
      { text: report.title, alignment: 'center', margin: [0, 12, 0, 0] },
      { text: `Период: ${periodTitle(report)}`, alignment: 'center', margin: [0, 24, 0, 0] },
      { text: `Всего анкет: ${report.total}`, alignment: 'center' },
      {
        text: `Удовлетворены: ${percent(report.satisfaction?.share ?? null)}`,
        alignment: 'center',
      },
      { text: `Сформирован ${generatedAt}`, alignment: 'center', margin: [0, 24, 0, 0], pageBreak: 'after' },
      ...(report.hidden
        ? [{ text: 'Менее 5 ответов за период: показатели не раскрываются.' }]
        : [...trendChart(report.months), ...body]),
    ],
  };
}

export const renderReportPdf = (report: SurveyAnalytics, agency: { name: string }, generatedAt: string) =>
  renderPdf(reportDocument(report, agency, generatedAt));
