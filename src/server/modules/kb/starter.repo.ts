import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { kbSections, kbStarterItems } from './schema.js';

/** The starter keys the agency was given, with what was made for each. */
export async function loadedItems(db: Executor, agencyId: string): Promise<Map<string, string | null>> {
  const rows = await db
    .select({ key: kbStarterItems.key, itemId: kbStarterItems.itemId })
    .from(kbStarterItems)
    .where(eq(kbStarterItems.agencyId, agencyId));
  return new Map(rows.map((row) => [row.key, row.itemId]));
}

export async function recordLoaded(db: Executor, agencyId: string, items: { key: string; itemId: string }[]) {
  if (items.length === 0) return;
  await db
    .insert(kbStarterItems)
    .values(items.map((item) => ({ agencyId, ...item })))
    .onConflictDoNothing();
}

export async function sectionExists(db: Executor, agencyId: string, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: kbSections.id })
    .from(kbSections)
    .where(and(eq(kbSections.agencyId, agencyId), eq(kbSections.id, id)));
  return row !== undefined;
}

/**
 * A starter section; when staff already made one with the same title, that one is used (titles
 * are unique per agency) and left as they set it.
 */
export async function sectionByTitle(db: Executor, values: typeof kbSections.$inferInsert): Promise<string> {
  await db.insert(kbSections).values(values).onConflictDoNothing();
  const [row] = await db
    .select({ id: kbSections.id })
    .from(kbSections)
    .where(and(eq(kbSections.agencyId, values.agencyId), eq(kbSections.title, values.title)));
  if (!row) throw new Error(`starter section «${values.title}» neither inserted nor found`);
  return row.id;
}
