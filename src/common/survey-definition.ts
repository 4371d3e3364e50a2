import { resolveQuestions } from './survey-engine.js';
import {
  type AnswerError,
  type Answers,
  QUESTION_TYPES,
  type SurveyDefinition,
  type SurveyQuestion,
  type SurveyRow,
} from './surveys.js';

// Whether a form an agency edits (or a preset) can be answered at all, and the paper-code entry.

const ID = /^[A-Za-z0-9_-]{1,40}$/;
const NEEDS_OPTIONS = ['single', 'multiple', 'matrix', 'yesno'];
const NEEDS_ROWS = ['matrix', 'yesno'];

function checkIds(items: { id: string }[], field: string, what: string): AnswerError | null {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (!ID.test(item.id))
      return { field: `${field}.${index}.id`, message: `Неверный идентификатор: ${what}` };
    if (seen.has(item.id))
      return { field: `${field}.${index}.id`, message: `Идентификатор повторяется: ${what}` };
    seen.add(item.id);
  }
  return null;
}

function checkQuestion(
  question: SurveyQuestion,
  index: number,
  earlier: SurveyQuestion[],
): AnswerError | null {
  const field = `body.questions.${index}`;
  if (!QUESTION_TYPES.includes(question.type))
    return { field: `${field}.type`, message: 'Неизвестный тип вопроса' };
  if (!question.text.trim()) return { field: `${field}.text`, message: 'Текст вопроса не может быть пустым' };
  if (NEEDS_OPTIONS.includes(question.type) && !question.options?.length) {
    return { field: `${field}.options`, message: 'Добавьте варианты ответа' };
  }
  if (NEEDS_ROWS.includes(question.type) && !question.rows?.length) {
    return { field: `${field}.rows`, message: 'Добавьте строки вопроса' };
  }
  if (question.type === 'auto' && !question.autoFill) {
    return { field: `${field}.autoFill`, message: 'Укажите, чем заполняется поле' };
  }
  const problem =
    checkIds(question.options ?? [], `${field}.options`, 'вариант ответа') ??
    checkIds(question.rows ?? [], `${field}.rows`, 'строка');
  if (problem) return problem;
  if (question.showWhen && !earlier.some((q) => q.id === question.showWhen?.question)) {
    return { field: `${field}.showWhen.question`, message: 'Условие ссылается на вопрос, которого нет выше' };
  }
  return null;
}

/** Every problem of a form definition, for the editor and for presets at start. */
export function checkDefinition(definition: SurveyDefinition): AnswerError | null {
  if (!definition.title.trim())
    return { field: 'body.title', message: 'Название опроса не может быть пустым' };
  if (definition.questions.length === 0)
    return { field: 'body.questions', message: 'Добавьте хотя бы один вопрос' };
  const idProblem =
    checkIds(definition.questions, 'body.questions', 'вопрос') ??
    checkIds(definition.resources ?? [], 'body.resources', 'ресурс');
  if (idProblem) return idProblem;
  const questions = resolveQuestions(definition);
  for (const [index, question] of questions.entries()) {
    if (definition.questions[index]?.rowsFromResources && !question.rows?.length) {
      return { field: 'body.resources', message: 'Перечень ресурсов не может быть пустым' };
    }
    const problem = checkQuestion(question, index, questions.slice(0, index));
    if (problem) return problem;
  }
  const codes = questions.flatMap((q) => [q.code, ...(q.rows ?? []).map((r) => r.code)]).filter(Boolean);
  const duplicate = codes.find((code, i) => codes.indexOf(code) !== i);
  return duplicate ? { field: 'body.questions', message: `Код ${duplicate} повторяется` } : null;
}

/** The fields a paper questionnaire is typed in by, in form order: a code, or the question id. */
export interface PaperField {
  key: string;
  question: SurveyQuestion;
  row: SurveyRow | undefined;
}

export function paperFields(questions: SurveyQuestion[]): PaperField[] {
  return questions.flatMap((question): PaperField[] => {
    if (question.type === 'auto' && question.autoFill !== 'datetime') return [];
    const rowsCarryCodes = question.rows?.length && question.type !== 'text';
    if (rowsCarryCodes) {
      return (question.rows ?? []).map((row) => ({
        key: row.code ?? `${question.id}.${row.id}`,
        question,
        row,
      }));
    }
    return [{ key: question.code ?? question.id, question, row: undefined }];
  });
}

function paperValue(question: SurveyQuestion, raw: string) {
  if (question.type === 'single') return { choice: raw };
  if (question.type === 'multiple') return { choices: raw.split(/[\s,;]+/).filter(Boolean) };
  if (question.type === 'rating') return Number(raw);
  return raw;
}

/**
 * A paper questionnaire typed in by its codes (seed 001: «(22.1)», «(23.4)») becomes answers. The
 * number written on paper is the option's number; scores stay numbers.
 */
export function answersFromCodes(questions: SurveyQuestion[], codes: Record<string, string | number>) {
  const fields = paperFields(questions);
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  for (const [key, given] of Object.entries(codes)) {
    const raw = String(given).trim();
    const field = fields.find((f) => f.key === key);
    if (!field) {
      errors.push({ field: `body.codes.${key}`, message: 'Такого кода в анкете нет' });
      continue;
    }
    if (raw === '') continue;
    const { question, row } = field;
    if (!row) {
      answers[question.id] = paperValue(question, raw);
      continue;
    }
    const rows = (answers[question.id] ?? {}) as Record<string, string | number>;
    rows[row.id] = question.type === 'rating' ? Number(raw) : raw;
    answers[question.id] = rows;
  }
  return { answers, errors };
}

/** The paper code an answer error is about, so the operator is sent back to the box they typed in. */
export function paperFieldOf(questions: SurveyQuestion[], field: string, path = 'body.answers'): string {
  const [questionId, rowId] = field.slice(path.length + 1).split('.');
  const match = paperFields(questions).find(
    (f) => f.question.id === questionId && (f.row === undefined || f.row.id === rowId),
  );
  return match ? `body.codes.${match.key}` : field;
}
