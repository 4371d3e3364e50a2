import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveQuestions } from '../../../common/survey-engine.js';
import { rootDir } from '../../config.js';
import { readSurveyPresets, type SurveyPreset } from './presets.js';

// The seed forms are official wording: a typo in a preset must fail here, not reach citizens.

const sourcesDir = join(rootDir, 'presets', 'surveys', 'sources');
const seedsDir = join(rootDir, '..', 'shared', 'seeds');
const read = (dir: string, prefix: string) => {
  const file = readdirSync(dir).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`${prefix} not found in ${dir}`);
  return readFileSync(join(dir, file), 'utf8');
};
/** The seed's excerpt kept beside the presets (see presets/surveys/sources/README.md). */
const seed = (prefix: string) => read(sourcesDir, prefix);
const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

const presets = readSurveyPresets(join(rootDir, 'presets', 'surveys'));
const preset = (key: string) => {
  const found = presets.find((p) => p.key === key);
  if (!found) throw new Error(`preset ${key} missing`);
  return found;
};

/** Obvious slips of the seed fixed on purpose: the preset's words, then the seed's. */
const CORRECTIONS: [string, string][] = [['составом и качеством', 'составов и качеством']];

/** Every string a respondent reads, except what `ours` says is not the seed's. */
function wordingOf(form: SurveyPreset, ours: (questionId: string) => boolean): string[] {
  const strings = [form.title, ...(form.resources ?? []).map((r) => r.label)];
  for (const q of form.questions) {
    if (ours(q.id)) continue;
    strings.push(q.text, ...[q.hint, q.heading].filter((s): s is string => Boolean(s)));
    strings.push(...(q.minLabel?.split(' / ') ?? []), ...(q.maxLabel ? [q.maxLabel] : []));
    strings.push(...(q.options ?? []).map((o) => o.label), ...(q.rows ?? []).map((r) => r.label));
  }
  return strings;
}

function expectInSeed(strings: string[], text: string) {
  const haystack = normalise(text);
  for (const original of strings) {
    const asInSeed = CORRECTIONS.reduce((s, [ours, theirs]) => s.replace(ours, theirs), original);
    const found = [original, asInSeed].some((candidate) => haystack.includes(normalise(candidate)));
    expect(found, `«${original}» is not the seed's wording`).toBe(true);
  }
}

describe('survey presets', () => {
  it.skipIf(!existsSync(seedsDir))('the kept excerpts are verbatim from the seed orders', () => {
    for (const prefix of ['000_', '001_', '002_', '003_']) {
      expect(read(seedsDir, prefix)).toContain(seed(prefix.slice(0, 3)).trimEnd());
    }
  });

  it('seed 001 Appendix 1: wording word for word', () => {
    // The agency's name and the municipality list are filled by the platform, not printed on the form.
    const ours = (id: string) => id === 'agency';
    const form = preset('mer-nso-appendix-1');
    const municipality = form.questions.find((q) => q.id === 'municipality');
    expectInSeed(
      wordingOf(
        { ...form, questions: form.questions.map((q) => (q === municipality ? { ...q, options: [] } : q)) },
        ours,
      ),
      seed('001'),
    );
  });

  it('seed 001 Appendix 1: every paper code of the form, in order', () => {
    const codes = resolveQuestions(preset('mer-nso-appendix-1')).flatMap((q) => [
      q.code,
      ...(q.rows ?? []).map((r) => r.code),
    ]);
    expect(codes.filter(Boolean)).toEqual([
      '11',
      '12',
      '13',
      '21',
      '22',
      '22.1',
      '22.2',
      '22.3',
      '22.4',
      '23',
      '23.1',
      '23.2',
      '23.3',
      '23.4',
    ]);
    const text = seed('001');
    for (const code of codes.filter(Boolean))
      expect(text).toMatch(new RegExp(`\\(${code?.replace('.', '\\.')}\\.?\\)`));
  });

  it('seed 001: the follow-up after a score of 1, 2 or 3 in the seed words', () => {
    const followUp = preset('mer-nso-appendix-1').questions.find((q) => q.showWhen);
    expect(followUp?.showWhen).toEqual({ question: 'ease', values: [1, 2, 3] });
    expect(normalise(seed('001'))).toContain(
      normalise(`составляет 1, 2 или 3 балла, респонденту предлагается следующий вопрос: ${followUp?.text}`),
    );
  });

  it('seed 002: the 13 questions word for word, demographics marked', () => {
    const form = preset('minkpo-perm-form');
    expect(form.questions).toHaveLength(13);
    expectInSeed(
      wordingOf(form, () => false),
      seed('002'),
    );
    expect(form.questions.filter((q) => q.demographic).map((q) => q.id)).toEqual([
      'q10',
      'q11',
      'q12',
      'q13',
    ]);
  });

  it('seed 003 p. 27.3: the two post-call questions with their answers in quotes', () => {
    const form = preset('post-call');
    const text = seed('003');
    for (const q of form.questions) {
      expect(text).toContain(`«${q.text}»`);
      for (const option of q.options ?? []) expect(text).toContain(`«${option.label}»`);
    }
  });

  it('who gets which form', () => {
    expect(preset('mer-nso-appendix-1')).toMatchObject({ agencies: ['mer-nso'], template: true });
    expect(preset('minkpo-perm-form').agencies).toEqual(['minkpo-perm']);
    expect(preset('post-call')).toMatchObject({ slug: 'post-call', agencies: ['*'] });
    expect(preset('rate')).toMatchObject({ slug: 'rate', agencies: ['*'] });
    expect(seed('000')).toContain(`«${preset('rate').title}»`);
  });
});
