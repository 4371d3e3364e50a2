// The console shows dates as дд.мм.гггг (STYLE.md) in the agency's zone, whatever the language.
export const formatCardDate = (iso: string, timeZone: string | undefined) =>
  new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(
    new Date(iso),
  );

export const formatCardDateTime = (iso: string, timeZone: string | undefined) =>
  `${formatCardDate(iso, timeZone)} ${new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso))}`;
