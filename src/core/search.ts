/**
 * Archive search (`/papers search`, `paperboy search`): the store's full-text prefilter proposes
 * candidates, title hits first and newest first; the topic matcher verifies them in that order. Results
 * rank title hits first, then recency — so verification stops as soon as enough title hits are
 * confirmed, and a broad query costs a handful of verifications instead of hundreds.
 */
import type { TopicTools } from "./commands/deps.js";
import type { PaperMatch } from "./match-result.js";
import type { SearchPlan, Store } from "./ports.js";

/** Candidates fetched for one search: enough that a rare verified match is not cut off. */
export const SEARCH_CANDIDATES = 200;
const VERIFY_BATCH = 16;

export interface SearchOutcome {
  matches: PaperMatch[];
  /** True when more papers match than were returned (or verification stopped early). */
  more: boolean;
}

const inTitle = (match: PaperMatch) => match.spans.some((span) => span.field === "title");

/**
 * Whether any clause of the plan could hit a title. Chinese terms (titles are English), `author:` and
 * `cat:` cannot: then every candidate is a body hit, the store's order is plain recency, and the first
 * verified candidates are already the answer.
 */
export function canHitTitle(plan: SearchPlan): boolean {
  return plan.all.some((group) => group.any.some((alt) => !alt.cjk && (alt.field === undefined || alt.field === "title")));
}

export function rankForSearch(matches: PaperMatch[]): PaperMatch[] {
  return [...matches].sort(
    (a, b) => Number(inTitle(b)) - Number(inTitle(a)) || b.paper.lastSeen.localeCompare(a.paper.lastSeen) || b.score - a.score || a.paper.id.localeCompare(b.paper.id),
  );
}

/** `query` must be a valid single topic (the caller validated it with tools.parseList). */
export async function searchArchive(store: Store, tools: TopicTools, query: string, limit: number): Promise<SearchOutcome> {
  const plan = tools.searchPlan(query);
  const candidates = await store.searchCandidates(plan, Math.max(SEARCH_CANDIDATES, limit * 4));
  const enough = canHitTitle(plan) ? () => titleHits >= limit : () => verified.length >= limit;
  const topic = [{ id: 1, channelId: "", text: query, createdAt: "" }];
  const verified: PaperMatch[] = [];
  let titleHits = 0;
  let next = 0;
  while (next < candidates.length && !enough()) {
    const batch = candidates.slice(next, next + VERIFY_BATCH);
    next += batch.length;
    for (const match of tools.matchTopics(topic, batch)) {
      verified.push(match);
      if (inTitle(match)) titleHits += 1;
    }
  }
  const ranked = rankForSearch(verified);
  return { matches: ranked.slice(0, limit), more: ranked.length > limit || next < candidates.length };
}
