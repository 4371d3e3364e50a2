import type { BookingSource } from '../../../common/reception.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { startOfLocalDay } from '../../lib/calendar.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { Mailer } from '../../lib/mail.js';
import { requireE164 } from '../../lib/sms/phone.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { SmsSender } from '../channels/sms.transport.js';
import * as repo from './repo.js';
import { slotStarts, type WeeklyPattern } from './slots.js';
import { createBookingSms } from './sms-notices.js';

/** How far ahead the portal shows slots. */
const PUBLIC_HORIZON_DAYS = 60;
/** The longest period one generation may cover, so a typo cannot create years of slots. */
const MAX_GENERATION_DAYS = 366;
const REMINDER_LEAD_MS = 24 * 3600_000;

export interface Contact {
  name: string;
  phone?: string;
  email?: string;
  topic: string;
}

const slotTaken = () =>
  new Conflict('slot_taken', 'Это время уже занято. Выберите, пожалуйста, другое время', 'body.slotId');
const slotNotFound = () => new NotFound('slot_not_found', 'Время приёма не найдено');
const cancelLinkInvalid = () =>
  new NotFound('cancel_link_invalid', 'Ссылка недействительна: запись уже отменена или не найдена');

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === '23505') return true;
  }
  return false;
}

const toOfficial = (row: repo.OfficialRow) => ({
  id: row.id,
  name: row.name,
  position: row.position,
  userId: row.userId,
  active: row.active,
});
const toRoom = (row: repo.RoomRow) => ({ id: row.id, name: row.name, videoRecording: row.videoRecording });
const toBooking = (row: repo.BookingRow) => ({
  id: row.id,
  slotId: row.slotId,
  name: row.name,
  phone: row.phone,
  email: row.email,
  topic: row.topic,
  channel: row.channel,
  source: row.source,
  status: row.status,
  createdAt: row.createdAt.toISOString(),
});

const clean = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

const formatWhen = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('ru-RU', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);

