import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { RATING_MAX, RATING_MIN, type SurveyQuestion } from '../../../common/surveys.js';

const BOX = 9;
const box = (): Content => ({ canvas: [{ type: 'rect', x: 0, y: 1, w: BOX, h: BOX, lineWidth: 0.8 }] });
const writeIn = (width = 300): Content => ({
  canvas: [{ type: 'line', x1: 0, y1: 12, x2: width, y2: 12, lineWidth: 0.5 }],
});
const scale = () => Array.from({ length: RATING_MAX - RATING_MIN + 1 }, (_, i) => RATING_MIN + i);

/** How the form names a question: its paper code in brackets, or its words where it has none. */
const nameOf = (question: SurveyQuestion) => (question.code ? `(${question.code})` : `«${question.text}»`);

function condition(question: SurveyQuestion, questions: SurveyQuestion[]): Content[] {
  if (!question.showWhen) return [];
  const trigger = questions.find((q) => q.id === question.showWhen?.question);
  if (!trigger) return [];
  return [
    {
      text: `Отвечайте, если в вопросе ${nameOf(trigger)} выбрано: ${question.showWhen.values.join(', ')}`,
      italics: true,
      fontSize: 8,
    },
  ];
}

/** Long lists (35 municipalities) go in two columns so the form stays short. */
const TWO_COLUMNS_FROM = 12;

function choices(question: SurveyQuestion): Content[] {
  const lines: Content[] = (question.options ?? []).map((option) => ({
    columns: [
      { width: BOX + 6, stack: [box()] },
      { width: 'auto', text: `${option.id}. ${option.label}` },
      ...(option.other ? [{ width: '*', stack: [writeIn(220)] } as Content] : []),
    ],
    columnGap: 4,
    margin: [12, 2, 0, 2],
  }));
  if (lines.length < TWO_COLUMNS_FROM) return lines;
  const half = Math.ceil(lines.length / 2);
  return [{ columns: [{ stack: lines.slice(0, half) }, { stack: lines.slice(half) }], columnGap: 8 }];
}

/** Rows × columns with a box in every cell; the row's paper code leads it. */
function grid(question: SurveyQuestion, columns: { id: string; label: string }[]): Content {
  const header = [
    { text: '', border: [false, false, false, false] },
    ...columns.map((column) => ({ text: `${column.id}. ${column.label}`, fontSize: 8, alignment: 'center' })),
  ];
  const body = (question.rows ?? []).map((row) => [
    { text: row.code ? `(${row.code}) ${row.label}` : row.label, fontSize: 9 },
    ...columns.map(() => ({ stack: [box()], alignment: 'center' })),
  ]);
  return {
    table: { headerRows: 1, widths: ['*', ...columns.map(() => 48)], body: [header, ...body] },
    layout: 'lightHorizontalLines',
    margin: [0, 4, 0, 4],
  } as Content;
}

function answerArea(question: SurveyQuestion): Content[] {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return choices(question);
    case 'matrix':
    case 'yesno':
      return [grid(question, question.options ?? [])];
    case 'rating': {
      const points = scale().map((n) => ({ id: String(n), label: '' }));
      const ends = [
        question.minLabel && `${RATING_MIN} — ${question.minLabel}`,
        question.maxLabel && `${RATING_MAX} — ${question.maxLabel}`,
      ];
      const legend: Content[] = ends.some(Boolean)
        ? [{ text: ends.filter(Boolean).join('; '), fontSize: 8, italics: true }]
        : [];
      if (!question.rows?.length)
        return [...legend, grid({ ...question, rows: [{ id: '', label: 'Оценка' }] }, points)];
      return [...legend, grid(question, points)];
    }
    case 'text':
      return [writeIn(480), writeIn(480), writeIn(480)];
    case 'auto':
      return [writeIn(200)];
  }
}

/**
 * A questionnaire to print and hand out (seed 003 p. 36, seed 001 Appendix 1): every box carries the
 * number or code the operator later types in «Ввод бумажных анкет», so paper answers count like any other.
 */
export function paperQuestionnaire(input: {
  agencyName: string;
  title: string;
  intro: string | null;
  questions: SurveyQuestion[];
}): TDocumentDefinitions {
  const body: Content[] = [];
  for (const question of input.questions) {
    // The agency is printed in the title; only the filling-in time is asked on paper.
    if (question.type === 'auto' && question.autoFill !== 'datetime') continue;
    // Rows carry their own codes; a question without rows is typed in under its code.
    const code = question.code && !question.rows?.length ? `(${question.code}) ` : '';
    body.push({
      stack: [
        ...(question.heading
          ? [{ text: question.heading, bold: true, fontSize: 11, margin: [0, 6, 0, 4] } as Content]
          : []),
        {
          text: [
            { text: code, bold: true },
            { text: question.text, bold: true },
            ...(question.required ? [{ text: ' *', color: '#b00020' }] : []),
            ...(question.hint ? [{ text: ` ${question.hint}`, italics: true }] : []),
          ],
        },
        ...condition(question, input.questions),
        ...answerArea(question),
      ],
      margin: [0, 6, 0, 4],
      unbreakable: true,
    });
  }
  return {
    info: { title: input.title, creator: 'Отклик' },
    pageSize: 'A4',
    pageMargins: [40, 40, 40, 48],
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    content: [
      { text: input.agencyName, fontSize: 9, color: '#555555' },
      { text: input.title, fontSize: 15, bold: true, margin: [0, 4, 0, 6] },
      ...(input.intro ? [{ text: input.intro, margin: [0, 0, 0, 6] } as Content] : []),
      {
        text: 'Отметьте ответ в квадрате. Номер рядом с ответом и код в скобках нужны сотруднику для ввода анкеты. * — обязательный вопрос.',
        fontSize: 8,
        italics: true,
        margin: [0, 0, 0, 8],
      },
      ...body,
    ],
    footer: (page, pages) => ({
      text: `${page} / ${pages}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 16, 0, 0],
    }),
  };
}
