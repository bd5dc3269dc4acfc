/**
 * The product's `search` path, timed: validate → `searchArchive` (src/core/search.ts: store candidates,
 * verification in store order with early stop, title-then-recency ranking, top 5). The store's share is
 * measured by timing its `searchCandidates` call through a thin wrapper.
 */
import type { TopicTools } from "../src/core/commands/deps.js";
import type { PaperMatch } from "../src/core/match-result.js";
import type { SearchPlan, Store } from "../src/core/ports.js";
import { searchArchive } from "../src/core/search.js";

export const SEARCH_RESULTS = 5;

export interface SearchTiming {
  totalMs: number;
  /** Process CPU time of the whole path: SQLite runs synchronously in this thread, on a database in page cache. */
  cpuMs: number;
  /** searchCandidates alone, CPU time: the store's share. */
  storeMs: number;
  candidates: number;
  /** Verified matches returned (at most SEARCH_RESULTS). */
  matches: number;
  top: PaperMatch[];
}

export async function timedSearch(store: Store, tools: TopicTools, query: string): Promise<SearchTiming> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const parsed = tools.parseList(query);
  if (!parsed.ok) throw new Error(`query does not parse: ${query}: ${parsed.message}`);
  let storeMs = 0;
  let candidates = 0;
  const timedStore = Object.create(store) as Store;
  timedStore.searchCandidates = async (plan: SearchPlan, limit: number) => {
    const storeCpu = process.cpuUsage();
    const found = await store.searchCandidates(plan, limit);
    const used = process.cpuUsage(storeCpu);
    storeMs += (used.user + used.system) / 1000;
    candidates += found.length;
    return found;
  };
  const { matches } = await searchArchive(timedStore, tools, query, SEARCH_RESULTS);
  const totalMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { totalMs, cpuMs: (used.user + used.system) / 1000, storeMs, candidates, matches: matches.length, top: matches };
}
