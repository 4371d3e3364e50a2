import { and, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { AuthEventKind } from '../../../common/auth-events.js';
import type { Executor } from '../../db/client.js';
import { memberships, users } from '../auth/schema.js';
import { authEvents } from './schema.js';

export type AuthEventRow = typeof authEvents.$inferInsert;

export async function insertAuthEvent(db: Executor, row: AuthEventRow): Promise<void> {
  await db.insert(authEvents).values(row);
}

/** A flood of refused requests leaves one entry per address and window, not one per request. */
export async function insertRateLimitedUnlessRecent(db: Executor, row: AuthEventRow, since: Date) {
  await db.execute(sql`
    insert into ${authEvents} (kind, ip, user_agent, request_id)
    select 'rate_limited', ${row.ip}, ${row.userAgent ?? null}, ${row.requestId}
    where not exists (
      select 1 from ${authEvents}
      where kind = 'rate_limited' and ip = ${row.ip} and at > ${since.toISOString()}::timestamptz
    )`);
}

export interface AuthEventFilter {
  kind?: AuthEventKind;
  from?: Date;
  to?: Date;
}

/** `agencyId` limits the list to that agency's members; null shows everything (region admin). */
export async function listAuthEventRows(
  db: Executor,
  agencyId: string | null,
  filter: AuthEventFilter,
  limit: number,
  offset: number,
) {
  const conditions: SQL[] = [];
  if (agencyId) {
    const members = db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(eq(memberships.agencyId, agencyId));
    conditions.push(inArray(authEvents.userId, members));
  }
  if (filter.kind) conditions.push(eq(authEvents.kind, filter.kind));
  if (filter.from) conditions.push(gte(authEvents.at, filter.from));
  if (filter.to) conditions.push(lte(authEvents.at, filter.to));
  const where = and(...conditions);
  const [total] = await db.select({ value: count() }).from(authEvents).where(where);
  const rows = await db
    .select({
      id: authEvents.id,
      at: authEvents.at,
      kind: authEvents.kind,
      email: authEvents.email,
      reason: authEvents.reason,
      ip: authEvents.ip,
      userAgent: authEvents.userAgent,
      requestId: authEvents.requestId,
      userId: users.id,
      userName: users.name,
      userEmail: users.email,
    })
    .from(authEvents)
    .leftJoin(users, eq(users.id, authEvents.userId))
    .where(where)
    .orderBy(desc(authEvents.at), desc(authEvents.id))
    .limit(limit)
    .offset(offset);
  return { total: total?.value ?? 0, rows };
}
