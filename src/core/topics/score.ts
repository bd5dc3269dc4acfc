/**
 * Ranking for compose (PRODUCT.md: title hits above body hits, more matched topics above fewer). A paper
 * whose title carries a topic is about it; one that mentions it in the abstract may only use it.
 */
import type { TopicMatch } from "./match.js";

/** Weights keep the tiers apart: title tier, then matched topics, then how often the body hits. */
const TITLE_TOPIC = 10_000;
const TOPIC = 100;
const MAX_BODY_HITS = 99;

/** Higher is better. `matches`: every topic of one channel that matched one paper. */
export function scoreMatch(matches: ReadonlyArray<TopicMatch>): number {
  let titleTopics = 0;
  let bodyHits = 0;
  for (const match of matches) {
    let inTitle = false;
    for (const clause of match.clauses) {
      for (const hit of clause.hits) {
        if (hit.field === "title") inTitle = true;
        else if (hit.field !== "cat" && hit.field !== "author") bodyHits++;
      }
    }
    if (inTitle) titleTopics++;
  }
  return titleTopics * TITLE_TOPIC + matches.length * TOPIC + Math.min(bodyHits, MAX_BODY_HITS);
}
