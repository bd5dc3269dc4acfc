/**
 * Ranking for compose (PRODUCT.md: title hits above body hits, more matched topics above fewer). A paper
 * whose title carries a topic — or that a field the channel typed (`cat:cs.AR`, `title:…`) selected —
 * is about it; one that mentions it in the abstract may only use it.
 */
import type { TopicEvidence } from "./evidence.js";

/** Weights keep the tiers apart: strong topics, then matched topics, then the evidence of the body. */
const STRONG_TOPIC = 10_000;
const TOPIC = 100;
const MAX_EVIDENCE = 99;

/** Higher is better. `evidence`: of every topic of one channel that matched one paper. */
export function scoreMatch(evidence: ReadonlyArray<TopicEvidence>): number {
  let strong = 0;
  let total = 0;
  for (const e of evidence) {
    if (e.strong) strong++;
    total += e.score;
  }
  return strong * STRONG_TOPIC + evidence.length * TOPIC + Math.min(Math.round(total * 10), MAX_EVIDENCE);
}
