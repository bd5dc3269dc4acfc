/**
 * Logistic regression with L2 regularization, trained by stochastic gradient descent on sparse vectors.
 * Deterministic: the examples are visited in an order shuffled by a seeded generator, so the same data
 * gives the same weights on every run and machine. Targets may be fractions (a paper with 3 👍 and 1 👎
 * is 0.75 wanted). L2 is applied to every weight at every step, in O(1), by keeping the weights as
 * `scale × raw` and shrinking the scale (Bottou, "Stochastic Gradient Descent Tricks", 2012, §5.1).
 */
import type { SparseVector } from "./tfidf.js";

export interface LogisticWeights {
  bias: number;
  weights: Map<string, number>;
}

export interface Example {
  features: SparseVector;
  /** 1 = wanted, 0 = unwanted, or the share of 👍 among the votes. */
  target: number;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 40, learningRate: 0.5, l2: 1e-3, seed: 20260101 };

/** Fewer passes when starting from the previous weights: they are close already. */
export const WARM_START_EPOCHS = 10;

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, z))));

export function predict(model: LogisticWeights, features: SparseVector): number {
  let z = model.bias;
  for (const [term, value] of features) z += (model.weights.get(term) ?? 0) * value;
  return sigmoid(z);
}

/** mulberry32: a tiny seeded generator, enough for shuffling. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The log-odds of the mean target, smoothed: where the bias starts when there are no previous weights. */
function priorBias(examples: readonly Example[]): number {
  const mean = (examples.reduce((sum, e) => sum + e.target, 0) + 0.5) / (examples.length + 1);
  return Math.log(mean / (1 - mean));
}

/**
 * Trains on `examples` in the given order (the caller sorts them, e.g. by paper id) from `start` (warm
 * start) or from zero weights and the prior bias.
 */
export function trainLogistic(examples: readonly Example[], options: Partial<TrainOptions> = {}, start?: LogisticWeights): LogisticWeights {
  const { epochs, learningRate, l2, seed } = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const raw = new Map(start?.weights ?? []);
  let scale = 1;
  let bias = start?.bias ?? priorBias(examples);
  const random = seededRandom(seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = learningRate / Math.sqrt(1 + epoch);
    for (const index of order) {
      const example = examples[index]!;
      let z = bias;
      for (const [term, value] of example.features) z += (raw.get(term) ?? 0) * scale * value;
      const error = sigmoid(z) - example.target;
      scale *= 1 - rate * l2;
      for (const [term, value] of example.features) raw.set(term, (raw.get(term) ?? 0) - (rate * error * value) / scale);
      bias -= rate * error;
      // Fold the scale back in before it underflows the raw weights' precision.
      if (scale < 1e-6) {
        for (const [term, value] of raw) raw.set(term, value * scale);
        scale = 1;
      }
    }
  }
  const weights = new Map<string, number>();
  for (const [term, value] of raw) if (value !== 0) weights.set(term, value * scale);
  return { bias, weights };
}
