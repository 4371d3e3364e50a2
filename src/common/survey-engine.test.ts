import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answersFromCodes, checkDefinition } from './survey-definition.js';
import { isShown, resolveQuestions, validateAnswers } from './survey-engine.js';
import type { SurveyDefinition, SurveyQuestion } from './surveys.js';

const form: SurveyDefinition = {
  title: 'Проба',
  resources: [
    { id: 'site', label: 'Сайт' },
    { id: 'vk', label: 'ВКонтакте' },
  ],
  questions: [
    { id: 'when', type: 'auto', autoFill: 'datetime', code: '13', text: 'Дата' },
    {
      id: 'q1',
      type: 'single',
      code: '21',
      required: true,
      text: 'Удовлетворены?',
      options: [
        { id: '1', label: 'Да' },
        { id: '2', label: 'Другое (укажите)', other: true },
      ],
    },
    {
      id: 'q2',
      type: 'multiple',
      text: 'Источники',
      options: [
        { id: 'a', label: 'А' },
        { id: 'x', label: 'Другое (укажите)', other: true },
      ],
    },
    {
      id: 'q22',
      type: 'matrix',
      code: '22',
      rowsFromResources: true,
      text: 'Как часто',
      options: [
        { id: '1', label: 'Постоянно' },
        { id: '4', label: 'Затрудняюсь ответить' },
      ],
    },
    {
      id: 'found',
      type: 'yesno',
      rows: [{ id: 'site', label: 'Сайт' }],
      text: 'Нашли?',
      options: [
        { id: 'yes', label: 'Да' },
        { id: 'no', label: 'Нет' },
        { id: 'unsure', label: 'Затрудняюсь ответить' },
      ],
    },
    { id: 'q23', type: 'rating', code: '23', rowsFromResources: true, text: 'Насколько просто' },
    { id: 'why', type: 'text', text: 'Уточните', showWhen: { question: 'q23', values: [1, 2, 3] } },
    { id: 'overall', type: 'rating', text: 'Оценка' },
  ],
};
const questions = resolveQuestions(form);
const fields = (answers: unknown, allowAuto = false) =>
  validateAnswers(questions, answers, { path: 'body.answers', allowAuto }).map((e) => e.field);

