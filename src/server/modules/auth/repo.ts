import { and, asc, count, eq, gt, ilike, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../../common/roles.js';
import type { Executor } from '../../db/client.js';
import { agencies } from '../agencies/schema.js';
import { memberships, passwordResets, sessions, userDepartments, users } from './schema.js';

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
  return row;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('user insert returned nothing');
  return row;
}

export async function updateUser(db: Executor, id: string, patch: Partial<typeof users.$inferInsert>) {
  await db.update(users).set(patch).where(eq(users.id, id));
}

export function listMembershipsOfUser(db: Executor, userId: string) {
  return db
    .select({
      agencyId: agencies.id,
      slug: agencies.slug,
      name: agencies.name,
      shortName: agencies.shortName,
      roles: memberships.roles,
      requireTwoFactorForAdmins: agencies.requireTwoFactorForAdmins,
    })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
    .orderBy(asc(agencies.name));
}

export async function findMembership(db: Executor, agencyId: string, userId: string) {
  const [row] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.agencyId, agencyId), eq(memberships.userId, userId)));
  return row;
}

export async function upsertMembership(
  db: Executor,
  row: { agencyId: string; userId: string; roles: Role[]; active: boolean },
) {
  await db
    .insert(memberships)
    .values(row)
    .onConflictDoUpdate({
      target: [memberships.userId, memberships.agencyId],
      set: { roles: row.roles, active: row.active },
    });
}

export async function replaceUserDepartments(db: Executor, agencyId: string, userId: string, ids: string[]) {
  await db
    .delete(userDepartments)
    .where(and(eq(userDepartments.agencyId, agencyId), eq(userDepartments.userId, userId)));
  if (ids.length > 0) {
    await db.insert(userDepartments).values(ids.map((departmentId) => ({ agencyId, userId, departmentId })));
  }
}

export interface StaffFilter {
  q?: string;
  role?: Role;
  departmentId?: string;
  userId?: string;
}

export async function listAgencyStaff(
  db: Executor,
  agencyId: string,
  filter: StaffFilter,
  limit: number,
  offset: number,
) {
  const conditions: SQL[] = [eq(memberships.agencyId, agencyId)];
  if (filter.userId) conditions.push(eq(users.id, filter.userId));
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(users.name, pattern), ilike(users.email, pattern));
    if (match) conditions.push(match);
  }
  if (filter.role) conditions.push(sql`${filter.role} = any(${memberships.roles})`);
  if (filter.departmentId) {
    conditions.push(
      sql`exists (select 1 from ${userDepartments} ud where ud.user_id = ${users.id}
          and ud.agency_id = ${agencyId} and ud.department_id = ${filter.departmentId})`,
    );
  }
  const where = and(...conditions);
  const [total] = await db
    .select({ value: count() })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where);
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      roles: memberships.roles,
      active: memberships.active,
      lastLoginAt: users.lastLoginAt,
      twoFactor: sql<boolean>`${users.totpEnabledAt} is not null`,
      departmentIds: sql<
        string[]
      >`coalesce((select array_agg(ud.department_id::text order by ud.department_id)
        from ${userDepartments} ud where ud.user_id = ${users.id} and ud.agency_id = ${agencyId}), '{}')`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(asc(users.name), asc(users.id))
    .limit(limit)
    .offset(offset);
  return { total: total?.value ?? 0, rows };
}

export async function insertSession(db: Executor, row: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(row);
}

export async function findLiveSession(db: Executor, idHash: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.idHash, idHash), gt(sessions.expiresAt, new Date())));
  return row;
}

export async function setSessionAgency(db: Executor, idHash: string, agencyId: string) {
  await db.update(sessions).set({ agencyId }).where(eq(sessions.idHash, idHash));
}

/** Whether this call ended it (another request may have ended it first). */
export async function deleteSession(db: Executor, idHash: string): Promise<boolean> {
  const ended = await db
    .delete(sessions)
    .where(eq(sessions.idHash, idHash))
    .returning({ idHash: sessions.idHash });
  return ended.length > 0;
}

