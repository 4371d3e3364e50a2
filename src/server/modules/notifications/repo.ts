import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { staffNotifications } from './schema.js';

export type NotificationRow = typeof staffNotifications.$inferSelect;
export type NewNotification = typeof staffNotifications.$inferInsert;

export async function insertNotifications(db: Executor, values: NewNotification[]) {
  if (values.length > 0) await db.insert(staffNotifications).values(values);
}

const mine = (agencyId: string, userId: string) =>
  and(eq(staffNotifications.agencyId, agencyId), eq(staffNotifications.userId, userId));

export async function listNotifications(db: Executor, agencyId: string, userId: string, limit: number) {
  const rows = await db
    .select()
    .from(staffNotifications)
    .where(mine(agencyId, userId))
    .orderBy(desc(staffNotifications.createdAt), desc(staffNotifications.id))
    .limit(limit);
  const [unread] = await db
    .select({ value: count() })
    .from(staffNotifications)
    .where(and(mine(agencyId, userId), isNull(staffNotifications.readAt)));
  return { rows, unread: unread?.value ?? 0 };
}

export async function findNotification(db: Executor, agencyId: string, userId: string, id: number) {
  const [row] = await db
    .select({ id: staffNotifications.id })
    .from(staffNotifications)
    .where(and(mine(agencyId, userId), eq(staffNotifications.id, id)));
  return row;
}

/** Marks one notification (or, without an id, all) of the user as read; returns how many changed. */
export async function markRead(db: Executor, agencyId: string, userId: string, id: number | null) {
  const scope = and(mine(agencyId, userId), isNull(staffNotifications.readAt));
  const rows = await db
    .update(staffNotifications)
    .set({ readAt: new Date() })
    .where(id === null ? scope : and(scope, eq(staffNotifications.id, id)))
    .returning({ id: staffNotifications.id });
  return rows.length;
}
