/**
 * The topic engine as the rest of the core uses it: validate lists, match one channel's topics, plan a
 * search, explain a paper. A thin layer over src/core/topics.
 */
import type { MatchStrictness, TopicRecord } from "./channel.js";
import type { TopicTools } from "./commands/deps.js";
import type { FieldSpan, PaperMatch } from "./match-result.js";
import type { ArchivedPaper } from "./paper.js";
import { formatTopicError } from "./topics/ast.js";
import { compileTopicText, type CompiledTopic } from "./topics/compile.js";
import { explain } from "./topics/explain.js";
import type { IndexMatch } from "./topics/index-match.js";
import { TopicIndex } from "./topics/index.js";
import { DEFAULT_TOPIC_LIMITS, type TopicLimits } from "./topics/limits.js";
import { preparePaper, preparePaperFor, type PreparedPaper } from "./topics/prepare.js";
import { topicNeeds } from "./topics/prepare-needs.js";
import { scoreMatch } from "./topics/score.js";
import { searchPlan } from "./topics/search-plan.js";
import { meetsThreshold } from "./topics/strictness.js";
import { parseTopicList } from "./topics/topic-list.js";

/**
 * A paper's matches (one per topic) → the PaperMatch that ranking and compose use: spans of every hit,
 * one clean term per matched clause, and the evidence score with its reasons.
 */
export function toPaperMatch(paper: ArchivedPaper, matches: Array<IndexMatch<number>>): PaperMatch {
  const spans: FieldSpan[] = [];
  const terms: string[] = [];
  const reasons: string[] = [];
  for (const { match, evidence } of matches) {
    for (const clause of match.clauses) for (const hit of clause.hits) spans.push({ field: hit.field, start: hit.start, end: hit.end });
    for (const clause of evidence.clauses) {
      if (clause.term !== null && !terms.some((known) => known.toLowerCase() === clause.term!.toLowerCase())) terms.push(clause.term);
      reasons.push(...clause.reasons);
    }
  }
  return { paper, topicIds: matches.map((m) => m.id), terms, spans, score: scoreMatch(matches.map((m) => m.evidence)), reasons: [...new Set(reasons)] };
}

/** The matches whose evidence meets the strictness: the index returns every topic that occurs at all. */
export function sufficient<Id>(matches: ReadonlyArray<IndexMatch<Id>>, strictness: MatchStrictness): Array<IndexMatch<Id>> {
  return matches.filter((m) => meetsThreshold(m.evidence.score, strictness));
}

/** The tools, with the strictness a caller outside a channel (`paperboy match --match`) may choose. */
export interface EngineTopicTools extends TopicTools {
  matchTopics(topics: TopicRecord[], papers: ArchivedPaper[], strictness?: MatchStrictness): PaperMatch[];
}

export function createTopicTools(limits: TopicLimits = DEFAULT_TOPIC_LIMITS): EngineTopicTools {
  return {
    parseList(input) {
      const parsed = parseTopicList(input, limits);
      if (parsed.ok) return { ok: true, topics: parsed.topics.map((topic) => topic.text) };
      const messages = parsed.errors.map(({ topic, error }) => (topic && parsed.errors.length > 1 ? `${topic}: ${formatTopicError(error)}` : formatTopicError(error)));
      return { ok: false, message: messages.join("; ") };
    },
    matchTopics(topics: TopicRecord[], papers: ArchivedPaper[], strictness: MatchStrictness = "balanced"): PaperMatch[] {
      const index = new TopicIndex<number>({ limits });
      const compiled: CompiledTopic[] = [];
      for (const topic of topics) {
        const result = compileTopicText(topic.text.trim(), limits);
        if (!result.ok) continue;
        compiled.push(result.topic);
        index.add(topic.id, result.topic);
      }
      // A search verifies one topic against hundreds of candidates: tokenize only what the topics read.
      const needs = topicNeeds(compiled);
      const out: PaperMatch[] = [];
      for (const paper of papers) {
        const matches = sufficient(index.matchPaper(preparePaperFor(paper, needs)), strictness);
        if (matches.length > 0) out.push(toPaperMatch(paper, matches));
      }
      return out;
    },
    searchPlan(query: string) {
      const compiled = compileTopicText(query, limits);
      if (!compiled.ok) throw new Error(formatTopicError(compiled.error));
      return searchPlan(compiled.topic);
    },
    explain(topics: TopicRecord[], paper: ArchivedPaper, strictness: MatchStrictness = "balanced") {
      const prepared: PreparedPaper = preparePaper(paper);
      return topics.map((topic) => {
        const result = explain(topic.text, prepared, strictness);
        if (!result.ok) return { topic: topic.text, matched: false, reasons: [formatTopicError(result.error)] };
        return { topic: topic.text, matched: result.matched, reasons: [result.summary] };
      });
    },
  };
}
