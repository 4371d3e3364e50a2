import {
  type AnswerError,
  type Answers,
  type AnswerValue,
  OTHER_MAX_LENGTH,
  RATING_MAX,
  RATING_MIN,
  type SurveyDefinition,
  type SurveyQuestion,
  TEXT_MAX_LENGTH,
} from './surveys.js';

// The survey logic, pure so the portal shows the same errors the server enforces.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The questions as a respondent sees them: resource rows filled in, row codes derived from the question's. */
export function resolveQuestions(definition: SurveyDefinition): SurveyQuestion[] {
  return definition.questions.map((question) => {
    if (!question.rowsFromResources) return question;
    const rows = (definition.resources ?? []).map((resource, index) => ({
      id: resource.id,
      label: resource.label,
      ...(question.code ? { code: `${question.code}.${index + 1}` } : {}),
    }));
    const { rowsFromResources: _, ...rest } = question;
    return { ...rest, rows };
  });
}

function triggerValues(value: AnswerValue | undefined): (string | number)[] {
  if (value === undefined) return [];
  if (typeof value !== 'object') return [value];
  if ('choice' in value && typeof value.choice === 'string') return [value.choice];
  if ('choices' in value && Array.isArray(value.choices)) return value.choices;
  return Object.values(value as Record<string, string | number>);
}

/** A follow-up is asked only when its trigger holds (seed 001: a score of 1, 2 or 3). */
export function isShown(question: SurveyQuestion, answers: Answers): boolean {
  if (!question.showWhen) return true;
  const wanted = question.showWhen.values.map(String);
  return triggerValues(answers[question.showWhen.question]).some((v) => wanted.includes(String(v)));
}

const hasText = (value: unknown): value is string => typeof value === 'string' && value.trim().length > 0;

type Check = (question: SurveyQuestion, value: unknown, field: string) => AnswerError | null;

function checkOther(question: SurveyQuestion, chosen: string[], other: unknown, field: string) {
  const otherChosen = question.options?.some((o) => o.other && chosen.includes(o.id));
  if (other === undefined || other === '') {
    return otherChosen ? { field: `${field}.other`, message: 'Укажите свой вариант ответа' } : null;
  }
  if (!otherChosen)
    return { field: `${field}.other`, message: 'Свой вариант указывают, только выбрав «Другое»' };
  if (typeof other !== 'string')
    return { field: `${field}.other`, message: 'Свой вариант должен быть текстом' };
  if (other.length > OTHER_MAX_LENGTH) {
    return { field: `${field}.other`, message: `Свой вариант длиннее ${OTHER_MAX_LENGTH} символов` };
  }
  return null;
}

const checkSingle: Check = (question, value, field) => {
  if (!isRecord(value) || typeof value.choice !== 'string') {
    return { field, message: 'Выберите один вариант ответа' };
  }
  const extra = Object.keys(value).find((key) => key !== 'choice' && key !== 'other');
  if (extra) return { field: `${field}.${extra}`, message: 'Лишнее поле в ответе' };
  if (!question.options?.some((o) => o.id === value.choice)) {
    return { field, message: 'Такого варианта ответа нет' };
  }
  return checkOther(question, [value.choice], value.other, field);
};

const checkMultiple: Check = (question, value, field) => {
  if (!isRecord(value) || !Array.isArray(value.choices)) {
    return { field, message: 'Выберите один или несколько вариантов ответа' };
  }
  const extra = Object.keys(value).find((key) => key !== 'choices' && key !== 'other');
  if (extra) return { field: `${field}.${extra}`, message: 'Лишнее поле в ответе' };
  const choices = value.choices as unknown[];
  if (choices.length === 0) return { field, message: 'Выберите хотя бы один вариант ответа' };
  if (new Set(choices).size !== choices.length) return { field, message: 'Вариант ответа выбран дважды' };
  for (const choice of choices) {
    if (typeof choice !== 'string' || !question.options?.some((o) => o.id === choice)) {
      return { field, message: 'Такого варианта ответа нет' };
    }
  }
  return checkOther(question, choices as string[], value.other, field);
};

