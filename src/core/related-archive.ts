/**
 * Related terms of a topic over the archive: the papers it matches (the store's full-text prefilter,
 * verified by the matcher) against a bounded sample of the latest digests. Used by `paperboy related`
 * and by the `subscribe` reply's hint.
 */
import type { TopicTools } from "./commands/deps.js";
import type { ArchivedPaper } from "./paper.js";
import type { Store } from "./ports.js";
import { countTerms, rankRelated, termKeys } from "./related-terms.js";
import type { RelatedTerm, TermCounts } from "./related-terms.js";

/** Candidates verified for one topic: enough for a stable estimate, bounded for a broad topic. */
export const MAX_MATCHING = 1000;
/** Papers of the latest digests that stand for "all papers". */
export const MAX_BACKGROUND = 2000;

export interface RelatedReport {
  topic: string;
  /** Papers the topic matches (of at most MAX_MATCHING candidates). */
  matching: number;
  /** Papers the frequencies are taken over: the matching ones and the background sample. */
  all: number;
  terms: RelatedTerm[];
}

/** The latest digests' papers, newest digest first, at most `max` (each paper once). */
export async function latestPapers(store: Store, max: number, digests = 30): Promise<ArchivedPaper[]> {
  const papers = new Map<string, ArchivedPaper>();
  for (const digest of await store.listDigests(digests)) {
    if (papers.size >= max) break;
    for (const paper of await store.digestPapers(digest.date)) {
      if (papers.size >= max) break;
      papers.set(paper.id, paper);
    }
  }
  return [...papers.values()];
}

/** `topic` must be one valid topic (the caller validated it with tools.parseList). */
export async function relatedInArchive(store: Store, tools: TopicTools, topic: string, options: { limit: number; minSupport: number }): Promise<RelatedReport> {
  const candidates = await store.searchCandidates(tools.searchPlan(topic), MAX_MATCHING);
  const matching = tools.matchTopics([{ id: 1, channelId: "", text: topic, createdAt: "" }], candidates).map((m) => m.paper);
  const ids = new Set(matching.map((p) => p.id));
  const background = (await latestPapers(store, MAX_BACKGROUND)).filter((p) => !ids.has(p.id));
  const all = countTerms([...matching, ...background]);
  const terms = rankRelated(countTerms(matching), all, { ...options, exclude: termKeys(topic) });
  return { topic, matching: matching.length, all: all.papers, terms };
}

const HINT_TERMS = 3;
const HINT_SUPPORT = 2;

/**
 * "Papers about X also say: a, b, c" for each topic, over papers already loaded (the latest digest);
 * a topic with too few matching papers gets no hint. The papers' counts are made once, and only when
 * some topic has enough matches.
 */
export function relatedHints(tools: TopicTools, topics: ReadonlyArray<string>, papers: ReadonlyArray<ArchivedPaper>): Map<string, RelatedTerm[]> {
  const hints = new Map<string, RelatedTerm[]>();
  let all: TermCounts | null = null;
  for (const topic of topics) {
    const matching = tools.matchTopics([{ id: 1, channelId: "", text: topic, createdAt: "" }], [...papers]).map((m) => m.paper);
    if (matching.length < HINT_SUPPORT) continue;
    all ??= countTerms(papers);
    const terms = rankRelated(countTerms(matching), all, { limit: HINT_TERMS, minSupport: HINT_SUPPORT, exclude: termKeys(topic) });
    if (terms.length > 0) hints.set(topic, terms);
  }
  return hints;
}
