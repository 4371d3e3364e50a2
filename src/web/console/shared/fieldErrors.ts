import type { TFunction } from 'i18next';
import { ApiError } from '../../ui/api';
import { describeError } from './describeError';

export type FieldErrors = Record<string, string>;

export interface SplitError {
  fields: FieldErrors;
  /** Shown above the form when the error belongs to no visible input. */
  form: string | null;
}

/**
 * Puts a server error under the input it concerns. The server names the input by its path in
 * the request (`body.workingHours.days.mon.start`); forms name inputs by the same path without
 * the `body.` prefix, so the two meet without a lookup table.
 */
export function splitApiError(error: unknown, knownFields: readonly string[], t: TFunction): SplitError {
  const message = describeError(error, t);
  if (error instanceof ApiError && error.field) {
    const path = error.field.replace(/^body\./, '');
    // A field deeper than any input (e.g. `days.mon.start.0`) still lands on the nearest input.
    const match = knownFields.find((field) => path === field || path.startsWith(`${field}.`));
    if (match) return { fields: { [match]: error.message }, form: null };
  }
  return { fields: {}, form: message };
}

/** The messages of the checks that failed, by input; a check that passed returns null. */
export function collectErrors(checks: Record<string, string | null>): FieldErrors {
  return Object.fromEntries(
    Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}
