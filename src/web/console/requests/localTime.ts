import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

// A datetime-local input has no zone; staff type the agency's local time whatever their browser's is.

/** Now in the agency's zone, as a datetime-local value («2026-11-26T09:30»). */
export function localInputNow(timeZone: string): string {
  return format(new TZDate(Date.now(), timeZone), "yyyy-MM-dd'T'HH:mm");
}

/** A datetime-local value read in the agency's zone, as an ISO instant. */
export function localInputToIso(value: string, timeZone: string): string {
  const [date = '', time = '00:00'] = value.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hours, minutes] = time.split(':').map(Number);
  const local = new TZDate(year ?? 0, (month ?? 1) - 1, day ?? 1, hours ?? 0, minutes ?? 0, timeZone);
  return new Date(local.getTime()).toISOString();
}