describe('survey engine', () => {
  it('fills resource rows and derives their paper codes from the question code', () => {
    const q23 = questions.find((q) => q.id === 'q23');
    expect(q23?.rows).toEqual([
      { id: 'site', label: 'Сайт', code: '23.1' },
      { id: 'vk', label: 'ВКонтакте', code: '23.2' },
    ]);
    expect(checkDefinition(form)).toBeNull();
  });

  it('accepts a complete valid questionnaire of every type', () => {
    expect(
      fields({
        q1: { choice: '2', other: 'Свой ответ' },
        q2: { choices: ['a', 'x'], other: 'Газета' },
        q22: { site: '1', vk: '4' },
        found: { site: 'unsure' },
        q23: { site: 5, vk: 2 },
        why: 'Не нашёл график приёма',
        overall: 4,
      }),
    ).toEqual([]);
  });

  it('asks for a required question and names it', () => {
    expect(fields({ overall: 3 })).toEqual(['body.answers.q1']);
  });

  it('rejects unknown questions, rows, options and wrong types with the field path', () => {
    expect(fields({ q1: { choice: '1' }, nope: 1 })).toEqual(['body.answers.nope']);
    expect(fields({ q1: { choice: '9' } })).toEqual(['body.answers.q1']);
    expect(fields({ q1: '1' })).toEqual(['body.answers.q1']);
    expect(fields({ q1: { choice: '1' }, q22: { tg: '1' } })).toEqual(['body.answers.q22.tg']);
    expect(fields({ q1: { choice: '1' }, q22: { site: '3' } })).toEqual(['body.answers.q22.site']);
    expect(fields({ q1: { choice: '1' }, q2: { choices: ['a', 'a'] } })).toEqual(['body.answers.q2']);
  });

  it('wants «Другое» text only with «Другое»', () => {
    expect(fields({ q1: { choice: '2' } })).toEqual(['body.answers.q1.other']);
    expect(fields({ q1: { choice: '1', other: 'лишнее' } })).toEqual(['body.answers.q1.other']);
    expect(fields({ q1: { choice: '1' }, q2: { choices: ['x'] } })).toEqual(['body.answers.q2.other']);
  });

  it('keeps scores within 1–5, whole', () => {
    for (const bad of [0, 6, 2.5, '3', null]) {
      expect(fields({ q1: { choice: '1' }, q23: { site: bad } })).toEqual(['body.answers.q23.site']);
    }
    expect(fields({ q1: { choice: '1' }, overall: 7 })).toEqual(['body.answers.overall']);
  });

  it('asks the follow-up only after a score of 1, 2 or 3 (seed 001)', () => {
    expect(isShown(questions[6] as SurveyQuestion, { q23: { site: 4, vk: 5 } })).toBe(false);
    expect(isShown(questions[6] as SurveyQuestion, { q23: { site: 4, vk: 3 } })).toBe(true);
    expect(fields({ q1: { choice: '1' }, q23: { site: 5 }, why: 'текст' })).toEqual(['body.answers.why']);
    expect(fields({ q1: { choice: '1' }, q23: { site: 1 }, why: 'текст' })).toEqual([]);
  });

  it('lets only staff give the automatic date, in dd.mm.yyyy hh:mm', () => {
    expect(fields({ q1: { choice: '1' }, when: '01.02.2026 10:30' })).toEqual(['body.answers.when']);
    expect(fields({ q1: { choice: '1' }, when: '01.02.2026 10:30' }, true)).toEqual([]);
    expect(fields({ q1: { choice: '1' }, when: '2026-02-01' }, true)).toEqual(['body.answers.when']);
  });

  it('turns paper codes into answers', () => {
    const { answers, errors } = answersFromCodes(questions, {
      '21': 1,
      '22.1': '4',
      '23.2': 3,
      why: 'Нет телефона',
    });
    expect(errors).toEqual([]);
    expect(answers).toEqual({ q1: { choice: '1' }, q22: { site: '4' }, q23: { vk: 3 }, why: 'Нет телефона' });
    expect(answersFromCodes(questions, { '99.9': 1 }).errors[0]?.field).toBe('body.codes.99.9');
  });

  it('rejects a form whose follow-up points at a question below it', () => {
    const broken = { ...form, questions: [...form.questions].reverse() };
    expect(checkDefinition(broken)?.field).toMatch(/showWhen/);
  });

  it('accepts every well-formed questionnaire', () => {
    const option = (ids: string[]) => fc.constantFrom(...ids);
    const score = fc.integer({ min: 1, max: 5 });
    const valid = fc
      .record(
        {
          q1: option(['1']).map((choice) => ({ choice })),
          q2: fc.uniqueArray(option(['a']), { minLength: 1 }).map((choices) => ({ choices })),
          q22: fc.record({ site: option(['1', '4']), vk: option(['1', '4']) }, { requiredKeys: ['site'] }),
          found: fc.record({ site: option(['yes', 'no', 'unsure']) }),
          q23: fc.record({ site: score, vk: score }),
          overall: score,
        },
        { requiredKeys: ['q1'] },
      )
      .map((answers) => {
        const low = answers.q23 && Object.values(answers.q23).some((v) => v <= 3);
        return low ? { ...answers, why: 'Не нашёл' } : answers;
      });
    fc.assert(
      fc.property(valid, (answers) => {
        expect(fields(answers)).toEqual([]);
      }),
    );
  });

  it('never throws and never accepts an unknown key, whatever arrives', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()), (answers) => {
        const errors = validateAnswers(questions, answers);
        const unknown = Object.keys(answers).filter((key) => !questions.some((q) => q.id === key));
        for (const key of unknown) expect(errors.map((e) => e.field)).toContain(`answers.${key}`);
      }),
    );
  });
});
