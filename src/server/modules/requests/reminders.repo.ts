import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { OPEN_STATUSES } from './lifecycle.js';
import { requestReminders, requests } from './schema.js';

/** Open requests of the agency whose term ends by `until`, overdue ones included. */
export function openDueBy(db: Executor, agencyId: string, until: Date) {
  return db
    .select()
    .from(requests)
    .where(
      and(
        eq(requests.agencyId, agencyId),
        inArray(requests.status, [...OPEN_STATUSES]),
        lte(requests.dueAt, until),
      ),
    )
    .orderBy(asc(requests.dueAt));
}

/** Claims a reminder; false when it was sent already (by this node or another). */
export async function claimReminder(
  db: Executor,
  values: typeof requestReminders.$inferInsert,
): Promise<boolean> {
  const rows = await db
    .insert(requestReminders)
    .values(values)
    .onConflictDoNothing()
    .returning({ requestId: requestReminders.requestId });
  return rows.length > 0;
}

/** The reminders already sent for these requests, as `requestId|reminder|dueAt` keys. */
export async function sentReminderKeys(db: Executor, agencyId: string, requestIds: string[]) {
  if (requestIds.length === 0) return new Set<string>();
  const rows = await db
    .select({
      requestId: requestReminders.requestId,
      reminder: requestReminders.reminder,
      dueAt: requestReminders.dueAt,
    })
    .from(requestReminders)
    .where(and(eq(requestReminders.agencyId, agencyId), inArray(requestReminders.requestId, requestIds)));
  return new Set(rows.map((row) => reminderKey(row.requestId, row.reminder, row.dueAt)));
}

export const reminderKey = (requestId: string, reminder: string, dueAt: Date) =>
  `${requestId}|${reminder}|${dueAt.toISOString()}`;