function checkRows(question: SurveyQuestion, value: unknown, field: string, cell: Check): AnswerError | null {
  if (!isRecord(value)) return { field, message: 'Ответьте по строкам вопроса' };
  const rows = question.rows ?? [];
  const unknownRow = Object.keys(value).find((key) => !rows.some((row) => row.id === key));
  if (unknownRow !== undefined)
    return { field: `${field}.${unknownRow}`, message: 'Такой строки в вопросе нет' };
  if (Object.keys(value).length === 0) return { field, message: 'Ответьте хотя бы по одной строке' };
  for (const row of rows) {
    if (value[row.id] === undefined) {
      if (question.required) return { field: `${field}.${row.id}`, message: 'Ответьте по этой строке' };
      continue;
    }
    const problem = cell(question, value[row.id], `${field}.${row.id}`);
    if (problem) return problem;
  }
  return null;
}

const checkColumn: Check = (question, value, field) =>
  typeof value === 'string' && question.options?.some((o) => o.id === value)
    ? null
    : { field, message: 'Такого варианта ответа нет' };

const checkScore: Check = (_question, value, field) =>
  Number.isInteger(value) && (value as number) >= RATING_MIN && (value as number) <= RATING_MAX
    ? null
    : { field, message: `Оценка — целое число от ${RATING_MIN} до ${RATING_MAX}` };

const checkText: Check = (_question, value, field) => {
  if (typeof value !== 'string') return { field, message: 'Ответ должен быть текстом' };
  if (value.length > TEXT_MAX_LENGTH) return { field, message: `Ответ длиннее ${TEXT_MAX_LENGTH} символов` };
  return null;
};

/** dd.mm.yyyy or dd.mm.yyyy hh:mm, as written on a paper questionnaire. */
export const PAPER_DATETIME =
  /^(0[1-9]|[12][0-9]|3[01])\.(0[1-9]|1[0-2])\.(20[0-9]{2})( ([01][0-9]|2[0-3]):([0-5][0-9]))?$/;

function checkAuto(question: SurveyQuestion, value: unknown, field: string, allowAuto: boolean) {
  if (!allowAuto || question.autoFill !== 'datetime')
    return { field, message: 'Это поле заполняется автоматически' };
  return typeof value === 'string' && PAPER_DATETIME.test(value)
    ? null
    : { field, message: 'Дата и время — в виде дд.мм.гггг чч:мм' };
}

const CHECKS: Record<Exclude<SurveyQuestion['type'], 'auto'>, Check> = {
  single: checkSingle,
  multiple: checkMultiple,
  matrix: (q, v, f) => checkRows(q, v, f, checkColumn),
  yesno: (q, v, f) => checkRows(q, v, f, checkColumn),
  rating: (q, v, f) => (q.rows?.length ? checkRows(q, v, f, checkScore) : checkScore(q, v, f)),
  text: checkText,
};

const isEmpty = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !hasText(value));

export interface ValidateOptions {
  /** Where the answers sit in the request, for the error's field path. */
  path?: string;
  /** Staff entering a paper form may give the date and time it was filled in. */
  allowAuto?: boolean;
}

/**
 * Every problem of a set of answers, in form order: unknown questions, wrong types, out-of-range
 * scores, a follow-up answered without its trigger, a required question left empty.
 */
export function validateAnswers(
  questions: SurveyQuestion[],
  answers: unknown,
  options: ValidateOptions = {},
) {
  const path = options.path ?? 'answers';
  if (!isRecord(answers)) return [{ field: path, message: 'Ответы должны быть объектом' }];
  const errors: AnswerError[] = [];
  for (const key of Object.keys(answers)) {
    if (!questions.some((q) => q.id === key))
      errors.push({ field: `${path}.${key}`, message: 'Такого вопроса в анкете нет' });
  }
  const given = answers as Answers;
  for (const question of questions) {
    const field = `${path}.${question.id}`;
    const value = answers[question.id];
    if (question.type === 'auto') {
      const problem =
        value === undefined ? null : checkAuto(question, value, field, options.allowAuto === true);
      if (problem) errors.push(problem);
      continue;
    }
    if (!isShown(question, given)) {
      if (!isEmpty(value))
        errors.push({ field, message: 'Этот вопрос задаётся только при определённом ответе на предыдущий' });
      continue;
    }
    if (isEmpty(value)) {
      if (question.required) errors.push({ field, message: 'Ответьте, пожалуйста, на этот вопрос' });
      continue;
    }
    const problem = CHECKS[question.type](question, value, field);
    if (problem) errors.push(problem);
  }
  return errors;
}

/** The answers as stored: blank texts and unanswered follow-ups dropped. */
export function cleanAnswers(questions: SurveyQuestion[], answers: Answers): Answers {
  const clean: Answers = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (isEmpty(value) || value === undefined) continue;
    clean[question.id] = typeof value === 'string' ? value.trim() : value;
  }
  return clean;
}
