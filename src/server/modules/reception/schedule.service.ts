import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { startOfLocalDay } from '../../lib/calendar.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import type { CalendarService } from '../agencies/calendar.service.js';
import type { AgencyService } from '../agencies/service.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './repo.js';
import { slotStarts, type WeeklyPattern } from './slots.js';
import { toBooking, toOfficial, toRoom } from './views.js';

/** The longest period one generation may cover, so a typo cannot create years of slots. */
const MAX_GENERATION_DAYS = 366;

/** The reception schedule (seed 003 p. 28, 35.1): officials, rooms and their slots. */
export function createReceptionSchedule(deps: {
  db: Db;
  audit: AuditService;
  agencies: AgencyService;
  calendar: CalendarService;
}) {
  const { db, audit, agencies, calendar } = deps;

  async function requireOfficial(agencyId: string, id: string, field: string) {
    const official = await repo.findOfficial(db, agencyId, id);
    if (!official) throw new Invalid(field, 'Должностное лицо не найдено');
    return official;
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
  };
}
