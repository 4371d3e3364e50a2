import type { Executor } from '../../db/client.js';
import { firstThatFits } from '../../lib/sms/segments.js';
import type { SmsSender } from '../channels/sms.transport.js';

interface NoticeAgency {
  id: string;
  slug: string;
  shortName: string;
  timezone: string;
}

/** «05.12.2026 14:30» in the agency's time zone: the shortest unambiguous form for an SMS. */
export function smsDateTime(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}.${part('month')}.${part('year')} ${part('hour')}:${part('minute')}`;
}

/**
 * Issue 7 p. 5: the booking confirmation and the day-before reminder by SMS, next to the e-mails.
 * Both are queued in the transaction that books or claims the reminder, so each goes once.
 */
export function createBookingSms(deps: { sms: SmsSender; publicUrl: string }) {
  const { sms } = deps;
  return {
    async confirmation(
      tx: Executor,
      input: { agency: NoticeAgency; phone: string | null; startsAt: Date; cancelToken: string | null },
    ) {
      if (!sms.canReceive(input.phone)) return false;
      const when = smsDateTime(input.startsAt, input.agency.timezone);
      const cancel = input.cancelToken
        ? ` Отменить: ${deps.publicUrl}/${input.agency.slug}/bookings/cancel?token=${input.cancelToken}`
        : '';
      // A long agency name gives way first: the time and the cancel link are what the SMS is for.
      const text = firstThatFits([
        `Вы записаны на личный приём ${when}, ${input.agency.shortName}. Возьмите паспорт.${cancel}`,
        `Вы записаны на личный приём ${when}.${cancel}`,
      ]);
      if (!text) return false;
      await sms.send({ to: input.phone, agencyId: input.agency.id, text }, tx);
      return true;
    },

    async reminder(tx: Executor, input: { agency: NoticeAgency; phone: string | null; startsAt: Date }) {
      if (!sms.canReceive(input.phone)) return false;
      const when = smsDateTime(input.startsAt, input.agency.timezone);
      const text = firstThatFits([
        `Напоминаем: личный приём ${when}, ${input.agency.shortName}. Возьмите паспорт. Отменить запись можно по ссылке из SMS о записи.`,
        `Напоминаем: личный приём ${when}. Отменить запись можно по ссылке из SMS о записи.`,
      ]);
      if (!text) return false;
      await sms.send({ to: input.phone, agencyId: input.agency.id, text }, tx);
      return true;
    },

    wake: () => sms.wake(),
  };
}
