/**
 * The one place where a channel's learning meets its matches: the delivered post and the digest preview
 * both order (and `filter` both holds back) through here, so the preview shows what the channel gets.
 */
import type { PaperMatch } from "../match-result.js";
import { applyLearning, type LearnedMatch, type RelevanceScorer } from "./combine.js";
import type { EffectiveLearnMode } from "./learn-mode.js";

export interface ChannelLearningInput {
  mode: EffectiveLearnMode;
  model: RelevanceScorer | null;
}

export interface ChannelOrder {
  /** What to show, best first. */
  listed: LearnedMatch[];
  /** The matches `filter` holds back (listed too when they were asked for). */
  heldBack: LearnedMatch[];
  /** True when held-back matches are part of `listed`. */
  showsHeldBack: boolean;
}

/**
 * `showHeldBack` (the preview's `all`): the same order as `rank`, held-back matches included, so a
 * channel can see what its votes keep out and vote them back in.
 */
export function orderForChannel(matches: readonly PaperMatch[], learning: ChannelLearningInput | null | undefined, showHeldBack = false): ChannelOrder {
  const mode = learning?.mode ?? "off";
  const model = learning?.model ?? null;
  const ranking = applyLearning(matches, mode, model);
  if (!showHeldBack || ranking.heldBack.length === 0) return { listed: ranking.kept, heldBack: ranking.heldBack, showsHeldBack: false };
  return { listed: applyLearning(matches, "rank", model).kept, heldBack: ranking.heldBack, showsHeldBack: true };
}

/** The model's probability as people read it: "12%". */
export function percent(probability: number): string {
  return `${Math.round(probability * 100)}%`;
}
