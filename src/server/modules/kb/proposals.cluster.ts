import { tokens } from '../classification/tokens.js';

/** A question staff were asked, in a written request or on a consult-line call. */
export interface QuestionText {
  id: string;
  source: 'request' | 'call';
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
/** The most shared pairs are the candidate groups; a daily run over a quarter's mail stays short. */
const MAX_CANDIDATES = 500;

interface Doc extends QuestionText {
  terms: Set<string>;
  forms: Map<string, string>;
}

/** Stems word by word, each distinct word once: stemming is most of the run's time otherwise. */
function stemmer() {
  const stems = new Map<string, string | undefined>();
  return (word: string) => {
    if (!stems.has(word)) stems.set(word, tokens(word)[0]);
    return stems.get(word);
  };
}

function analyse(question: QuestionText, stemOf: (word: string) => string | undefined): Doc {
  const forms = new Map<string, string>();
  const words = question.text
    .toLowerCase()
    .replaceAll('ё', 'е')
    .split(/[^\p{L}\p{N}]+/u);
  for (const word of words) {
    const stem = stemOf(word);
    if (stem && stem.length >= 3 && !GENERIC.has(stem) && !forms.has(stem)) forms.set(stem, word);
  }
  const terms = new Set([...forms.keys()].slice(0, MAX_TERMS_PER_TEXT));
  return { ...question, terms, forms };
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
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
  const terms = coreTerms(members);
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

/** The terms most members share, sorted; at most MAX_TERMS of the most shared. */
function coreTerms(members: Doc[]): string[] {
  const counts = new Map<string, number>();
  for (const doc of members) for (const term of doc.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= SHARED * members.length)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, MAX_TERMS)
    .map(([term]) => term)
    .sort();
}

/**
 * Groups questions that share informative words (seed 003 p. 41: «однотипные обращения»).
 * Every pair of words held by at least `minSize` questions makes a candidate group; each
 * question then joins the candidate whose shared words it carries most (a certificate question
 * that also names the lease goes with the certificates, not with lease renewals), and groups
 * left with fewer than `minSize` questions are dropped.
 */
export function clusterQuestions(questions: QuestionText[], minSize = 5): QuestionCluster[] {
  const stemOf = stemmer();
  const docs = questions.map((question) => analyse(question, stemOf));
  const postings = new Map<string, Doc[]>();
  for (const doc of docs) for (const term of doc.terms) append(postings, term, doc);
  const candidates = new Map<string, string[]>();
  for (const [a, b] of sharedPairs(docs, minSize).slice(0, MAX_CANDIDATES)) {
    const terms = coreTerms((postings.get(a) ?? []).filter((doc) => doc.terms.has(b)));
    candidates.set(terms.join(' '), terms);
  }
  // Which candidates hold a term, so each question is scored only against those it touches.
  const holders = new Map<string, string[]>();
  for (const [key, terms] of candidates) for (const term of terms) append(holders, term, key);
  const groups = new Map<string, Doc[]>();
  for (const doc of docs) {
    const scores = new Map<string, number>();
    for (const term of doc.terms)
      for (const key of holders.get(term) ?? []) scores.set(key, (scores.get(key) ?? 0) + 1);
    let best: [string, number] | undefined;
    for (const entry of scores) if (entry[1] >= 2 && (!best || entry[1] > best[1])) best = entry;
    if (best) append(groups, best[0], doc);
  }
  return [...groups.values()].filter((members) => members.length >= minSize).map(toCluster);
}

/** The question as a title: the sample's sentence with the most of the cluster's words. */
export function proposalTitle(cluster: QuestionCluster): string {
  const sentences = cluster.sample.split(/(?<=[.!?])\s+/).filter((s) => s.trim() !== '');
  const score = (sentence: string) => cluster.terms.filter((term) => tokens(sentence).includes(term)).length;
  const [best] = [...sentences].sort((a, b) => score(b) - score(a) || a.length - b.length);
  const title = (best ?? cluster.words.join(' ')).trim();
  return title.length > 150 ? `${title.slice(0, 149)}…` : title;
}
