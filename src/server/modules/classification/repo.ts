import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { topics, typicalNeeds } from './schema.js';

export type TopicRow = typeof topics.$inferSelect;
export type NeedRow = typeof typicalNeeds.$inferSelect;
export type TopicValues = Pick<TopicRow, 'name' | 'defaultDepartmentId' | 'archived' | 'sortOrder'>;
export type NeedValues = Pick<NeedRow, 'name' | 'archived' | 'sortOrder'>;

export function listTopics(db: Executor, agencyId: string) {
  return db
    .select()
    .from(topics)
    .where(eq(topics.agencyId, agencyId))
    .orderBy(asc(topics.sortOrder), asc(topics.name));
}

export function listNeeds(db: Executor, agencyId: string) {
  return db
    .select()
    .from(typicalNeeds)
    .where(eq(typicalNeeds.agencyId, agencyId))
    .orderBy(asc(typicalNeeds.sortOrder), asc(typicalNeeds.name));
}

export async function findTopic(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(topics)
    .where(and(eq(topics.agencyId, agencyId), eq(topics.id, id)));
  return row;
}

export async function findNeed(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(typicalNeeds)
    .where(and(eq(typicalNeeds.agencyId, agencyId), eq(typicalNeeds.id, id)));
  return row;
}

export async function insertTopic(db: Executor, agencyId: string, values: TopicValues) {
  const [row] = await db
    .insert(topics)
    .values({ ...values, agencyId })
    .returning();
  if (!row) throw new Error('topic insert returned nothing');
  return row;
}

export async function updateTopic(db: Executor, agencyId: string, id: string, patch: Partial<TopicValues>) {
  const [row] = await db
    .update(topics)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(topics.agencyId, agencyId), eq(topics.id, id)))
    .returning();
  return row;
}

export async function insertNeed(db: Executor, agencyId: string, topicId: string, values: NeedValues) {
  const [row] = await db
    .insert(typicalNeeds)
    .values({ ...values, agencyId, topicId })
    .returning();
  if (!row) throw new Error('typical need insert returned nothing');
  return row;
}

export async function updateNeed(db: Executor, agencyId: string, id: string, patch: Partial<NeedValues>) {
  const [row] = await db
    .update(typicalNeeds)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(typicalNeeds.agencyId, agencyId), eq(typicalNeeds.id, id)))
    .returning();
  return row;
}

/** Bulk inserts for the presets: one statement for all topics, one for all needs of an agency. */
export function insertTopics(db: Executor, agencyId: string, values: TopicValues[]) {
  return db
    .insert(topics)
    .values(values.map((value) => ({ ...value, agencyId })))
    .returning();
}

export async function insertNeeds(
  db: Executor,
  agencyId: string,
  values: (NeedValues & { topicId: string })[],
) {
  if (values.length > 0)
    await db.insert(typicalNeeds).values(values.map((value) => ({ ...value, agencyId })));
}

/** True when the agency has any topic at all: presets are loaded only into an empty taxonomy. */
export async function hasTopics(db: Executor, agencyId: string) {
  const [row] = await db.select({ id: topics.id }).from(topics).where(eq(topics.agencyId, agencyId)).limit(1);
  return row !== undefined;
}
