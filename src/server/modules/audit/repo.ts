import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { users } from '../auth/schema.js';
import { auditLog } from './schema.js';

export type AuditRow = typeof auditLog.$inferInsert;

export async function insertAuditRow(db: Executor, row: AuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}

export interface AuditFilter {
  entity?: string;
  action?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
}

export async function listAuditRows(
  db: Executor,
  agencyId: string,
  filter: AuditFilter,
  limit: number,
  offset: number,
) {
  const conditions: SQL[] = [eq(auditLog.agencyId, agencyId)];
  if (filter.entity) conditions.push(eq(auditLog.entity, filter.entity));
  if (filter.action) conditions.push(eq(auditLog.action, filter.action as 'create'));
  if (filter.actorId) conditions.push(eq(auditLog.actorId, filter.actorId));
  if (filter.from) conditions.push(gte(auditLog.at, filter.from));
  if (filter.to) conditions.push(lte(auditLog.at, filter.to));
  const where = and(...conditions);
  const [total] = await db.select({ value: count() }).from(auditLog).where(where);
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      before: auditLog.before,
      after: auditLog.after,
      actorId: users.id,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .offset(offset);
  return { total: total?.value ?? 0, rows };
}

/** A read entry unless the same person already has one for the record since `since`; true when written. */
export async function insertReadUnlessRecent(
  db: Executor,
  row: { agencyId: string; actorId: string | null; entity: string; entityId: string },
  since: Date,
): Promise<boolean> {
  const result = (await db.execute(sql`
    insert into ${auditLog} (agency_id, actor_id, action, entity, entity_id)
    select ${row.agencyId}::uuid, ${row.actorId}::uuid, 'read', ${row.entity}, ${row.entityId}
    where not exists (
      select 1 from ${auditLog}
      where agency_id = ${row.agencyId}::uuid and entity = ${row.entity} and entity_id = ${row.entityId}
        and action = 'read' and actor_id is not distinct from ${row.actorId}::uuid and at > ${since.toISOString()}::timestamptz
    )
    returning id`)) as unknown as { rows: unknown[] };
  return result.rows.length === 1;
}

/** Every entry about the given records of these kinds, oldest first, with who made it. */
export function listForEntities(db: Executor, agencyId: string, entities: string[], entityIds: string[]) {
  return db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      actorName: users.name,
      actorEmail: users.email,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(
      and(
        eq(auditLog.agencyId, agencyId),
        inArray(auditLog.entity, entities),
        inArray(auditLog.entityId, entityIds),
      ),
    )
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}
