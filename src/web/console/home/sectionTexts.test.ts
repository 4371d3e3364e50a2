import { describe, expect, it } from 'vitest';
import en from '../../i18n/locales/en/console.json';
import ru from '../../i18n/locales/ru/console.json';
import { SECTIONS } from '../session/access';

// The home page shows every section the user may open with its name and a hint; a section added
// without them shows its bare i18n key to staff.
describe('console home section texts', () => {
  const cards = SECTIONS.filter((section) => section !== 'home');

  it.each([
    ['ru', ru],
    ['en', en],
  ] as const)('names and explains every section in %s', (_language, texts) => {
    const nav = texts.nav as Record<string, string>;
    const hints = texts.home.hints as Record<string, string>;
    expect(cards.filter((section) => !nav[section]?.trim())).toEqual([]);
    expect(cards.filter((section) => !hints[section]?.trim())).toEqual([]);
  });
});
