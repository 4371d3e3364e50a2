import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOUCHPOINT_KINDS, type WorkingHours } from '../../../common/types.js';
import type { Db } from '../../db/client.js';
import * as repo from './repo.js';
import { assertTimeZone, assertWorkingHours } from './working-hours.js';

export interface AgencyPreset {
  slug: string;
  name: string;
  shortName: string;
  timezone: string;
  workingHours: WorkingHours;
  departments: string[];
  touchpoints: repo.NewTouchpoint[];
}

export function readAgencyPresets(dir: string): AgencyPreset[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const preset = JSON.parse(readFileSync(join(dir, file), 'utf8')) as AgencyPreset;
      try {
        assertTimeZone(preset.timezone, 'timezone');
        assertWorkingHours(preset.workingHours, 'workingHours');
        for (const touchpoint of preset.touchpoints) {
          if (!TOUCHPOINT_KINDS.includes(touchpoint.kind)) throw new Error(`unknown kind ${touchpoint.kind}`);
        }
      } catch (error) {
        throw new Error(`presets/agencies/${file}: ${(error as Error).message}`);
      }
      return preset;
    });
}

/**
 * Creates each preset agency the first time it is seen. An agency that exists is left alone,
 * so a restart neither duplicates rows nor undoes what administrators edited since.
 */
export async function loadAgencyPresets(db: Db, presets: AgencyPreset[]): Promise<string[]> {
  const created: string[] = [];
  for (const preset of presets) {
    await db.transaction(async (tx) => {
      const agency = await repo.insertAgencyIfAbsent(tx, {
        slug: preset.slug,
        name: preset.name,
        shortName: preset.shortName,
        timezone: preset.timezone,
        workingHours: preset.workingHours,
      });
      if (!agency) return;
      await repo.insertDepartments(tx, agency.id, preset.departments);
      await repo.insertTouchpoints(tx, agency.id, preset.touchpoints);
      created.push(preset.slug);
    });
  }
  return created;
}
