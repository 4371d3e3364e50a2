import type { Touchpoint } from '../../../common/types.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { NotFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './repo.js';
import { assertWorkingHours } from './working-hours.js';

export type TouchpointInput = Omit<Touchpoint, 'id'>;

export const toTouchpoint = (row: repo.TouchpointRow): Touchpoint => ({
  id: row.id,
  kind: row.kind,
  mode: row.mode,
  title: row.title,
  value: row.value,
  hours: row.hours ?? null,
  note: row.note ?? null,
  isPublic: row.isPublic,
  sortOrder: row.sortOrder,
});

const touchpointNotFound = () => new NotFound('touchpoint_not_found', 'Точка взаимодействия не найдена');

export function createTouchpointService(db: Db, audit: AuditService) {
  async function requireTouchpoint(agencyId: string, id: string) {
    const row = await repo.findTouchpoint(db, agencyId, id);
    if (!row) throw touchpointNotFound();
    return toTouchpoint(row);
  }

  return {
    async list(actor: Actor): Promise<Touchpoint[]> {
      return (await repo.listTouchpoints(db, actor.agencyId, { publicOnly: false })).map(toTouchpoint);
    },

    async create(actor: Actor, input: TouchpointInput): Promise<Touchpoint> {
      if (input.hours) assertWorkingHours(input.hours, 'body.hours');
      return db.transaction(async (tx) => {
        const [row] = await repo.insertTouchpoints(tx, actor.agencyId, [input]);
        if (!row) throw new Error('touchpoint insert returned nothing');
        const created = toTouchpoint(row);
        await audit.record(tx, actor, 'touchpoint', created.id, { after: created });
        return created;
      });
    },

    async update(actor: Actor, id: string, patch: Partial<TouchpointInput>): Promise<Touchpoint> {
      if (patch.hours) assertWorkingHours(patch.hours, 'body.hours');
      const before = await requireTouchpoint(actor.agencyId, id);
      return db.transaction(async (tx) => {
        const row = await repo.updateTouchpoint(tx, actor.agencyId, id, patch);
        if (!row) throw touchpointNotFound();
        const after = toTouchpoint(row);
        await audit.record(tx, actor, 'touchpoint', id, { before, after });
        return after;
      });
    },

    async remove(actor: Actor, id: string): Promise<void> {
      const before = await requireTouchpoint(actor.agencyId, id);
      await db.transaction(async (tx) => {
        await repo.deleteTouchpoint(tx, actor.agencyId, id);
        await audit.record(tx, actor, 'touchpoint', id, { before });
      });
    },
  };
}

export type TouchpointService = ReturnType<typeof createTouchpointService>;
