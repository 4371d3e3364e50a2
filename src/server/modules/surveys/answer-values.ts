import type { Answers, SurveyQuestion } from '../../../common/surveys.js';
import type { Executor } from '../../db/client.js';
import { surveyAnswerValues } from './schema.js';

const TOP_SATISFACTION = /^(скорее )?удовлетворен(а)?$/i;

/** The question that asks about satisfaction and its top answer («Скорее удовлетворен»). */
export function satisfactionQuestion(questions: SurveyQuestion[]) {
  for (const question of questions) {
    if (question.type !== 'single') continue;
    const top = question.options?.find((o) => TOP_SATISFACTION.test(o.label.trim()));
    if (top) return { question, option: top };
  }
  return null;
}

/**
 * Whether a response gave the top satisfaction answer of the form it answered: stored on the
 * response and its values, so every breakdown counts the satisfied without a self-join.
 */
export function isSatisfied(questions: SurveyQuestion[], answers: Answers): boolean {
  const top = satisfactionQuestion(questions);
  const answer = top ? answers[top.question.id] : undefined;
  return (
    typeof answer === 'object' && answer !== null && 'choice' in answer && answer.choice === top?.option.id
  );
}

export interface AnswerValue {
  question: string;
  row: string;
  value: string;
}

/**
 * Flattens one response for `survey_answer_values`; migration 0022 does the same in SQL for the
 * answers stored before. Automatic fields (agency name, time) are the response's own columns.
 */
export function flattenAnswers(questions: SurveyQuestion[], answers: Answers): AnswerValue[] {
  const values: AnswerValue[] = [];
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer === undefined || question.type === 'auto') continue;
    const add = (row: string, value: string | number) =>
      values.push({ question: question.id, row, value: String(value) });
    if (typeof answer === 'string' || typeof answer === 'number') add('', answer);
    else if ('choice' in answer && typeof answer.choice === 'string') add('', answer.choice);
    else if ('choices' in answer && Array.isArray(answer.choices))
      for (const choice of answer.choices) add('', choice);
    else for (const [row, value] of Object.entries(answer)) add(row, value as string | number);
  }
  return values;
}

export async function insertAnswerValues(
  tx: Executor,
  response: {
    id: string;
    agencyId: string;
    surveyId: string;
    channel: string;
    submittedAt: Date;
    satisfied: boolean;
  },
  values: AnswerValue[],
) {
  if (values.length === 0) return;
  await tx.insert(surveyAnswerValues).values(
    values.map((v) => ({
      responseId: response.id,
      agencyId: response.agencyId,
      surveyId: response.surveyId,
      channel: response.channel as never,
      submittedAt: response.submittedAt,
      satisfied: response.satisfied,
      ...v,
    })),
  );
}
