import { and, count, desc, eq, gte, inArray, lte, ne, type SQL, sql } from 'drizzle-orm';
import type { AuthEventKind } from '../../../common/auth-events.js';
import type { Db, Executor } from '../../db/client.js';
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

/** Class id of the advisory locks below: the (int, int) lock space is apart from pg-boss's bigint one. */
const ACCESS_DENIED_LOCK_CLASS = 7202;

/**
 * One `access_denied` row per user, method + route pattern and reason within `windowSeconds`, on
 * every node: the lock on that key makes a second node wait and then see the first one's row.
 * Returns whether a row was written.
 */
export async function insertAccessDeniedUnlessRecent(
  db: Db,
  row: AuthEventRow & { userId: string; reason: string; method: string; route: string },
  windowSeconds: number,
): Promise<boolean> {
  const key = `${row.userId} ${row.method} ${row.route} ${row.reason}`;
  return db.transaction(async (tx) => {
    const lockClass = sql.raw(String(ACCESS_DENIED_LOCK_CLASS));
    await tx.execute(sql`select pg_advisory_xact_lock(${lockClass}, hashtext(${key}))`);
    const inserted = (await tx.execute(sql`
      insert into ${authEvents} (kind, user_id, session_agency_id, method, route, reason, ip, user_agent, request_id)
      select 'access_denied', ${row.userId}::uuid, ${row.agencyId ?? null}::uuid, ${row.method}, ${row.route},
        ${row.reason}, ${row.ip}, ${row.userAgent ?? null}, ${row.requestId}
      where not exists (
        select 1 from ${authEvents}
        where user_id = ${row.userId} and kind = 'access_denied' and reason = ${row.reason}
          and method = ${row.method} and route = ${row.route}
          and at > now() - make_interval(secs => ${windowSeconds})
      )
      returning id`)) as unknown as { rows: unknown[] };
    return inserted.rows.length > 0;
  });
}

/** The distinct addresses and browsers of a user's successful sign-ins since `since`. */
export function listSignInOrigins(db: Executor, userId: string, since: Date, exceptRequestId: string) {
  return db
    .select({ ip: authEvents.ip, userAgent: authEvents.userAgent })
    .from(authEvents)
    .where(
      and(
        eq(authEvents.userId, userId),
        eq(authEvents.kind, 'login_succeeded'),
        gte(authEvents.at, since),
        ne(authEvents.requestId, exceptRequestId),
      ),
    )
    .groupBy(authEvents.ip, authEvents.userAgent);
}

export async function hasSignedInBefore(db: Executor, userId: string, exceptRequestId: string) {
  const [row] = await db
    .select({ id: authEvents.id })
    .from(authEvents)
    .where(
      and(
        eq(authEvents.userId, userId),
        eq(authEvents.kind, 'login_succeeded'),
        ne(authEvents.requestId, exceptRequestId),
      ),
    )
    .limit(1);
  return row !== undefined;
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
      agencyId: authEvents.agencyId,
      method: authEvents.method,
      route: authEvents.route,
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