/** Marks activity unless a request (on any node) already did since `notAfter`: one write a minute. */
export async function touchSession(db: Executor, idHash: string, at: Date, notAfter: Date) {
  await db
    .update(sessions)
    .set({ lastActiveAt: at })
    .where(and(eq(sessions.idHash, idHash), lte(sessions.lastActiveAt, notAfter)));
}

export async function setSessionReauthenticated(db: Executor, idHash: string, at: Date) {
  await db.update(sessions).set({ reauthenticatedAt: at }).where(eq(sessions.idHash, idHash));
}

/** How many sessions were ended. */
export async function deleteSessionsOfUser(db: Executor, userId: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ idHash: sessions.idHash });
  return ended.length;
}

export async function insertPasswordReset(db: Executor, row: typeof passwordResets.$inferInsert) {
  await db.insert(passwordResets).values(row);
}

/** Marks the token used and returns its user, atomically, so a link works exactly once. */
export async function consumePasswordReset(db: Executor, tokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, new Date()),
      ),
    )
    .returning({ userId: passwordResets.userId });
  return row?.userId;
}

/** Active staff of the agency holding `role`, with the departments they belong to. */
export async function listActiveWithRole(db: Executor, agencyId: string, role: Role) {
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      departmentIds: sql<
        string[]
      >`coalesce(array(select ${userDepartments.departmentId} from ${userDepartments}
        where ${userDepartments.userId} = ${users.id} and ${userDepartments.agencyId} = ${agencyId}), '{}')`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.agencyId, agencyId),
        eq(memberships.active, true),
        sql`${role} = any(${memberships.roles})`,
      ),
    );
}

/** Every active member of the agency, by name: the people a responsibility can go to. */
export const listActiveStaff = (db: Executor, agencyId: string) =>
  db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, agencyId), eq(memberships.active, true)))
    .orderBy(asc(users.name), asc(users.id));

/** Name and e-mail of active members of the agency among `ids`. */
export async function listActiveMembers(db: Executor, agencyId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.agencyId, agencyId), eq(memberships.active, true), sql`${users.id} in ${ids}`));
}

/** Name and e-mail of the active staff of a department. */
export async function listActiveInDepartment(db: Executor, agencyId: string, departmentId: string) {
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(userDepartments)
    .innerJoin(
      memberships,
      and(eq(memberships.userId, userDepartments.userId), eq(memberships.agencyId, userDepartments.agencyId)),
    )
    .innerJoin(users, eq(users.id, userDepartments.userId))
    .where(
      and(
        eq(userDepartments.agencyId, agencyId),
        eq(userDepartments.departmentId, departmentId),
        eq(memberships.active, true),
      ),
    );
}

export async function listUserDepartmentIds(
  db: Executor,
  agencyId: string,
  userId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: userDepartments.departmentId })
    .from(userDepartments)
    .where(and(eq(userDepartments.agencyId, agencyId), eq(userDepartments.userId, userId)));
  return rows.map((row) => row.id);
}

/** Moves the accepted TOTP step forward; false when this step (or a later one) was already used. */
export async function advanceTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
    .returning({ id: users.id });
  return updated.length === 1;
}

/** Spends one recovery code; false when another request spent it first. */
export async function removeRecoveryCodeHash(db: Executor, userId: string, hash: string): Promise<boolean> {
  const updated = await db
    .update(users)
    .set({ recoveryCodeHashes: sql`array_remove(${users.recoveryCodeHashes}, ${hash})` })
    .where(and(eq(users.id, userId), sql`${hash} = any(${users.recoveryCodeHashes})`))
    .returning({ id: users.id });
  return updated.length === 1;
}

/** The zone of the agency a sign-in opens first (the first by name, as `login` picks it), if any. */
export async function findHomeTimezone(db: Executor, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ timezone: agencies.timezone })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .where(and(eq(memberships.userId, userId), eq(memberships.active, true)))
    .orderBy(asc(agencies.name))
    .limit(1);
  return row?.timezone ?? null;
}
