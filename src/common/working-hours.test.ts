import { describe, expect, it } from 'vitest';
import type { Weekday, WorkingHours } from './types.js';
import { describeWorkingHours, utcOffset } from './working-hours.js';

const short: Record<Weekday, string> = {
  mon: 'Пн',
  tue: 'Вт',
  wed: 'Ср',
  thu: 'Чт',
  fri: 'Пт',
  sat: 'Сб',
  sun: 'Вс',
};
const label = (day: Weekday) => short[day];
const nine = (end: string) => ({ start: '09:00', end });

describe('describeWorkingHours', () => {
  it('groups equal days and names the lunch break and days off', () => {
    const hours: WorkingHours = {
      days: {
        mon: nine('18:00'),
        tue: nine('18:00'),
        wed: nine('18:00'),
        thu: nine('18:00'),
        fri: nine('17:00'),
        sat: null,
        sun: null,
      },
      lunch: { start: '13:00', end: '13:48' },
    };
    expect(describeWorkingHours(hours, label)).toEqual({
      schedule: ['Пн–Чт 09:00–18:00', 'Пт 09:00–17:00'],
      lunch: '13:00–13:48',
      daysOff: 'Сб, Вс',
    });
  });

  it('handles a round-the-clock line with no day off and no lunch', () => {
    const always = { start: '00:00', end: '24:00' };
    const days = {
      mon: always,
      tue: always,
      wed: always,
      thu: always,
      fri: always,
      sat: always,
      sun: always,
    };
    expect(describeWorkingHours({ days, lunch: null }, label)).toEqual({
      schedule: ['Пн–Вс 00:00–24:00'],
      lunch: null,
      daysOff: null,
    });
  });

  it('lists a day off in the middle of the week', () => {
    const days = {
      mon: nine('18:00'),
      tue: nine('18:00'),
      wed: null,
      thu: nine('18:00'),
      fri: null,
      sat: null,
      sun: null,
    };
    expect(describeWorkingHours({ days, lunch: null }, label)).toMatchObject({
      schedule: ['Пн, Вт 09:00–18:00', 'Чт 09:00–18:00'],
      daysOff: 'Ср, Пт–Вс',
    });
  });
});

describe('utcOffset', () => {
  it('gives the offset of Russian zones without DST', () => {
    expect(utcOffset('Asia/Novosibirsk')).toBe('+7');
    expect(utcOffset('Asia/Yekaterinburg')).toBe('+5');
  });
});
