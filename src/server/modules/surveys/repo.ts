import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { surveyResponses, surveys, surveyTokens, surveyVersions } from './schema.js';

export type SurveyRow = typeof surveys.$inferSelect;
export type VersionRow = typeof surveyVersions.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;

export const listSurveys = (db: Executor, agencyId: string) =>
  db
    .select()
    .from(surveys)
    .where(eq(surveys.agencyId, agencyId))
    .orderBy(asc(surveys.createdAt), asc(surveys.slug));

export async function findSurvey(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.agencyId, agencyId), eq(surveys.id, id)));
  return row;
}

export async function findSurveyBySlug(db: Executor, agencyId: string, slug: string) {
  const [row] = await db
    .select()
    .from(surveys)
    .where(and(eq(surveys.agencyId, agencyId), eq(surveys.slug, slug)));
  return row;
}

/** Null when the agency already has a survey from that preset or with that slug. */
export async function insertSurveyIfAbsent(db: Executor, values: typeof surveys.$inferInsert) {
  const [row] = await db.insert(surveys).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateSurvey(
  db: Executor,
  agencyId: string,
  id: string,
  patch: Partial<Pick<SurveyRow, 'published' | 'anonymous' | 'requireToken'>>,
) {
  const [row] = await db
    .update(surveys)
    .set(patch)
    .where(and(eq(surveys.agencyId, agencyId), eq(surveys.id, id)))
    .returning();
  return row;
}

export async function currentVersion(db: Executor, agencyId: string, surveyId: string) {
  const [row] = await db
    .select()
    .from(surveyVersions)
    .where(and(eq(surveyVersions.agencyId, agencyId), eq(surveyVersions.surveyId, surveyId)))
    .orderBy(desc(surveyVersions.number))
    .limit(1);
  return row;
}

export async function findVersion(db: Executor, agencyId: string, surveyId: string, id: string) {
  const [row] = await db
    .select()
    .from(surveyVersions)
    .where(
      and(
        eq(surveyVersions.agencyId, agencyId),
        eq(surveyVersions.surveyId, surveyId),
        eq(surveyVersions.id, id),
      ),
    );
  return row;
}

export async function insertVersion(db: Executor, values: typeof surveyVersions.$inferInsert) {
  const [row] = await db.insert(surveyVersions).values(values).returning();
  return row as VersionRow;
}

/** Versions newest first, each with how many answers were given to it. */
export const listVersions = (db: Executor, agencyId: string, surveyId: string) =>
  db
    .select({
      id: surveyVersions.id,
      number: surveyVersions.number,
      createdAt: surveyVersions.createdAt,
      responses: count(surveyResponses.id),
    })
    .from(surveyVersions)
    .leftJoin(surveyResponses, eq(surveyResponses.versionId, surveyVersions.id))
    .where(and(eq(surveyVersions.agencyId, agencyId), eq(surveyVersions.surveyId, surveyId)))
    .groupBy(surveyVersions.id)
    .orderBy(desc(surveyVersions.number));

export async function responseCounts(db: Executor, agencyId: string) {
  const rows = await db
    .select({ surveyId: surveyResponses.surveyId, total: count() })
    .from(surveyResponses)
    .where(eq(surveyResponses.agencyId, agencyId))
    .groupBy(surveyResponses.surveyId);
  return new Map(rows.map((row) => [row.surveyId, row.total]));
}

export async function insertResponse(db: Executor, values: typeof surveyResponses.$inferInsert) {
  const [row] = await db.insert(surveyResponses).values(values).returning();
  return row as ResponseRow;
}

export const listResponses = (
  db: Executor,
  agencyId: string,
  surveyId: string,
  limit: number,
  offset: number,
) =>
  db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.agencyId, agencyId), eq(surveyResponses.surveyId, surveyId)))
    .orderBy(desc(surveyResponses.submittedAt), desc(surveyResponses.id))
    .limit(limit)
    .offset(offset);

export async function countResponses(db: Executor, agencyId: string, surveyId: string) {
  const [row] = await db
    .select({ total: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.agencyId, agencyId), eq(surveyResponses.surveyId, surveyId)));
  return row?.total ?? 0;
}

export async function insertTokens(db: Executor, rows: (typeof surveyTokens.$inferInsert)[]) {
  await db.insert(surveyTokens).values(rows);
}

/** Spends a token: true once per token, so of two concurrent answers only one gets through. */
export async function spendToken(db: Executor, agencyId: string, surveyId: string, tokenHash: string) {
  const rows = await db
    .update(surveyTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(surveyTokens.agencyId, agencyId),
        eq(surveyTokens.surveyId, surveyId),
        eq(surveyTokens.tokenHash, tokenHash),
        isNull(surveyTokens.usedAt),
      ),
    )
    .returning({ id: surveyTokens.id, channel: surveyTokens.channel });
  return rows[0];
}

export async function tokenExists(db: Executor, agencyId: string, surveyId: string, tokenHash: string) {
  const [row] = await db
    .select({ id: surveyTokens.id })
    .from(surveyTokens)
    .where(
      and(
        eq(surveyTokens.agencyId, agencyId),
        eq(surveyTokens.surveyId, surveyId),
        eq(surveyTokens.tokenHash, tokenHash),
      ),
    );
  return row !== undefined;
}
