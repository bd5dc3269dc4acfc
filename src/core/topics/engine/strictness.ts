/** The channel's `match` setting as a threshold on topic evidence (evidence.ts). */
import type { MatchStrictness } from "../../channel.js";
import { WEIGHTS } from "./evidence.js";

/**
 * strict: a title or TL;DR hit, or two body sentences; balanced: one body sentence that really uses the
 * term; broad: any mention, even in passing (but never an acronym the paper defines otherwise).
 */
export const THRESHOLDS: Readonly<Record<MatchStrictness, number>> = {
  strict: WEIGHTS.tldr,
  balanced: WEIGHTS.sentence,
  broad: WEIGHTS.passing,
};

export function meetsThreshold(score: number, strictness: MatchStrictness): boolean {
  return score >= THRESHOLDS[strictness] - 1e-9;
}
