import { readFileSync } from 'node:fs';
import { addDays } from 'date-fns';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from '../../../common/kb.js';
import type { Db } from '../../db/client.js';
import { localDate } from '../../lib/calendar.js';
import * as repo from './repo.js';

interface TemplatePreset {
  agencies: string[];
  title: string;
  /** The formal variant; `shortBody`, when given, the one for social networks and chats. */
  body: string;
  shortBody?: string;
}

export function readTemplatePresets(file: string): TemplatePreset[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { templates: TemplatePreset[] }).templates;
}

/**
 * Gives each agency the starter templates once — only while it has no template at all, so a
 * restart never brings back what its staff archived or rewrote.
 */
export async function loadTemplatePresets(
  db: Db,
  agencies: { id: string; slug: string; timezone: string }[],
  presets: TemplatePreset[],
  now = new Date(),
): Promise<void> {
  for (const agency of agencies) {
    if (await repo.hasAnyArticle(db, agency.id)) continue;
    const mine = presets.filter((p) => p.agencies.includes('*') || p.agencies.includes(agency.slug));
    const reviewDueOn = localDate(addDays(now, DEFAULT_REVIEW_INTERVAL_DAYS), agency.timezone);
    const sectionId = await repo.templateSectionOf(db, agency.id, null, reviewDueOn);
    await repo.insertArticles(
      db,
      mine.map((p) => ({
        agencyId: agency.id,
        sectionId,
        kind: 'template' as const,
        title: p.title,
        body: p.body,
        shortBody: p.shortBody ?? null,
        searchText: [p.body, p.shortBody ?? ''].join('\n').trim(),
        starter: true,
      })),
    );
  }
}
