import type { TFunction } from 'i18next';
import type { Weekday, WorkingHours, WorkingInterval } from '../../../common/types';
import type { FieldErrors } from '../shared/fieldErrors';

export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Field paths match the server's (`workingHours.days.mon.start`; a touchpoint's own hours are
 * `hours.days.mon.start`) so its errors land in place.
 */
export function workingHoursFields(path = 'workingHours'): string[] {
  const days = WEEKDAYS.flatMap((day) => [`${path}.days.${day}.start`, `${path}.days.${day}.end`]);
  return [...days, `${path}.lunch.start`, `${path}.lunch.end`, `${path}.lunch`, `${path}.days`, path];
}

function checkInterval(interval: WorkingInterval, path: string, t: TFunction, errors: FieldErrors): void {
  if (!TIME.test(interval.start)) errors[`${path}.start`] = t('validation.time', { ns: 'common' });
  if (!TIME.test(interval.end)) errors[`${path}.end`] = t('validation.time', { ns: 'common' });
  // 'HH:MM' strings compare in time order.
  else if (TIME.test(interval.start) && interval.end <= interval.start) {
    errors[`${path}.end`] = t('validation.timeOrder', { ns: 'common' });
  }
}

export function validateWorkingHours(hours: WorkingHours, t: TFunction, path = 'workingHours'): FieldErrors {
  const errors: FieldErrors = {};
  for (const day of WEEKDAYS) {
    const interval = hours.days[day];
    if (interval) checkInterval(interval, `${path}.days.${day}`, t, errors);
  }
  if (hours.lunch) checkInterval(hours.lunch, `${path}.lunch`, t, errors);
  return errors;
}

export const DEFAULT_INTERVAL: WorkingInterval = { start: '09:00', end: '18:00' };
export const DEFAULT_LUNCH: WorkingInterval = { start: '13:00', end: '14:00' };
