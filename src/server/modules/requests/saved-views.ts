import type { Db } from '../../db/client.js';
import type { Actor } from '../../lib/actor.js';
import { Conflict, Invalid, NotFound } from '../../lib/errors.js';
import type { AuditService } from '../audit/service.js';
import * as repo from './saved-views.repo.js';

export const MAX_VIEWS_PER_USER = 30;

// The register's query parameters a view may hold; anything else is a typo or an attack.
const VIEW_PARAMETERS = new Set([
  'status',
  'kind',
  'channel',
  'overdue',
  'mine',
  'myDepartments',
  'department',
  'dueWithin',
  'topic',
  'q',
  'sort',
  'order',
]);

function checkedQuery(query: string): string {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  // A view is a filter, not a place in it: it always opens on the first page.
  params.delete('page');
  const unknown = [...params.keys()].find((key) => !VIEW_PARAMETERS.has(key));
  if (unknown) throw new Invalid('body.query', `Параметр «${unknown}» не относится к отбору реестра`);
  return params.toString();
}

const toView = (row: repo.ViewRow) => ({
  id: row.id,
  name: row.name,
  query: row.query,
});

/** Named register views of one staff member («Мой отдел, срок 3 дня»), seed 004's "electronic table". */
export function createSavedViews(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;
  return {
    async list(actor: Actor) {
      return (await repo.listViews(db, actor.agencyId, actor.userId)).map(toView);
    },

    async create(actor: Actor, input: { name: string; query: string }) {
      const query = checkedQuery(input.query);
      const name = input.name.trim();
      return db.transaction(async (tx) => {
        const existing = await repo.listViews(tx, actor.agencyId, actor.userId);
        if (existing.length >= MAX_VIEWS_PER_USER) {
          throw new Conflict('too_many_views', `Можно сохранить не больше ${MAX_VIEWS_PER_USER} видов`);
        }
        if (existing.some((view) => view.name.toLowerCase() === name.toLowerCase())) {
          throw new Invalid('body.name', 'Вид с таким названием уже есть');
        }
        const row = await repo.insertView(tx, {
          agencyId: actor.agencyId,
          userId: actor.userId,
          name,
          query,
        });
        await audit.record(tx, actor, 'register_view', row.id, { after: toView(row) });
        return toView(row);
      });
    },

    async remove(actor: Actor, id: string) {
      await db.transaction(async (tx) => {
        const row = await repo.deleteView(tx, actor.agencyId, actor.userId, id);
        if (!row) throw new NotFound('view_not_found', 'Вид не найден');
        await audit.record(tx, actor, 'register_view', id, { before: toView(row) });
      });
    },
  };
}

export type SavedViews = ReturnType<typeof createSavedViews>;
