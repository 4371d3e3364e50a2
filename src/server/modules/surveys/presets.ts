import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDefinition } from '../../../common/survey-definition.js';
import type { SurveyDefinition } from '../../../common/surveys.js';
import type { Executor } from '../../db/client.js';
import * as repo from './repo.js';

export interface SurveyPreset extends SurveyDefinition {
  key: string;
  slug: string;
  /** Preset agency slugs, or "*" for every agency. */
  agencies: string[];
  /** Offered to every agency to start a survey of its own from. */
  template: boolean;
  published: boolean;
  anonymous: boolean;
  /** The seed point the wording comes from. */
  source: string;
}

/** presets/surveys/*.json, checked whole at start so a bad edit fails loudly. */
export function readSurveyPresets(dir: string): SurveyPreset[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const preset = JSON.parse(readFileSync(join(dir, file), 'utf8')) as SurveyPreset;
      const problem = checkDefinition(preset);
      if (problem) throw new Error(`presets/surveys/${file}: ${problem.field}: ${problem.message}`);
      return preset;
    });
}

export const definitionOf = (preset: SurveyPreset): SurveyDefinition => ({
  title: preset.title,
  ...(preset.intro ? { intro: preset.intro } : {}),
  ...(preset.resources ? { resources: preset.resources } : {}),
  questions: preset.questions,
});

/**
 * Gives an agency the surveys meant for it, once per preset key: a survey staff edited or
 * unpublished is never reset, and a preset added later still reaches existing agencies.
 */
export async function loadSurveyPresets(
  tx: Executor,
  agency: { id: string; slug: string },
  presets: SurveyPreset[],
) {
  for (const preset of presets) {
    if (!preset.agencies.includes('*') && !preset.agencies.includes(agency.slug)) continue;
    const survey = await repo.insertSurveyIfAbsent(tx, {
      agencyId: agency.id,
      slug: preset.slug,
      presetKey: preset.key,
      published: preset.published,
      anonymous: preset.anonymous,
    });
    if (!survey) continue;
    await repo.insertVersion(tx, {
      agencyId: agency.id,
      surveyId: survey.id,
      number: 1,
      definition: definitionOf(preset),
    });
  }
}
