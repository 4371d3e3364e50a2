import type { WorkingHours, WorkingInterval } from '../../../common/types.js';
import { Invalid } from '../../lib/errors.js';

const day = (start: string, end: string): WorkingInterval => ({ start, end });

/** Hours of NSO executive bodies: Mon–Thu 09:00–18:00, Fri 09:00–17:00, lunch 13:00–13:48. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  days: {
    mon: day('09:00', '18:00'),
    tue: day('09:00', '18:00'),
    wed: day('09:00', '18:00'),
    thu: day('09:00', '18:00'),
    fri: day('09:00', '17:00'),
    sat: null,
    sun: null,
  },
  lunch: day('13:00', '13:48'),
};

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

function assertInterval(interval: WorkingInterval, field: string): void {
  if (minutes(interval.end) <= minutes(interval.start)) {
    throw new Invalid(`${field}.end`, 'Время окончания должно быть позже времени начала');
  }
}

/** The shape is checked by the route schema; these are the rules a schema cannot say. */
export function assertWorkingHours(hours: WorkingHours, field: string): void {
  for (const day of WEEKDAYS) {
    const interval = hours.days[day];
    if (interval) assertInterval(interval, `${field}.days.${day}`);
  }
  if (hours.lunch) assertInterval(hours.lunch, `${field}.lunch`);
  if (!WEEKDAYS.some((day) => hours.days[day])) {
    throw new Invalid(`${field}.days`, 'Укажите хотя бы один рабочий день');
  }
}

export function assertTimeZone(timeZone: string, field: string): void {
  try {
    new Intl.DateTimeFormat('ru-RU', { timeZone });
  } catch {
    throw new Invalid(field, 'Неизвестный часовой пояс (ожидается, например, Asia/Novosibirsk)');
  }
}
