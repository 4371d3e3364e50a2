import type { PublishedArticle } from '../../../common/kb.js';
import type { Db } from '../../db/client.js';
import { type AgencyService, agencyNotFound } from '../agencies/service.js';
import * as publicRepo from './public.repo.js';
import { publicBody } from './sanitize.js';

/** FAQ and contacts an agency publishes on its portal (issue 6 p. 7). */
export function createKbPublication(deps: { db: Db; agencies: AgencyService }) {
  const { db, agencies } = deps;
  return {
    async published(slug: string): Promise<PublishedArticle[]> {
      const agency = await agencies.findBySlug(slug);
      if (!agency) throw agencyNotFound();
      const rows = await publicRepo.listPublished(db, agency.id);
      // Bodies are sanitised when saved; sanitised again here so a body written past the
      // editor (an import, a hand-made SQL fix) still cannot put a script on the portal.
      return rows.map((row) => ({
        id: row.id,
        // The query takes only the publishable kinds.
        kind: row.kind as PublishedArticle['kind'],
        title: row.title,
        html: publicBody(row.body),
        updatedAt: row.updatedAt.toISOString(),
      }));
    },
  };
}

export type KbPublication = ReturnType<typeof createKbPublication>;
