import type { TFunction } from 'i18next';
import type { Touchpoint, TouchpointKind, TouchpointMode, WorkingHours } from '../../../common/types';
import { DEFAULT_INTERVAL, validateWorkingHours, workingHoursFields } from '../agency/workingHoursForm';
import type { FieldErrors } from '../shared/fieldErrors';
import type { TouchpointInput } from './touchpointQueries';

export const TOUCHPOINT_FIELDS = [
  'kind',
  'mode',
  'title',
  'value',
  'note',
  'isPublic',
  'sortOrder',
  ...workingHoursFields('hours'),
];

/** Where a touchpoint gets hours of its own, start from a plain Monday–Friday week. */
export const DEFAULT_OWN_HOURS: WorkingHours = {
  days: {
    mon: DEFAULT_INTERVAL,
    tue: DEFAULT_INTERVAL,
    wed: DEFAULT_INTERVAL,
    thu: DEFAULT_INTERVAL,
    fri: DEFAULT_INTERVAL,
    sat: null,
    sun: null,
  },
  lunch: null,
};

// Places a citizen has to go to in person; everything else is reached remotely.
const OFFLINE_KINDS: readonly TouchpointKind[] = ['reception', 'post', 'governor_reception'];

export function suggestedMode(kind: TouchpointKind): TouchpointMode {
  return OFFLINE_KINDS.includes(kind) ? 'offline' : 'digital';
}

export function emptyTouchpoint(nextSortOrder: number): TouchpointInput {
  return {
    kind: 'site',
    mode: 'digital',
    title: '',
    value: '',
    hours: null,
    note: null,
    isPublic: true,
    sortOrder: nextSortOrder,
  };
}

export function toInput(touchpoint: Touchpoint): TouchpointInput {
  const { id: _id, ...input } = touchpoint;
  return input;
}

export function validateTouchpoint(input: TouchpointInput, t: TFunction): FieldErrors {
  const errors: FieldErrors = {};
  const required = t('validation.required', { ns: 'common' });
  if (!input.title.trim()) errors.title = required;
  if (!input.value.trim()) errors.value = required;
  if (!Number.isInteger(input.sortOrder)) errors.sortOrder = required;
  return input.hours ? { ...errors, ...validateWorkingHours(input.hours, t, 'hours') } : errors;
}

export function normalize(input: TouchpointInput): TouchpointInput {
  const note = input.note?.trim();
  return { ...input, title: input.title.trim(), value: input.value.trim(), note: note ? note : null };
}
