/** Which way a channel's votes act on its posts, given its `learn` setting and how much it has voted. */
import type { LearnMode } from "../channel.js";
import type { VoteCounts } from "../ports.js";

export type EffectiveLearnMode = "off" | "rank" | "filter";

/**
 * `auto` waits for this many 👍 and this many 👎: a model trained on fewer (or on one kind only) mostly
 * learns the channel's mood, not its interests.
 */
export const AUTO_MIN_VOTES_EACH = 5;

export function effectiveLearnMode(setting: LearnMode, counts: VoteCounts): EffectiveLearnMode {
  if (setting !== "auto") return setting;
  return counts.up >= AUTO_MIN_VOTES_EACH && counts.down >= AUTO_MIN_VOTES_EACH ? "rank" : "off";
}
