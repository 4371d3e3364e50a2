import type { CalendarDayKind, CalendarOverride, CalendarYearView } from '../../../common/types.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { type CalendarYear, ProductionCalendar } from '../../lib/calendar.js';
import { Invalid, NotFound } from '../../lib/errors.js';
import { createLookupCache } from '../../lib/lookup-cache.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './repo.js';

const toOverride = (row: { date: string; kind: CalendarDayKind; note: string | null }): CalendarOverride => ({
  date: row.date,
  kind: row.kind,
  note: row.note ?? null,
});

/** The national calendar from presets/calendar plus each agency's own day overrides. */
export function createCalendarService(db: Db, audit: AuditService, years: CalendarYear[]) {
  const byYear = new Map(years.map((year) => [year.year, year]));
  // Every intake computes a term with the agency's calendar; see LOOKUP_TTL_MS for how stale it may be.
  const calendars = createLookupCache<string, ProductionCalendar>();

  function assertKnownYear(year: number, field: string): CalendarYear {
    const data = byYear.get(year);
    if (!data) {
      const known = [...byYear.keys()].sort().join(', ');
      throw new Invalid(field, `Нет данных производственного календаря за ${year} год (есть: ${known})`);
    }
    return data;
  }

  return {
    forAgency(agencyId: string): Promise<ProductionCalendar> {
      return calendars.get(agencyId, async () => {
        const overrides = await repo.listCalendarOverrides(db, agencyId);
        return new ProductionCalendar(years, overrides);
      });
    },

    async view(actor: Actor, year: number): Promise<CalendarYearView> {
      const data = assertKnownYear(year, 'query.year');
      const overrides = await repo.listCalendarOverrides(
        db,
        actor.agencyId,
        `${year}-01-01`,
        `${year}-12-31`,
      );
      return { ...data, overrides: overrides.map(toOverride) };
    },

    async setOverride(actor: Actor, date: string, kind: CalendarDayKind, note: string | null) {
      assertKnownYear(Number(date.slice(0, 4)), 'params.date');
      const after = await db.transaction(async (tx) => {
        const before = await repo.findCalendarOverride(tx, actor.agencyId, date);
        const saved = await repo.upsertCalendarOverride(tx, { agencyId: actor.agencyId, date, kind, note });
        if (!saved) throw new Error('calendar override upsert returned nothing');
        const after = toOverride(saved);
        await audit.record(tx, actor, 'calendar_day', date, {
          before: before ? toOverride(before) : null,
          after,
        });
        return after;
      });
      calendars.invalidate(actor.agencyId);
      return after;
    },

    async removeOverride(actor: Actor, date: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await repo.findCalendarOverride(tx, actor.agencyId, date);
        if (!before)
          throw new NotFound('calendar_override_not_found', 'Для этого дня нет изменений ведомства');
        await repo.deleteCalendarOverride(tx, actor.agencyId, date);
        await audit.record(tx, actor, 'calendar_day', date, { before: toOverride(before) });
      });
      calendars.invalidate(actor.agencyId);
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
