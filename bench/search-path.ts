/**
 * The product's `search` path (src/core/commands/lookup.ts), step by step and timed per step: validate →
 * search plan → store candidates (200) → verify with the topic matcher → rank → top 5. Post composition is
 * left out: it is a few cards of string work.
 */
import type { TopicTools } from "../src/core/commands/deps.js";
import { rankMatches } from "../src/core/match-result.js";
import type { PaperMatch } from "../src/core/match-result.js";
import type { Store } from "../src/core/ports.js";

export const SEARCH_CANDIDATES = 200;
export const SEARCH_RESULTS = 5;

export interface SearchTiming {
  totalMs: number;
  /** Process CPU time of the whole path: SQLite runs synchronously in this thread, on a database in page cache. */
  cpuMs: number;
  /** searchCandidates alone, CPU time: the store's share. */
  storeMs: number;
  candidates: number;
  matches: number;
  top: PaperMatch[];
}

export async function timedSearch(store: Store, tools: TopicTools, query: string): Promise<SearchTiming> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const parsed = tools.parseList(query);
  if (!parsed.ok) throw new Error(`query does not parse: ${query}: ${parsed.message}`);
  const plan = tools.searchPlan(query);
  const storeCpu = process.cpuUsage();
  const candidates = await store.searchCandidates(plan, SEARCH_CANDIDATES);
  const storeUsed = process.cpuUsage(storeCpu);
  const storeMs = (storeUsed.user + storeUsed.system) / 1000;
  const matches = rankMatches(tools.matchTopics([{ id: 0, channelId: "", text: query, createdAt: "" }], candidates));
  const top = matches.slice(0, SEARCH_RESULTS);
  const totalMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { totalMs, cpuMs: (used.user + used.system) / 1000, storeMs, candidates: candidates.length, matches: matches.length, top };
}
