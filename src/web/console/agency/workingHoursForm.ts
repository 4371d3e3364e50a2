import type { TFunction } from 'i18next';
import type { Weekday, WorkingHours, WorkingInterval } from '../../../common/types';
import type { FieldErrors } from '../shared/fieldErrors';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Field paths match the server's (`workingHours.days.mon.start`) so its errors land in place. */
export function workingHoursFields(): string[] {
  const days = WEEKDAYS.flatMap((day) => [`workingHours.days.${day}.start`, `workingHours.days.${day}.end`]);
  return [
    ...days,
    'workingHours.lunch.start',
    'workingHours.lunch.end',
    'workingHours.lunch',
    'workingHours',
  ];
}

function checkInterval(interval: WorkingInterval, path: string, t: TFunction, errors: FieldErrors): void {
  if (!TIME.test(interval.start)) errors[`${path}.start`] = t('validation.time', { ns: 'common' });
  if (!TIME.test(interval.end)) errors[`${path}.end`] = t('validation.time', { ns: 'common' });
  // 'HH:MM' strings compare in time order.
  else if (TIME.test(interval.start) && interval.end <= interval.start) {
    errors[`${path}.end`] = t('validation.timeOrder', { ns: 'common' });
  }
}

export function validateWorkingHours(hours: WorkingHours, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  for (const day of WEEKDAYS) {
    const interval = hours.days[day];
    if (interval) checkInterval(interval, `workingHours.days.${day}`, t, errors);
  }
  if (hours.lunch) checkInterval(hours.lunch, 'workingHours.lunch', t, errors);
  return errors;
}

export const DEFAULT_INTERVAL: WorkingInterval = { start: '09:00', end: '18:00' };
export const DEFAULT_LUNCH: WorkingInterval = { start: '13:00', end: '14:00' };
