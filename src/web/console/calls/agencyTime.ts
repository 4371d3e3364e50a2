/** Minutes the zone is ahead of UTC at the given instant. */
function offsetMinutes(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * `YYYY-MM-DDTHH:mm` read on the agency's clock, as an ISO instant: an operator logs a call by the
 * agency's time whatever zone the browser is in. Checked twice so a DST edge lands right.
 */
export function agencyLocalToIso(local: string, timeZone: string | undefined): string {
  const naive = Date.parse(`${local}:00Z`);
  if (!timeZone) return new Date(naive).toISOString();
  const first = naive - offsetMinutes(naive, timeZone) * 60_000;
  return new Date(naive - offsetMinutes(first, timeZone) * 60_000).toISOString();
}

/** Today on the agency's clock as `YYYY-MM-DD`, shifted by whole days. */
export function agencyDay(timeZone: string | undefined, shiftDays = 0): string {
  const instant = Date.now() + shiftDays * 86_400_000;
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** Now on the agency's clock as `YYYY-MM-DDTHH:mm`. */
export function agencyNow(timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(Date.now());
  return parts.replace(' ', 'T');
}
