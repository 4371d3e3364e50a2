import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/client.js';
import type { AgencyService } from '../agencies/service.js';
import * as repo from './repo.js';

export interface TopicPreset {
  name: string;
  needs: string[];
  /** A department of the agency preset, by name; left empty when the agency has no such department. */
  defaultDepartment?: string;
}

/** presets/topics/<agency slug>.json: a starting taxonomy for each preset agency. */
export function readTopicPresets(dir: string): Map<string, TopicPreset[]> {
  const presets = new Map<string, TopicPreset[]>();
  if (!existsSync(dir)) return presets;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const { topics } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { topics: TopicPreset[] };
    if (!Array.isArray(topics) || topics.some((t) => !t.name?.trim() || !Array.isArray(t.needs))) {
      throw new Error(`presets/topics/${file}: expected {topics: [{name, needs: [..]}]}`);
    }
    presets.set(file.replace(/\.json$/, ''), topics);
  }
  return presets;
}

/**
 * Gives each preset agency its starting topics when it has none yet, so a restart never
 * duplicates them nor undoes what an administrator edited or archived since.
 */
export async function loadTopicPresets(db: Db, agencies: AgencyService, presets: Map<string, TopicPreset[]>) {
  for (const [slug, topics] of presets) {
    const agency = await agencies.findBySlug(slug);
    if (!agency || topics.length === 0) continue;
    const { departments } = await agencies.portal(slug);
    await db.transaction(async (tx) => {
      if (await repo.hasTopics(tx, agency.id)) return;
      const rows = await repo.insertTopics(
        tx,
        agency.id,
        topics.map((preset, index) => ({
          name: preset.name,
          defaultDepartmentId: departments.find((d) => d.name === preset.defaultDepartment)?.id ?? null,
          archived: false,
          sortOrder: (index + 1) * 10,
        })),
      );
      const idOf = new Map(rows.map((row) => [row.name, row.id]));
      const needs = topics.flatMap((preset) =>
        preset.needs.map((name, index) => ({
          // The name was inserted just above, so it is always found.
          topicId: idOf.get(preset.name) as string,
          name,
          archived: false,
          sortOrder: (index + 1) * 10,
        })),
      );
      await repo.insertNeeds(tx, agency.id, needs);
    });
  }
}