/** Personal reception (seed 003 p. 28, 35.1): the schedule of officials, slots and bookings. */
export function createReceptionService(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  calendar: CalendarService;
  mailer: Mailer;
  sms: SmsSender;
  publicUrl: string;
}) {
  const { db, audit, agencies, calendar, mailer } = deps;
  const bookingSms = createBookingSms({ sms: deps.sms, publicUrl: deps.publicUrl });

  async function agencyOf(slug: string) {
    const agency = await agencies.findBySlug(slug);
    if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
    return agency;
  }

  async function requireOfficial(agencyId: string, id: string, field: string) {
    const official = await repo.findOfficial(db, agencyId, id);
    if (!official) throw new Invalid(field, 'Должностное лицо не найдено');
    return official;
  }

  /**
   * One booking of a slot. The partial unique index on live bookings decides between concurrent
   * attempts; the loser's insert fails and becomes a 409. The confirmation e-mail is queued in the
   * same transaction, so a refused booking sends nothing.
   */
  async function book(
    agency: { id: string; slug: string; name: string; shortName: string; timezone: string },
    slotId: string,
    contact: Contact,
    origin: { channel: 'portal' | 'staff'; source: BookingSource; userId: string | null },
    now: Date,
  ) {
    const found = await repo.findSlot(db, agency.id, slotId);
    if (!found) throw slotNotFound();
    if (found.slot.startsAt <= now) throw new Invalid('body.slotId', 'Это время уже прошло');
    if (!found.official.active)
      throw new Invalid('body.slotId', 'Это должностное лицо сейчас не ведёт приём');
    const name = clean(contact.name);
    const topic = clean(contact.topic);
    if (!name) throw new Invalid('body.name', 'Укажите имя');
    if (!topic) throw new Invalid('body.topic', 'Укажите тему обращения');
    const email = clean(contact.email)?.toLowerCase() ?? null;
    const typedPhone = clean(contact.phone);
    const phone = typedPhone ? requireE164(typedPhone, 'body.phone') : null;
    // The link goes in the e-mail and in the SMS alike: either is enough to cancel.
    const token = email || phone ? randomToken() : null;
    try {
      const booking = await db.transaction(async (tx) => {
        const row = await repo.insertBooking(tx, {
          agencyId: agency.id,
          slotId,
          name,
          phone,
          email,
          topic,
          channel: origin.channel,
          source: origin.source,
          cancelTokenHash: token ? sha256(token) : null,
          createdBy: origin.userId,
          createdAt: now,
        });
        await audit.record(tx, { agencyId: agency.id, userId: origin.userId }, 'reception_booking', row.id, {
          after: toBooking(row),
        });
        if (email && token) {
          const when = formatWhen(found.slot.startsAt, agency.timezone);
          await mailer.send(
            {
              to: email,
              agencyId: agency.id,
              subject: `Запись на личный приём — ${when}`,
              text: [
                `Здравствуйте, ${name}!`,
                '',
                `Вы записаны на личный приём в «${agency.name}».`,
                `Когда: ${when} (время местное).`,
                `Принимает: ${found.official.name}, ${found.official.position}.`,
                `Тема: ${topic}`,
                '',
                'При себе необходимо иметь документ, удостоверяющий личность.',
                '',
                'Если вы не сможете прийти, отмените запись по ссылке:',
                `${deps.publicUrl}/${agency.slug}/bookings/cancel?token=${token}`,
              ].join('\n'),
            },
            tx,
          );
        }
        await bookingSms.confirmation(tx, {
          agency,
          phone,
          startsAt: found.slot.startsAt,
          cancelToken: token,
        });
        return row;
      });
      mailer.wake();
      bookingSms.wake();
      return { booking, startsAt: found.slot.startsAt };
    } catch (error) {
      if (isUniqueViolation(error)) throw slotTaken();
      throw error;
    }
  }

  return {
    async listOfficials(actor: Actor) {
      return (await repo.listOfficials(db, actor.agencyId)).map(toOfficial);
    },

    async createOfficial(actor: Actor, input: { name: string; position: string; userId?: string | null }) {
      return db.transaction(async (tx) => {
        const row = await repo.insertOfficial(tx, {
          agencyId: actor.agencyId,
          name: input.name.trim(),
          position: input.position.trim(),
          userId: input.userId ?? null,
        });
        await audit.record(tx, actor, 'reception_official', row.id, { after: toOfficial(row) });
        return toOfficial(row);
      });
    },

    async updateOfficial(
      actor: Actor,
      id: string,
      patch: { name?: string; position?: string; userId?: string | null; active?: boolean },
    ) {
      return db.transaction(async (tx) => {
        const before = await repo.findOfficial(tx, actor.agencyId, id);
        if (!before) throw new NotFound('official_not_found', 'Должностное лицо не найдено');
        const row = await repo.updateOfficial(tx, actor.agencyId, id, {
          ...patch,
          name: patch.name?.trim(),
          position: patch.position?.trim(),
        });
        if (!row) throw new NotFound('official_not_found', 'Должностное лицо не найдено');
        await audit.record(tx, actor, 'reception_official', id, {
          before: toOfficial(before),
          after: toOfficial(row),
        });
        return toOfficial(row);
      });
    },

    async listRooms(actor: Actor) {
      return (await repo.listRooms(db, actor.agencyId)).map(toRoom);
    },

    async createRoom(actor: Actor, input: { name: string; videoRecording: boolean }) {
      return db.transaction(async (tx) => {
        const row = await repo.insertRoom(tx, {
          agencyId: actor.agencyId,
          name: input.name.trim(),
          videoRecording: input.videoRecording,
        });
        await audit.record(tx, actor, 'reception_room', row.id, { after: toRoom(row) });
        return toRoom(row);
      });
    },

    async updateRoom(actor: Actor, id: string, patch: { name?: string; videoRecording?: boolean }) {
      return db.transaction(async (tx) => {
        const before = await repo.findRoom(tx, actor.agencyId, id);
        if (!before) throw new NotFound('room_not_found', 'Помещение не найдено');
        const row = await repo.updateRoom(tx, actor.agencyId, id, { ...patch, name: patch.name?.trim() });
        if (!row) throw new NotFound('room_not_found', 'Помещение не найдено');
        await audit.record(tx, actor, 'reception_room', id, { before: toRoom(before), after: toRoom(row) });
        return toRoom(row);
      });
    },

    /**
     * Slots of one official for a period from a weekly pattern, only on the agency's working days
     * (its production calendar, holidays excluded). Slots that exist already are kept as they are.
     */
    async generateSlots(
      actor: Actor,
      input: { officialId: string; roomId?: string | null; from: string; to: string; pattern: WeeklyPattern },
    ) {
      if (input.to < input.from) throw new Invalid('body.to', 'Конец периода раньше его начала');
      const days = (Date.parse(input.to) - Date.parse(input.from)) / 86_400_000 + 1;
      if (days > MAX_GENERATION_DAYS)
        throw new Invalid('body.to', `Период не может быть длиннее ${MAX_GENERATION_DAYS} дней`);
      await requireOfficial(actor.agencyId, input.officialId, 'body.officialId');
      if (input.roomId && !(await repo.findRoom(db, actor.agencyId, input.roomId)))
        throw new Invalid('body.roomId', 'Помещение не найдено');
      const agency = await agencies.byId(actor.agencyId);
      const productionCalendar = await calendar.forAgency(actor.agencyId);
      const starts = slotStarts(input.from, input.to, input.pattern, {
        isWorkingDay: (date) => productionCalendar.isWorkingDay(date),
        startOfDay: (date) => startOfLocalDay(date, agency.timezone),
      });
      return db.transaction(async (tx) => {
        const created = await repo.insertSlots(
          tx,
          starts.map((startsAt) => ({
            agencyId: actor.agencyId,
            officialId: input.officialId,
            roomId: input.roomId ?? null,
            startsAt,
            endsAt: new Date(startsAt.getTime() + input.pattern.minutes * 60_000),
          })),
        );
        await audit.record(tx, actor, 'reception_slots', input.officialId, {
          before: {},
          after: { from: input.from, to: input.to, pattern: input.pattern, created: created.length },
        });
        return { created: created.length, skipped: starts.length - created.length };
      });
    },

    /** Slots of a period of local dates with their live bookings, for the console. */
    async listSlots(actor: Actor, from: string, to: string) {
      const agency = await agencies.byId(actor.agencyId);
      const rows = await repo.listSlotsWithBookings(
        db,
        actor.agencyId,
        startOfLocalDay(from, agency.timezone),
        new Date(startOfLocalDay(to, agency.timezone).getTime() + 86_400_000),
      );
      return rows.map(({ slot, official, room, booking }) => ({
        id: slot.id,
        startsAt: slot.startsAt.toISOString(),
        endsAt: slot.endsAt.toISOString(),
        official: toOfficial(official),
        room: room ? toRoom(room) : null,
        booking: booking ? toBooking(booking) : null,
      }));
    },

    async bookForClient(
      actor: Actor,
      slotId: string,
      contact: Contact & { source: 'written' | 'oral' },
      now = new Date(),
    ) {
      const agency = await agencies.byId(actor.agencyId);
      const { booking } = await book(
        { ...agency, id: actor.agencyId },
        slotId,
        contact,
        { channel: 'staff', source: contact.source, userId: actor.userId },
        now,
      );
      return toBooking(booking);
    },

    async cancelByStaff(actor: Actor, id: string, now = new Date()) {
      return db.transaction(async (tx) => {
        const before = await repo.findBooking(tx, actor.agencyId, id);
        if (!before) throw new NotFound('booking_not_found', 'Запись не найдена');
        const row = await repo.cancelBooking(tx, actor.agencyId, id, now);
        if (!row) throw new Conflict('booking_not_active', 'Запись уже отменена');
        await audit.record(tx, actor, 'reception_booking', id, {
          before: toBooking(before),
          after: toBooking(row),
        });
        return toBooking(row);
      });
    },

    /** Future slots of active officials for the portal; `available` is false once booked. */
    async publicSlots(slug: string, now = new Date()) {
      const agency = await agencyOf(slug);
      const rows = await repo.listSlotsWithBookings(
        db,
        agency.id,
        now,
        new Date(now.getTime() + PUBLIC_HORIZON_DAYS * 86_400_000),
      );
      return rows
        .filter(({ official, slot }) => official.active && slot.startsAt > now)
        .map(({ slot, official, booking }) => ({
          id: slot.id,
          startsAt: slot.startsAt.toISOString(),
          official: `${official.name}, ${official.position}`,
          available: booking === null,
        }));
    },

    async bookFromPortal(slug: string, slotId: string, contact: Contact, now = new Date()) {
      const agency = await agencyOf(slug);
      const { booking, startsAt } = await book(
        agency,
        slotId,
        contact,
        { channel: 'portal', source: 'portal', userId: null },
        now,
      );
      return { id: booking.id, startsAt: startsAt.toISOString() };
    },

    /** What the cancellation page shows before the citizen presses the button. */
    async describeByToken(slug: string, token: string) {
      const agency = await agencyOf(slug);
      const found = await repo.findBookingByToken(db, agency.id, sha256(token));
      if (found?.booking.status !== 'booked') throw cancelLinkInvalid();
      return { startsAt: found.slot.startsAt.toISOString(), topic: found.booking.topic };
    },

    /** The one-click cancellation; the token is spent with the booking. */
    async cancelByToken(slug: string, token: string, now = new Date()) {
      const agency = await agencyOf(slug);
      await db.transaction(async (tx) => {
        const found = await repo.findBookingByToken(tx, agency.id, sha256(token));
        if (!found) throw cancelLinkInvalid();
        const row = await repo.cancelBooking(tx, agency.id, found.booking.id, now);
        if (!row) throw cancelLinkInvalid();
        await audit.record(tx, { agencyId: agency.id, userId: null }, 'reception_booking', row.id, {
          before: toBooking(found.booking),
          after: toBooking(row),
        });
      });
    },

    /** The reminder e-mail a day before the visit, sent once per booking. */
    async remindAll(now = new Date()) {
      let sent = 0;
      for (const agencyId of await agencies.allAgencyIds()) {
        const agency = await agencies.byId(agencyId);
        const due = await repo.bookingsToRemind(
          db,
          agencyId,
          now,
          new Date(now.getTime() + REMINDER_LEAD_MS),
        );
        for (const { booking, slot, official } of due) {
          const email = booking.email;
          const claimed = await db.transaction(async (tx) => {
            if (!(await repo.claimReminder(tx, booking.id, now))) return false;
            const texted = await bookingSms.reminder(tx, {
              agency: { ...agency, id: agencyId },
              phone: booking.phone,
              startsAt: slot.startsAt,
            });
            if (!email) return texted;
            const when = formatWhen(slot.startsAt, agency.timezone);
            await mailer.send(
              {
                to: email,
                agencyId,
                subject: `Напоминание о личном приёме — ${when}`,
                text: [
                  `Здравствуйте, ${booking.name}!`,
                  '',
                  `Напоминаем: вы записаны на личный приём в «${agency.name}».`,
                  `Когда: ${when} (время местное).`,
                  `Принимает: ${official.name}, ${official.position}.`,
                  '',
                  'При себе необходимо иметь документ, удостоверяющий личность.',
                  'Если вы не сможете прийти, отмените запись по ссылке из письма с подтверждением.',
                ].join('\n'),
              },
              tx,
            );
            return true;
          });
          if (claimed) sent++;
        }
      }
      if (sent > 0) {
        mailer.wake();
        bookingSms.wake();
      }
      return sent;
    },
  };
}

export type ReceptionService = ReturnType<typeof createReceptionService>;
