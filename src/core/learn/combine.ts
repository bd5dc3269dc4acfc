/**
 * Keyword matches combined with a channel's model.
 *
 * `rank`: each match gets  combined = (1 − α)·k + α·m  with α = RANK_MODEL_SHARE (0.5), where
 *   k = the match's percentile among this batch by keyword score, and
 *   m = its percentile by the model's probability p that the channel wants the paper;
 *   percentile = (matches scoring lower + ½·(ties − 1)) / (n − 1): 1 for the best, 0 for the weakest
 *   (1 when alone).
 * Percentiles rather than raw values, because the keyword score's tiers (title hits ≫ topics ≫ body hits,
 * topics/score.ts) differ by orders of magnitude, while a model trained on a few dozen votes keeps its
 * probabilities for unseen papers within a narrow band around its prior: either raw value would drown the
 * other. Matches are sorted by `combined`, then by keyword order. Nothing is dropped.
 * `filter`: the same order, and matches with p < FILTER_THRESHOLD are held back (counted, not posted).
 * `off`, or no model yet: keyword order unchanged.
 */
import { rankMatches, type PaperMatch } from "../match-result.js";
import type { Paper } from "../paper.js";
import type { EffectiveLearnMode } from "./learn-mode.js";

export const RANK_MODEL_SHARE = 0.5;
/** Below this the model is confident enough that the channel does not want the paper. */
export const FILTER_THRESHOLD = 0.25;

export interface LearnedMatch {
  match: PaperMatch;
  /** The model's probability, or null when no model applies. */
  probability: number | null;
  combined: number;
}

export interface LearnedRanking {
  /** The matches to post, best first. */
  kept: LearnedMatch[];
  /** Matches `filter` held back, best first. */
  heldBack: LearnedMatch[];
}

export interface RelevanceScorer {
  score(paper: Paper): number;
}

export interface CombineOptions {
  modelShare?: number;
  threshold?: number;
}

export function applyLearning(matches: readonly PaperMatch[], mode: EffectiveLearnMode, model: RelevanceScorer | null, options: CombineOptions = {}): LearnedRanking {
  const ranked = rankMatches([...matches]);
  if (mode === "off" || model === null) return { kept: ranked.map((match) => ({ match, probability: null, combined: 0 })), heldBack: [] };
  const share = options.modelShare ?? RANK_MODEL_SHARE;
  const threshold = options.threshold ?? FILTER_THRESHOLD;
  const keyword = percentiles(ranked.map((match) => match.score));
  const probabilities = ranked.map((match) => model.score(match.paper));
  const learned = percentiles(probabilities);
  const scored = ranked.map((match, position) => ({
    match,
    probability: probabilities[position]!,
    combined: (1 - share) * keyword[position]! + share * learned[position]!,
    position,
  }));
  scored.sort((a, b) => b.combined - a.combined || a.position - b.position);
  const kept: LearnedMatch[] = [];
  const heldBack: LearnedMatch[] = [];
  for (const { match, probability, combined } of scored) {
    (mode === "filter" && probability < threshold ? heldBack : kept).push({ match, probability, combined });
  }
  return { kept, heldBack };
}

/** Each value's percentile among `values`, higher is better; ties share one. */
function percentiles(values: readonly number[]): number[] {
  const n = values.length;
  if (n <= 1) return values.map(() => 1);
  return values.map((value) => {
    let lower = 0;
    let equal = 0;
    for (const other of values) {
      if (other < value) lower++;
      else if (other === value) equal++;
    }
    return (lower + (equal - 1) / 2) / (n - 1);
  });
}
