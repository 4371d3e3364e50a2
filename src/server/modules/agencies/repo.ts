import { and, asc, between, count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { userDepartments } from '../auth/schema.js';
import { agencies, calendarOverrides, departments, touchpoints } from './schema.js';

export type AgencyRow = typeof agencies.$inferSelect;
export type TouchpointRow = typeof touchpoints.$inferSelect;
export type NewTouchpoint = Omit<
  typeof touchpoints.$inferInsert,
  'id' | 'agencyId' | 'createdAt' | 'updatedAt'
>;

export const listAgencies = (db: Executor) => db.select().from(agencies).orderBy(asc(agencies.name));

export async function findAgencyBySlug(db: Executor, slug: string): Promise<AgencyRow | undefined> {
  const [row] = await db.select().from(agencies).where(eq(agencies.slug, slug));
  return row;
}

export async function findAgencyById(db: Executor, id: string): Promise<AgencyRow | undefined> {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  return row;
}

/** Inserts unless the slug exists; returns the new row, or undefined when it was already there. */
export async function insertAgencyIfAbsent(
  db: Executor,
  values: typeof agencies.$inferInsert,
): Promise<AgencyRow | undefined> {
  const [row] = await db
    .insert(agencies)
    .values(values)
    .onConflictDoNothing({ target: agencies.slug })
    .returning();
  return row;
}

export async function updateAgency(
  db: Executor,
  id: string,
  patch: Partial<
    Pick<
      AgencyRow,
      | 'name'
      | 'shortName'
      | 'timezone'
      | 'workingHours'
      | 'requestNumberPrefix'
      | 'reminderLeadDays'
      | 'retentionYears'
      | 'requireTwoFactorForAdmins'
    >
  >,
): Promise<AgencyRow> {
  const [row] = await db
    .update(agencies)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(agencies.id, id))
    .returning();
  if (!row) throw new Error(`agency ${id} vanished during update`);
  return row;
}

export function listDepartments(db: Executor, agencyId: string) {
  return db
    .select({ id: departments.id, name: departments.name, userCount: count(userDepartments.userId) })
    .from(departments)
    .leftJoin(userDepartments, eq(userDepartments.departmentId, departments.id))
    .where(eq(departments.agencyId, agencyId))
    .groupBy(departments.id)
    .orderBy(asc(departments.name));
}

export async function findDepartment(db: Executor, agencyId: string, id: string) {
  const [row] = await listDepartments(db, agencyId).having(eq(departments.id, id));
  return row;
}

export async function departmentNameTaken(db: Executor, agencyId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.agencyId, agencyId), sql`lower(${departments.name}) = lower(${name})`));
  return row !== undefined && row.id !== exceptId;
}

export async function insertDepartments(db: Executor, agencyId: string, names: string[]) {
  if (names.length === 0) return [];
  return db
    .insert(departments)
    .values(names.map((name) => ({ agencyId, name })))
    .returning();
}

export async function renameDepartment(db: Executor, agencyId: string, id: string, name: string) {
  await db
    .update(departments)
    .set({ name })
    .where(and(eq(departments.agencyId, agencyId), eq(departments.id, id)));
}

export async function deleteDepartment(db: Executor, agencyId: string, id: string) {
  await db.delete(departments).where(and(eq(departments.agencyId, agencyId), eq(departments.id, id)));
}

export function listTouchpoints(db: Executor, agencyId: string, options: { publicOnly: boolean }) {
  const scope = eq(touchpoints.agencyId, agencyId);
  return db
    .select()
    .from(touchpoints)
    .where(options.publicOnly ? and(scope, eq(touchpoints.isPublic, true)) : scope)
    .orderBy(asc(touchpoints.sortOrder), asc(touchpoints.createdAt));
}

export async function findTouchpoint(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(touchpoints)
    .where(and(eq(touchpoints.agencyId, agencyId), eq(touchpoints.id, id)));
  return row;
}

export async function insertTouchpoints(db: Executor, agencyId: string, values: NewTouchpoint[]) {
  if (values.length === 0) return [];
  return db
    .insert(touchpoints)
    .values(values.map((value) => ({ ...value, agencyId })))
    .returning();
}

export async function updateTouchpoint(
  db: Executor,
  agencyId: string,
  id: string,
  patch: Partial<NewTouchpoint>,
) {
  const [row] = await db
    .update(touchpoints)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(touchpoints.agencyId, agencyId), eq(touchpoints.id, id)))
    .returning();
  return row;
}

export async function deleteTouchpoint(db: Executor, agencyId: string, id: string) {
  await db.delete(touchpoints).where(and(eq(touchpoints.agencyId, agencyId), eq(touchpoints.id, id)));
}

export function listCalendarOverrides(db: Executor, agencyId: string, from?: string, to?: string) {
  const scope = eq(calendarOverrides.agencyId, agencyId);
  return db
    .select()
    .from(calendarOverrides)
    .where(from && to ? and(scope, between(calendarOverrides.date, from, to)) : scope)
    .orderBy(asc(calendarOverrides.date));
}

export async function findCalendarOverride(db: Executor, agencyId: string, date: string) {
  const [row] = await db
    .select()
    .from(calendarOverrides)
    .where(and(eq(calendarOverrides.agencyId, agencyId), eq(calendarOverrides.date, date)));
  return row;
}

export async function upsertCalendarOverride(db: Executor, row: typeof calendarOverrides.$inferInsert) {
  const [saved] = await db
    .insert(calendarOverrides)
    .values(row)
    .onConflictDoUpdate({
      target: [calendarOverrides.agencyId, calendarOverrides.date],
      set: { kind: row.kind, note: row.note ?? null },
    })
    .returning();
  return saved;
}

export async function deleteCalendarOverride(db: Executor, agencyId: string, date: string) {
  await db
    .delete(calendarOverrides)
    .where(and(eq(calendarOverrides.agencyId, agencyId), eq(calendarOverrides.date, date)));
}
