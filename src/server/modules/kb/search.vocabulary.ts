/**
 * The words (Russian stems) an agency's knowledge base holds, for correcting a misspelt query
 * word to the nearest ones («земелн» → «земельн», «фосад» → «фасад»): candidates share a
 * trigram with it (as pg_trgm splits words), and count when one or two letters are off.
 *
 * Why not pg_trgm's `%>` over the articles themselves: word_similarity against a whole article
 * costs about 0.3 ms a row, so 2 000 articles took 4 s (bench/kb); correcting the word against
 * the vocabulary and then searching by full text stays on the GIN index. Nor trigram similarity
 * alone: one wrong letter in a five-letter word leaves a third of its trigrams (0.33).
 */
export interface Vocabulary {
  /** Up to `limit` known stems within the allowed edits of `stem`: fewest edits, then commonest first. */
  closest(stem: string, limit: number): string[];
  has(stem: string): boolean;
  size: number;
}

/** Short words get one wrong, missing or extra letter; longer ones two. */
const allowedEdits = (stem: string) => (stem.length <= 5 ? 1 : 2);

export function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Levenshtein distance, given up past `max` (then any larger number). */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    previous = current;
  }
  return previous[b.length] ?? max + 1;
}

/** `stems` commonest first: on equal distance the commoner stem is the likelier meant. */
export function buildVocabulary(stems: readonly string[]): Vocabulary {
  const known = new Set(stems);
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
      const max = allowedEdits(stem);
      const candidates = new Set<number>();
      for (const trigram of trigrams(stem)) {
        for (const index of postings.get(trigram) ?? []) candidates.add(index);
      }
      const scored: { index: number; distance: number }[] = [];
      for (const index of candidates) {
        const distance = editDistance(stem, stems[index] ?? '', max);
        if (distance <= max) scored.push({ index, distance });
      }
      scored.sort((a, b) => a.distance - b.distance || a.index - b.index);
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
