import { describe, expect, it } from 'vitest';
import { majorityLabel, predict, train } from './classifier.js';
import { tokens } from './tokens.js';

const examples = [
  { label: 'works', text: 'Прошу согласовать проектную документацию на ремонт фасада здания' },
  { label: 'works', text: 'Как получить разрешение на проведение работ по сохранению объекта?' },
  { label: 'works', text: 'Согласование работ по реставрации кровли памятника' },
  { label: 'damage', text: 'Здание памятника разрушается, обвалилась штукатурка, примите меры' },
  { label: 'damage', text: 'На объекте культурного наследия ведутся незаконные работы, снесли крыльцо' },
  { label: 'damage', text: 'Сообщаю о разрушении исторического дома, окна выбиты' },
  { label: 'register', text: 'Прошу предоставить выписку из реестра объектов культурного наследия' },
  { label: 'register', text: 'Является ли дом объектом культурного наследия, есть ли он в реестре?' },
];

describe('Russian tokens', () => {
  it('joins word forms by stemming, folds ё and case, drops stop-words and numbers', () => {
    expect(new Set(tokens('Согласование согласования СОГЛАСОВАНИЮ')).size).toBe(1);
    expect(tokens('проверки')).toEqual(tokens('проверкой'));
    expect(tokens('Ёлка')).toEqual(tokens('елка'));
    expect(tokens('Здравствуйте, прошу я и вы 2024 г.')).toEqual([]);
  });
});

describe('multinomial Naive Bayes', () => {
  const model = train(examples);

  it('classifies a clear text right, with a word form it never saw', () => {
    const prediction = predict(model, 'Разрушение здания: обвалились балконы, дом разрушен');
    expect(prediction?.label).toBe('damage');
    expect(prediction?.probability).toBeGreaterThan(0.6);
    expect(predict(model, 'Нужна выписка из реестра на дом по ул. Ленина')?.label).toBe('register');
  });

  it('gives probabilities that sum to one over the labels', () => {
    const p = predict(model, 'согласовать работы на фасаде')?.probability ?? 0;
    expect(p).toBeGreaterThan(1 / 3);
    expect(p).toBeLessThanOrEqual(1);
  });

  it('falls back to the class priors for unknown words and for an empty text, without crashing', () => {
    const unknown = predict(model, 'Абырвалг кукареку qwerty 12345');
    expect(unknown?.label).toBe(majorityLabel(model));
    expect(unknown?.probability).toBeCloseTo(3 / 8, 5);
    expect(predict(model, '')?.probability).toBeCloseTo(3 / 8, 5);
  });

  it('returns null from a model trained on nothing', () => {
    expect(predict(train([]), 'Прошу согласовать работы')).toBeNull();
    expect(majorityLabel(train([]))).toBeNull();
  });
});
