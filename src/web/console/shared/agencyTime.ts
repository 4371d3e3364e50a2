import { useAgency } from '../agency/agencyQueries';

/**
 * The console shows times in the agency's time zone, whatever the browser's zone is: a term ends
 * at the end of an agency-local day, and date filters are read as the agency's days.
 */
export function useAgencyTimezone(): string | undefined {
  return useAgency().data?.timezone;
}

export function formatDate(iso: string, locale: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

export function formatDateTime(iso: string, locale: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

/** A calendar date from the server ('YYYY-MM-DD'), shown as it is, in no time zone. */
export function formatCalendarDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}
