// Dates of a request as the agency counts them: in its own time zone, whatever the visitor's clock;
// and counts of characters.

/** «23 декабря 2026 г.» */
export function formatDay(iso: string, timeZone: string, locale = 'ru-RU'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone }).format(new Date(iso));
}

/** «23 декабря 2026 г. в 14:05» */
export function formatDateTime(iso: string, timeZone: string, locale = 'ru-RU'): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

/** «10 000»: digits grouped the Russian way. */
export function formatCount(value: number, locale = 'ru-RU'): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Values for an i18n message: numbers grouped, and `over` doubling as the plural `count`. */
export function countValues(values: Record<string, number> = {}): Record<string, string | number> {
  const formatted: Record<string, string | number> = Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, formatCount(value)]),
  );
  if (values.over !== undefined) formatted.count = values.over;
  return formatted;
}
