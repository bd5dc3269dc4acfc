/** Which way a channel's votes act on its posts, given its `learn` setting and how much it has voted. */
import type { LearnMode } from "../channel.js";
import type { VoteCounts } from "../vote.js";

export type EffectiveLearnMode = "off" | "rank" | "filter";

/**
 * `auto` waits for this many 👍 and this many 👎: a model trained on fewer (or on one kind only) mostly
 * learns the channel's mood, not its interests. `filter` waits too and only ranks meanwhile: in the
 * replay (eval/replay.ts) a channel with 1 👍 and 23 👎 had every later paper held back, its one wanted
 * paper included, because such a model's probabilities all sit near its prior.
 */
export const AUTO_MIN_VOTES_EACH = 5;

export function effectiveLearnMode(setting: LearnMode, counts: VoteCounts): EffectiveLearnMode {
  const enough = counts.up >= AUTO_MIN_VOTES_EACH && counts.down >= AUTO_MIN_VOTES_EACH;
  if (setting === "auto") return enough ? "rank" : "off";
  if (setting === "filter") return enough ? "filter" : "rank";
  return setting;
}
