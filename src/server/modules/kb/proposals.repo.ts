import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { ProposalStatus } from '../../../common/kb.js';
import type { Executor } from '../../db/client.js';
import { departments } from '../agencies/schema.js';
import { kbArticles, kbProposals, kbSections } from './schema.js';

export type ProposalRow = typeof kbProposals.$inferSelect;
export type NewProposal = Omit<typeof kbProposals.$inferInsert, 'id' | 'status' | 'createdAt'>;

export function listProposals(db: Executor, agencyId: string, status?: ProposalStatus) {
  const scope = [eq(kbProposals.agencyId, agencyId), status ? eq(kbProposals.status, status) : undefined];
  return db
    .select({ proposal: kbProposals, departmentName: departments.name })
    .from(kbProposals)
    .leftJoin(departments, eq(departments.id, kbProposals.departmentId))
    .where(and(...scope))
    .orderBy(desc(kbProposals.size), desc(kbProposals.createdAt), asc(kbProposals.id));
}

export async function findProposal(db: Executor, agencyId: string, id: string) {
  const [row] = await db
    .select()
    .from(kbProposals)
    .where(and(eq(kbProposals.agencyId, agencyId), eq(kbProposals.id, id)));
  return row;
}

/** Every proposal's terms, decided ones too: a question once dismissed is not proposed again. */
export function listProposalTerms(db: Executor, agencyId: string) {
  return db
    .select({ id: kbProposals.id, terms: kbProposals.terms, status: kbProposals.status })
    .from(kbProposals)
    .where(eq(kbProposals.agencyId, agencyId));
}

/** The new proposal's id; none when the same fingerprint is there already. */
export async function insertProposal(db: Executor, values: NewProposal) {
  const [row] = await db
    .insert(kbProposals)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: kbProposals.id });
  return row?.id;
}

/** An open proposal found again: its questions, size and sample follow the latest run. */
export async function refreshProposal(
  db: Executor,
  agencyId: string,
  id: string,
  values: Partial<NewProposal>,
) {
  await db
    .update(kbProposals)
    .set(values)
    .where(and(eq(kbProposals.agencyId, agencyId), eq(kbProposals.id, id), eq(kbProposals.status, 'open')));
}

export async function decideProposal(
  db: Executor,
  agencyId: string,
  id: string,
  decision: { status: ProposalStatus; decidedBy: string; articleId?: string },
) {
  const [row] = await db
    .update(kbProposals)
    .set({ ...decision, decidedAt: new Date() })
    .where(and(eq(kbProposals.agencyId, agencyId), eq(kbProposals.id, id), eq(kbProposals.status, 'open')))
    .returning();
  return row;
}

/**
 * Whether an active FAQ or template already answers a question with these words: it matches at
 * least `needed` of them in the Russian full-text index (stems on both sides).
 */
export async function isAnswered(db: Executor, agencyId: string, words: string[], needed: number) {
  const matches = words.map(
    (word) => sql`(${kbArticles.search} @@ plainto_tsquery('russian', ${word}))::int`,
  );
  const [row] = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(
      and(
        eq(kbArticles.agencyId, agencyId),
        eq(kbArticles.active, true),
        inArray(kbArticles.kind, ['faq', 'template']),
        sql`${sql.join(matches, sql` + `)} >= ${needed}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The section a department keeps its FAQ in: of its sections, the one holding most FAQ. */
export async function faqSectionOf(db: Executor, agencyId: string, departmentId: string | null) {
  const owner: SQL = departmentId
    ? eq(kbSections.departmentId, departmentId)
    : isNull(kbSections.departmentId);
  const faqCount = sql<number>`count(${kbArticles.id}) filter (where ${kbArticles.kind} = 'faq')`;
  const [row] = await db
    .select({ id: kbSections.id })
    .from(kbSections)
    .leftJoin(kbArticles, eq(kbArticles.sectionId, kbSections.id))
    .where(and(eq(kbSections.agencyId, agencyId), owner))
    .groupBy(kbSections.id)
    .having(sql`${faqCount} > 0`)
    .orderBy(desc(faqCount), asc(kbSections.position), asc(kbSections.createdAt), asc(kbSections.id))
    .limit(1);
  return row?.id;
}

export async function insertSection(db: Executor, values: typeof kbSections.$inferInsert) {
  await db.insert(kbSections).values(values).onConflictDoNothing();
  const [row] = await db
    .select({ id: kbSections.id })
    .from(kbSections)
    .where(and(eq(kbSections.agencyId, values.agencyId), eq(kbSections.title, values.title)));
  if (!row) throw new Error(`section «${values.title}» neither inserted nor found`);
  return row;
}
