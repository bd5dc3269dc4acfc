/**
 * A channel's relevance model: logistic regression over TF-IDF terms, trained on the channel's votes.
 * Each voted paper is one example whose target is its share of 👍 (one person's 👍 is 1, a split vote
 * is in between), so a paper many people voted on does not outweigh the rest. Retraining when votes
 * arrive is cheap (a channel votes on hundreds of papers, not millions); passing the previous model's
 * weights warm-starts it with fewer passes.
 */
import type { Paper } from "../paper.js";
import type { Vote } from "../vote.js";
import { DEFAULT_TRAIN_OPTIONS, predict, trainLogistic, WARM_START_EPOCHS, type Example, type LogisticWeights, type TrainOptions } from "./logistic.js";
import type { Vocabulary } from "./tfidf.js";

export interface TermWeight {
  /** The term as it reads (a word, a pair of words, or CJK characters). */
  term: string;
  weight: number;
}

export interface Explanation {
  /** Terms of the paper that raise its score, strongest first. */
  pushingUp: TermWeight[];
  /** Terms of the paper that lower it, strongest first (negative weights). */
  pushingDown: TermWeight[];
}

export interface ChannelModel {
  readonly trainedOn: { papers: number; up: number; down: number };
  readonly weights: LogisticWeights;
  /** Probability that the channel wants the paper (0..1). */
  score(paper: Paper): number;
  /** The paper's terms that move its score most, each with weight × the term's value in the paper. */
  explain(paper: Paper, limit?: number): Explanation;
  /** The model's strongest terms overall. */
  topTerms(limit: number): Explanation;
  /**
   * The same weights over another vocabulary (newer document frequencies): no training. Weights are
   * keyed by term, so a model stays valid as the archive grows; only the idf of its terms shifts.
   */
  withVocabulary(vocabulary: Vocabulary): ChannelModel;
}

export interface TrainChannelModelInput {
  votes: readonly Vote[];
  /** The voted papers (others are ignored: a vote on a paper no longer in the archive teaches nothing). */
  papers: ReadonlyMap<string, Paper>;
  vocabulary: Vocabulary;
  /** The previous model of the channel, to warm-start from. */
  previous?: ChannelModel | null;
  options?: Partial<TrainOptions>;
}

/** Per paper: its share of 👍 votes, in paper-id order (a fixed order keeps training deterministic). */
export function voteTargets(votes: readonly Vote[]): Array<{ paperId: string; target: number }> {
  const tally = new Map<string, { up: number; all: number }>();
  for (const vote of votes) {
    const entry = tally.get(vote.paperId) ?? { up: 0, all: 0 };
    entry.all++;
    if (vote.value === "up") entry.up++;
    tally.set(vote.paperId, entry);
  }
  return [...tally.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([paperId, { up, all }]) => ({ paperId, target: up / all }));
}

/** Null when none of the voted papers is known. */
export function trainChannelModel(input: TrainChannelModelInput): ChannelModel | null {
  const examples: Example[] = [];
  const labels = new Map<string, string>();
  for (const { paperId, target } of voteTargets(input.votes)) {
    const paper = input.papers.get(paperId);
    if (paper === undefined) continue;
    const vector = input.vocabulary.vector(paper);
    examples.push({ features: vector.values, target });
    for (const [term, label] of vector.labels) if (!labels.has(term)) labels.set(term, label);
  }
  if (examples.length === 0) return null;
  const counted = input.votes.filter((vote) => input.papers.has(vote.paperId));
  const options = input.previous ? { epochs: WARM_START_EPOCHS, ...input.options } : { ...DEFAULT_TRAIN_OPTIONS, ...input.options };
  const weights = trainLogistic(examples, options, input.previous?.weights);
  return modelFrom(weights, labels, input.vocabulary, {
    papers: examples.length,
    up: counted.filter((vote) => vote.value === "up").length,
    down: counted.filter((vote) => vote.value === "down").length,
  });
}

function modelFrom(weights: LogisticWeights, labels: Map<string, string>, vocabulary: Vocabulary, trainedOn: ChannelModel["trainedOn"]): ChannelModel {
  const split = (contributions: Array<[string, number, string]>, limit: number): Explanation => {
    const sorted = contributions.filter(([, weight]) => weight !== 0).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]) || (a[0] < b[0] ? -1 : 1));
    const pick = (positive: boolean) =>
      sorted
        .filter(([, weight]) => weight > 0 === positive)
        .slice(0, limit)
        .map(([, weight, label]) => ({ term: label, weight: round(weight) }));
    return { pushingUp: pick(true), pushingDown: pick(false) };
  };
  return {
    trainedOn,
    weights,
    withVocabulary: (other) => modelFrom(weights, labels, other, trainedOn),
    score: (paper) => predict(weights, vocabulary.vector(paper).values),
    explain(paper, limit = 5) {
      const vector = vocabulary.vector(paper);
      const contributions: Array<[string, number, string]> = [];
      for (const [term, value] of vector.values) {
        const weight = weights.weights.get(term);
        if (weight !== undefined) contributions.push([term, weight * value, vector.labels.get(term) ?? term]);
      }
      return split(contributions, limit);
    },
    topTerms(limit) {
      return split([...weights.weights].map(([term, weight]) => [term, weight, labels.get(term) ?? term]), limit);
    },
  };
}

const round = (value: number): number => Math.round(value * 1000) / 1000;
