import { tokens } from '../classification/tokens.js';

/** A question staff were asked: a request now, a consult-line call when calls land (issue 7). */
export interface QuestionText {
  id: string;
  text: string;
  departmentId: string | null;
}

export interface QuestionCluster {
  /** Word stems most of the questions share, sorted: the cluster's identity. */
  terms: string[];
  /** For each term, the word form the questions use most («справку» for «справк»). */
  words: string[];
  ids: string[];
  departmentId: string | null;
  /** The question that carries the most of the terms, shortest first. */
  sample: string;
}

// Words every letter to an agency may carry, whatever it asks about.
const GENERIC = new Set(
  tokens(
    `обращение заявление запрос ответ просьба вопрос департамент министерство инспекция ведомство
     сообщить сообщите получить предоставить направить дать можно нужно необходимо знать
     год года дата номер область новосибирск город район`,
  ),
);

/** A term must be shared by this share of a cluster to be one of its terms. */
const SHARED = 0.8;
const MAX_TERMS = 6;
const MAX_TERMS_PER_TEXT = 40;

interface Doc extends QuestionText {
  terms: Set<string>;
  forms: Map<string, string>;
}

function analyse(question: QuestionText): Doc {
  const forms = new Map<string, string>();
  for (const word of question.text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(/[^\p{L}\p{N}]+/u)) {
    const [stem] = tokens(word);
    if (stem && stem.length >= 3 && !GENERIC.has(stem) && !forms.has(stem)) forms.set(stem, word);
  }
  const terms = new Set([...forms.keys()].slice(0, MAX_TERMS_PER_TEXT));
  return { ...question, terms, forms };
}

function mostFrequent<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Pairs of informative terms by how many texts hold both, most shared first. */
function sharedPairs(docs: Doc[], minSize: number): [string, string][] {
  const df = new Map<string, number>();
  for (const doc of docs) for (const term of doc.terms) df.set(term, (df.get(term) ?? 0) + 1);
  // A word in a large part of all questions says what the agency does, not what is asked.
  const maxDf = Math.max(2 * minSize, 0.4 * docs.length);
  const informative = (term: string) => {
    const n = df.get(term) ?? 0;
    return n >= minSize && n <= maxDf;
  };
  const pairs = new Map<string, number>();
  for (const doc of docs) {
    const terms = [...doc.terms].filter(informative).sort();
    for (let i = 0; i < terms.length; i++) {
      for (let j = i + 1; j < terms.length; j++) {
        const key = `${terms[i]} ${terms[j]}`;
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
  }
  return [...pairs]
    .filter(([, n]) => n >= minSize)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key]) => key.split(' ') as [string, string]);
}

function toCluster(members: Doc[]): QuestionCluster {
  const counts = new Map<string, number>();
  for (const doc of members) for (const term of doc.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const terms = [...counts]
    .filter(([, n]) => n >= SHARED * members.length)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TERMS)
    .map(([term]) => term)
    .sort();
  const words = terms.map(
    (term) => mostFrequent(members.map((doc) => doc.forms.get(term)).filter((w) => w !== undefined)) ?? term,
  );
  const coverage = (doc: Doc) => terms.filter((term) => doc.terms.has(term)).length;
  const [best] = [...members].sort((a, b) => coverage(b) - coverage(a) || a.text.length - b.text.length);
  return {
    terms,
    words,
    ids: members.map((doc) => doc.id),
    departmentId: mostFrequent(members.map((doc) => doc.departmentId)) ?? null,
    sample: best?.text ?? '',
  };
}

/**
 * Groups questions that share informative words (seed 003 p. 41: «однотипные обращения»).
 * Greedy over term pairs, the most shared first: each question joins at most one cluster, and
 * a cluster is kept only with at least `minSize` questions.
 */
export function clusterQuestions(questions: QuestionText[], minSize = 5): QuestionCluster[] {
  const docs = questions.map(analyse);
  const taken = new Set<string>();
  const clusters: QuestionCluster[] = [];
  for (const [a, b] of sharedPairs(docs, minSize)) {
    const members = docs.filter((doc) => !taken.has(doc.id) && doc.terms.has(a) && doc.terms.has(b));
    if (members.length < minSize) continue;
    for (const doc of members) taken.add(doc.id);
    clusters.push(toCluster(members));
  }
  return clusters;
}

/** The question as a title: the sample's sentence with the most of the cluster's words. */
export function proposalTitle(cluster: QuestionCluster): string {
  const sentences = cluster.sample.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');
  const score = (sentence: string) => cluster.terms.filter((term) => tokens(sentence).includes(term)).length;
  const [best] = [...sentences].sort((a, b) => score(b) - score(a) || a.length - b.length);
  const title = (best ?? cluster.words.join(' ')).trim();
  return title.length > 150 ? `${title.slice(0, 149)}…` : title;
}
