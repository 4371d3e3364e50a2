// The booking e-mails (seed 003 p. 28): the confirmation with the cancellation link, and the
// reminder a day before. Times are the agency's local time, as the citizen reads them.

const formatWhen = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);

interface Visit {
  agency: { name: string; timezone: string };
  startsAt: Date;
  official: { name: string; position: string };
  name: string;
}

export function confirmationMail(visit: Visit & { topic: string; cancelUrl: string }) {
  const when = formatWhen(visit.startsAt, visit.agency.timezone);
  return {
    subject: `Запись на личный приём — ${when}`,
    text: [
      `Здравствуйте, ${visit.name}!`,
      '',
      `Вы записаны на личный приём в «${visit.agency.name}».`,
      `Когда: ${when} (время местное).`,
      `Принимает: ${visit.official.name}, ${visit.official.position}.`,
      `Тема: ${visit.topic}`,
      '',
      'При себе необходимо иметь документ, удостоверяющий личность.',
      '',
      'Если вы не сможете прийти, отмените запись по ссылке:',
      visit.cancelUrl,
    ].join('\n'),
  };
}

export function reminderMail(visit: Visit) {
  const when = formatWhen(visit.startsAt, visit.agency.timezone);
  return {
    subject: `Напоминание о личном приёме — ${when}`,
    text: [
      `Здравствуйте, ${visit.name}!`,
      '',
      `Напоминаем: вы записаны на личный приём в «${visit.agency.name}».`,
      `Когда: ${when} (время местное).`,
      `Принимает: ${visit.official.name}, ${visit.official.position}.`,
      '',
      'При себе необходимо иметь документ, удостоверяющий личность.',
      'Если вы не сможете прийти, отмените запись по ссылке из письма с подтверждением.',
    ].join('\n'),
  };
}
