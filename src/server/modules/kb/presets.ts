import { readFileSync } from 'node:fs';
import type { Db } from '../../db/client.js';
import * as repo from './repo.js';
import type { AnswerVariant } from './schema.js';

interface TemplatePreset {
  agencies: string[];
  title: string;
  body: string;
  variant: AnswerVariant;
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
  agencies: { id: string; slug: string }[],
  presets: TemplatePreset[],
): Promise<void> {
  for (const agency of agencies) {
    if (await repo.hasAnyTemplate(db, agency.id)) continue;
    const mine = presets.filter((p) => p.agencies.includes('*') || p.agencies.includes(agency.slug));
    await repo.insertTemplates(
      db,
      mine.map((p) => ({
        agencyId: agency.id,
        title: p.title,
        body: p.body,
        variant: p.variant,
        starter: true,
      })),
    );
  }
}
