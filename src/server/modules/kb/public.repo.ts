import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { type KbKind, PUBLISHABLE_KINDS } from '../../../common/kb.js';
import type { Executor } from '../../db/client.js';
import { kbArticles, kbSections } from './schema.js';

/**
 * What makes an article of the agency visible on its portal: active, marked public, of a
 * publishable kind. The site's search builds on it too, so both show the same articles.
 */
export function publishedConditions(agencyId: string, kinds: readonly KbKind[] = PUBLISHABLE_KINDS): SQL[] {
  const publishable = kinds.filter((kind) => PUBLISHABLE_KINDS.includes(kind));
  return [
    eq(kbArticles.agencyId, agencyId),
    eq(kbArticles.active, true),
    eq(kbArticles.visibility, 'public'),
    inArray(kbArticles.kind, publishable),
  ];
}

/** The agency's articles shown on its portal; by section, then title. */
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
    .where(and(...publishedConditions(agencyId)))
    .orderBy(asc(kbSections.position), asc(kbArticles.title), asc(kbArticles.id));
}
