import { readFileSync } from 'node:fs';
import { SITE_SECTION_KINDS, type SiteSectionKind } from '../../../common/site.js';

export interface DisclosureItem {
  key: string;
  section: SiteSectionKind;
  text: string;
}

export interface DisclosurePreset {
  law: string;
  items: DisclosureItem[];
}

/** presets/site/disclosure.json (8-ФЗ ст. 13), checked at start so a bad edit fails loudly. */
export function readDisclosurePreset(file: string): DisclosurePreset {
  const preset = JSON.parse(readFileSync(file, 'utf8')) as DisclosurePreset;
  const keys = new Set<string>();
  for (const item of preset.items) {
    if (keys.has(item.key)) throw new Error(`${file}: item ${item.key} twice`);
    if (!SITE_SECTION_KINDS.includes(item.section))
      throw new Error(`${file}: ${item.key} has no such section`);
    keys.add(item.key);
  }
  return preset;
}
