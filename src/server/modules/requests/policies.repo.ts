import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { OverridableTerm, RequestKind } from './deadlines.js';
import { deadlineOverrides } from './schema.js';

export function listDeadlineOverrides(db: Executor, agencyId: string) {
  return db.select().from(deadlineOverrides).where(eq(deadlineOverrides.agencyId, agencyId));
}

export async function upsertDeadlineOverride(db: Executor, values: typeof deadlineOverrides.$inferInsert) {
  await db
    .insert(deadlineOverrides)
    .values(values)
    .onConflictDoUpdate({
      target: [deadlineOverrides.agencyId, deadlineOverrides.kind, deadlineOverrides.term],
      set: { days: values.days, dayType: values.dayType, source: values.source, updatedAt: new Date() },
    });
}

export async function deleteDeadlineOverride(db: Executor, agencyId: string, kind: string, term: string) {
  const [row] = await db
    .delete(deadlineOverrides)
    .where(
      and(
        eq(deadlineOverrides.agencyId, agencyId),
        eq(deadlineOverrides.kind, kind as RequestKind),
        eq(deadlineOverrides.term, term as OverridableTerm),
      ),
    )
    .returning();
  return row;
}
