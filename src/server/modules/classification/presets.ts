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
    if (!agency) continue;
    const { departments } = await agencies.portal(slug);
    await db.transaction(async (tx) => {
      if (await repo.hasTopics(tx, agency.id)) return;
      for (const [index, preset] of topics.entries()) {
        const department = departments.find((d) => d.name === preset.defaultDepartment);
        const topic = await repo.insertTopic(tx, agency.id, {
          name: preset.name,
          defaultDepartmentId: department?.id ?? null,
          archived: false,
          sortOrder: (index + 1) * 10,
        });
        for (const [needIndex, name] of preset.needs.entries()) {
          await repo.insertNeed(tx, agency.id, topic.id, {
            name,
            archived: false,
            sortOrder: (needIndex + 1) * 10,
          });
        }
      }
    });
  }
}
