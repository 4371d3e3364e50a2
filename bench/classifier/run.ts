// Held-out accuracy of the request topic classifier (issue 4 p. 3) on a labelled corpus of
// citizens' requests to a cultural heritage inspection. Runs the product's own classifier code.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Example,
  majorityLabel,
  predict,
  train,
} from '../../src/server/modules/classification/classifier.js';
import { MIN_CONFIDENCE } from '../../src/server/modules/classification/suggestions.service.js';

const here = dirname(fileURLToPath(import.meta.url));
const SEED = Number(process.env.BENCH_SEED ?? 20_260_401);
const EXTRA_SEEDS = Number(process.env.BENCH_EXTRA_SEEDS ?? 20);

/** corpus-*.txt: a «# label» line starts a topic, every other non-empty line is one request. */
function readCorpus(): Example[] {
  const examples: Example[] = [];
  for (const file of readdirSync(here)
    .filter((f) => /^corpus-.*\.txt$/.test(f))
    .sort()) {
    let label = '';
    for (const line of readFileSync(join(here, file), 'utf8').split('\n')) {
      if (line.startsWith('# ')) label = line.slice(2).trim();
      else if (line.trim()) examples.push({ label, text: line.trim() });
    }
  }
  return examples;
}

/** mulberry32: a small seeded generator, so the split is the same on every machine. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** 80/20 within each topic (stratified), after a seeded shuffle. */
function split(examples: Example[], seed: number) {
  const next = random(seed);
  const train: Example[] = [];
  const test: Example[] = [];
  for (const label of new Set(examples.map((e) => e.label))) {
    const group = examples.filter((e) => e.label === label);
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [group[i], group[j]] = [group[j] as Example, group[i] as Example];
    }
    const cut = Math.round(group.length * 0.8);
    train.push(...group.slice(0, cut));
    test.push(...group.slice(cut));
  }
  return { train, test };
}

function scores(labels: string[], truth: string[], guesses: string[]) {
  const accuracy = truth.filter((t, i) => t === guesses[i]).length / truth.length;
  const f1s = labels.map((label) => {
    const tp = truth.filter((t, i) => t === label && guesses[i] === label).length;
    const fp = truth.filter((t, i) => t !== label && guesses[i] === label).length;
    const fn = truth.filter((t, i) => t === label && guesses[i] !== label).length;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  });
  return {
    accuracy,
    macroF1: f1s.reduce((a, b) => a + b, 0) / labels.length,
    perLabel: labels.map((label, i) => `${label} ${(f1s[i] ?? 0).toFixed(2)}`).join(', '),
  };
}

function evaluate(examples: Example[], seed: number) {
  const { train: trainSet, test } = split(examples, seed);
  const model = train(trainSet);
  const labels = [...model.labels.keys()];
  const truth = test.map((e) => e.label);
  const predictions = test.map((e) => predict(model, e.text));
  const guesses = predictions.map((p) => p?.label ?? '');
  const majority = majorityLabel(model) ?? '';
  const confident = predictions.flatMap((p, i) => (p && p.probability >= MIN_CONFIDENCE ? [i] : []));
  return {
    train: trainSet.length,
    test: test.length,
    labels: labels.length,
    nb: scores(labels, truth, guesses),
    baseline: scores(
      labels,
      truth,
      truth.map(() => majority),
    ),
    coverage: confident.length / test.length,
    confidentAccuracy:
      confident.filter((i) => guesses[i] === truth[i]).length / Math.max(confident.length, 1),
  };
}

const corpus = readCorpus();
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const main = evaluate(corpus, SEED);
console.log(
  `corpus: ${corpus.length} requests, ${main.labels} topics; split seed ${SEED}: train ${main.train}, test ${main.test}`,
);
console.log(`Naive Bayes        accuracy ${pct(main.nb.accuracy)}  macro-F1 ${main.nb.macroF1.toFixed(3)}`);
console.log(
  `majority baseline  accuracy ${pct(main.baseline.accuracy)}  macro-F1 ${main.baseline.macroF1.toFixed(3)}`,
);
console.log(`F1 per topic: ${main.nb.perLabel}`);
console.log(`ratio to baseline  accuracy ×${(main.nb.accuracy / main.baseline.accuracy).toFixed(2)}`);
console.log(
  `suggested (confidence ≥ ${MIN_CONFIDENCE}): ${pct(main.coverage)} of test requests, accuracy among them ${pct(main.confidentAccuracy)}`,
);
const runs = Array.from({ length: EXTRA_SEEDS }, (_, i) => evaluate(corpus, SEED + i + 1).nb);
if (runs.length) {
  const accuracies = runs.map((r) => r.accuracy).sort((a, b) => a - b);
  const mean = accuracies.reduce((a, b) => a + b, 0) / runs.length;
  console.log(
    `over ${runs.length} other seeds: accuracy mean ${pct(mean)}, min ${pct(accuracies[0] ?? 0)}, max ${pct(accuracies.at(-1) ?? 0)}`,
  );
}
