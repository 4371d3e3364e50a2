/**
 * The words (Russian stems) an agency's knowledge base holds, for correcting a misspelt query
 * word to the nearest ones («земелн» → «земельн»), measured as pg_trgm measures: shared
 * trigrams of the padded word over all trigrams of both.
 *
 * Why not pg_trgm's `%>` over the articles themselves: word_similarity against a whole article
 * costs about 0.3 ms a row, so 50 000 articles took seconds (bench/kb); correcting the word
 * against the vocabulary and then searching by full text stays on the GIN index.
 */
export interface Vocabulary {
  /** Up to `limit` known stems resembling `stem` at least `threshold`, closest (then commonest) first. */
  closest(stem: string, limit: number): string[];
  has(stem: string): boolean;
  size: number;
}

// «учасок» ~ «участок» is 0.5 and «земелн» ~ «земельн» 0.5; unrelated stems of that length
// share two or three trigrams at most (≤ 0.3).
const THRESHOLD = 0.45;

export function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** `stems` commonest first: on equal resemblance the commoner stem is the likelier meant. */
export function buildVocabulary(stems: readonly string[]): Vocabulary {
  const known = new Set(stems);
  const sizes = stems.map((stem) => trigrams(stem).size);
  const postings = new Map<string, number[]>();
  stems.forEach((stem, index) => {
    for (const trigram of trigrams(stem)) {
      const list = postings.get(trigram);
      if (list) list.push(index);
      else postings.set(trigram, [index]);
    }
  });
  return {
    size: known.size,
    has: (stem) => known.has(stem),
    closest(stem, limit) {
      const own = trigrams(stem);
      const shared = new Map<number, number>();
      for (const trigram of own) {
        for (const index of postings.get(trigram) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
      }
      const scored: { index: number; score: number }[] = [];
      for (const [index, count] of shared) {
        const score = count / (own.size + (sizes[index] ?? 0) - count);
        if (score >= THRESHOLD) scored.push({ index, score });
      }
      scored.sort((a, b) => b.score - a.score || a.index - b.index);
      return scored.slice(0, limit).flatMap(({ index }) => stems[index] ?? []);
    },
  };
}

/**
 * One vocabulary per agency, read again after `ttlMs`. Reading it runs ts_stat over every
 * article (≈ 0.7 s at 50 000), so an outdated one keeps serving while the new one loads: only
 * an agency's very first typo search waits. Words of an article saved since then are found by
 * full text at once; only correcting a misspelling towards them waits for the next read.
 */
export function createVocabularyCache(load: (agencyId: string) => Promise<string[]>, ttlMs: number) {
  const entries = new Map<string, { value: Promise<Vocabulary>; readAt: number }>();
  return function vocabularyOf(agencyId: string): Promise<Vocabulary> {
    const entry = entries.get(agencyId);
    if (entry && Date.now() - entry.readAt < ttlMs) return entry.value;
    const fresh = { value: load(agencyId).then(buildVocabulary), readAt: Date.now() };
    if (!entry) {
      entries.set(agencyId, fresh);
      fresh.value.catch(() => entries.delete(agencyId));
      return fresh.value;
    }
    entry.readAt = fresh.readAt;
    fresh.value.then(
      () => entries.set(agencyId, fresh),
      () => {
        entry.readAt = 0;
      },
    );
    return entry.value;
  };
}
