import type { BookingSource } from '../../../common/reception.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { Mailer } from '../../lib/mail.js';
import { requireE164 } from '../../lib/sms/phone.js';
import { randomToken, sha256 } from '../../lib/tokens.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import type { SmsSender } from '../channels/sms.transport.js';
import { confirmationMail, reminderMail } from './booking-mails.js';
import * as repo from './repo.js';
import { createBookingSms } from './sms-notices.js';
import { toBooking } from './views.js';

/** How far ahead the portal shows slots. */
const PUBLIC_HORIZON_DAYS = 60;
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

const clean = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/** Bookings of reception slots by staff and from the portal, cancellations and reminders (seed 003 p. 28). */
export function createReceptionBookings(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  mailer: Mailer;
  sms: SmsSender;
  publicUrl: string;
}) {
  const { db, audit, agencies, mailer } = deps;
  const bookingSms = createBookingSms({ sms: deps.sms, publicUrl: deps.publicUrl });

  async function agencyOf(slug: string) {
    const agency = await agencies.findBySlug(slug);
    if (!agency) throw new NotFound('agency_not_found', 'Ведомство не найдено');
    return agency;
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
          await mailer.send(
            {
              to: email,
              agencyId: agency.id,
              ...confirmationMail({
                agency,
                startsAt: found.slot.startsAt,
                official: found.official,
                name,
                topic,
                cancelUrl: `${deps.publicUrl}/${agency.slug}/bookings/cancel?token=${token}`,
              }),
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

    /**
     * A citizen who came without booking, received on a free slot (its time may have begun): an
     * oral request in person, booked so the slot is taken and the card has its visit. No e-mail.
     */
    async bookWalkIn(actor: Actor, slotId: string, contact: Contact, now = new Date()) {
      const found = await repo.findSlot(db, actor.agencyId, slotId);
      if (!found) throw slotNotFound();
      const name = clean(contact.name);
      const topic = clean(contact.topic);
      if (!name) throw new Invalid('body.name', 'Укажите имя');
      if (!topic) throw new Invalid('body.topic', 'Укажите тему обращения');
      const typedPhone = clean(contact.phone);
      const phone = typedPhone ? requireE164(typedPhone, 'body.phone') : null;
      try {
        return await db.transaction(async (tx) => {
          const row = await repo.insertBooking(tx, {
            agencyId: actor.agencyId,
            slotId,
            name,
            phone,
            email: clean(contact.email)?.toLowerCase() ?? null,
            topic,
            channel: 'staff',
            source: 'oral',
            createdBy: actor.userId,
            createdAt: now,
          });
          await audit.record(tx, actor, 'reception_booking', row.id, { after: toBooking(row) });
          return row;
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw slotTaken();
        throw error;
      }
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
            await mailer.send(
              {
                to: email,
                agencyId,
                ...reminderMail({ agency, startsAt: slot.startsAt, official, name: booking.name }),
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
