import { tokens } from './tokens.js';

/** One confirmed example: the request text and what an operator said it was. */
export interface Example {
  text: string;
  label: string;
}

interface LabelStats {
  documents: number;
  tokenTotal: number;
  counts: Map<string, number>;
}

/** A multinomial Naive Bayes model: per label, how often each stem occurs in its examples. */
export interface Model {
  documents: number;
  vocabulary: Set<string>;
  labels: Map<string, LabelStats>;
}

export interface Prediction {
  label: string;
  /** The posterior probability of the label among the known labels, 0…1. */
  probability: number;
}

export function train(examples: Iterable<Example>): Model {
  const model: Model = { documents: 0, vocabulary: new Set(), labels: new Map() };
  for (const example of examples) {
    let stats = model.labels.get(example.label);
    if (!stats) {
      stats = { documents: 0, tokenTotal: 0, counts: new Map() };
      model.labels.set(example.label, stats);
    }
    stats.documents += 1;
    model.documents += 1;
    for (const token of tokens(example.text)) {
      model.vocabulary.add(token);
      stats.counts.set(token, (stats.counts.get(token) ?? 0) + 1);
      stats.tokenTotal += 1;
    }
  }
  return model;
}

/**
 * log P(label) + Σ log P(token | label) with Laplace (add-one) smoothing, so a stem never seen
 * with a label lowers its score instead of ruling it out. Stems the model never saw at all
 * carry no evidence and are skipped.
 */
function logScores(model: Model, text: string): Map<string, number> {
  const known = tokens(text).filter((token) => model.vocabulary.has(token));
  const vocabularySize = model.vocabulary.size;
  const scores = new Map<string, number>();
  for (const [label, stats] of model.labels) {
    let score = Math.log(stats.documents / model.documents);
    const denominator = stats.tokenTotal + vocabularySize;
    for (const token of known) score += Math.log(((stats.counts.get(token) ?? 0) + 1) / denominator);
    scores.set(label, score);
  }
  return scores;
}

/** The most probable label with its posterior probability; null for an empty model. */
export function predict(model: Model, text: string): Prediction | null {
  if (model.documents === 0) return null;
  const scores = logScores(model, text);
  const max = Math.max(...scores.values());
  let sum = 0;
  let best: Prediction | null = null;
  for (const [label, score] of scores) {
    const weight = Math.exp(score - max);
    sum += weight;
    if (!best || weight > best.probability) best = { label, probability: weight };
  }
  return best && { label: best.label, probability: best.probability / sum };
}

/** The label most examples carry: the baseline a classifier has to beat. */
export function majorityLabel(model: Model): string | null {
  let best: [string, number] | null = null;
  for (const [label, stats] of model.labels)
    if (!best || stats.documents > best[1]) best = [label, stats.documents];
  return best?.[0] ?? null;
}
