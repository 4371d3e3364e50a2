import { and, asc, eq, inArray } from 'drizzle-orm';
import { PUBLISHABLE_KINDS } from '../../../common/kb.js';
import type { Executor } from '../../db/client.js';
import { kbArticles, kbSections } from './schema.js';

/** The agency's articles shown on its portal: active, marked public, of a publishable kind; by section, then title. */
export function listPublished(db: Executor, agencyId: string) {
  return db
    .select({
      id: kbArticles.id,
      kind: kbArticles.kind,
      title: kbArticles.title,
      body: kbArticles.body,
      updatedAt: kbArticles.updatedAt,
    })
    .from(kbArticles)
    .innerJoin(kbSections, eq(kbSections.id, kbArticles.sectionId))
    .where(
      and(
        eq(kbArticles.agencyId, agencyId),
        eq(kbArticles.active, true),
        eq(kbArticles.visibility, 'public'),
        inArray(kbArticles.kind, [...PUBLISHABLE_KINDS]),
      ),
    )
    .orderBy(asc(kbSections.position), asc(kbArticles.title), asc(kbArticles.id));
}
