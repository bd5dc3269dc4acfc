/**
 * The topic engine as the rest of the core uses it: validate lists, match one channel's topics, plan a
 * search, explain a paper. A thin layer over src/core/topics.
 */
import type { MatchStrictness, TopicRecord } from "./channel.js";
import type { TopicTools } from "./commands/deps.js";
import type { FieldSpan, PaperMatch } from "./match-result.js";
import type { ArchivedPaper } from "./paper.js";
import { formatTopicError } from "./topics/engine/ast.js";
import { compileTopicText, type CompiledTopic } from "./topics/engine/compile.js";
import { explain } from "./topics/engine/explain.js";
import type { IndexMatch } from "./topics/index/index-match.js";
import { TopicIndex } from "./topics/index/topic-index.js";
import { DEFAULT_TOPIC_LIMITS, type TopicLimits } from "./topics/engine/limits.js";
import { preparePaper, preparePaperFor, type PreparedPaper } from "./topics/text/prepare.js";
import { topicNeeds } from "./topics/text/prepare-needs.js";
import { scoreMatch } from "./topics/engine/score.js";
import { searchPlan } from "./topics/index/search-plan.js";
import { meetsThreshold } from "./topics/engine/strictness.js";
import { parseTopicList } from "./topics/engine/topic-list.js";
import { isLikeTopic } from "./topics/engine/like-clause.js";
import { checkLikeTopic, likeEvidence, likeReasons, likeTerms, matchLikeTopics, type LikeCheck, type LikeContext, type LikeTopic } from "./like-match.js";

/**
 * A paper's matches (one per topic) → the PaperMatch that ranking and compose use: spans of every hit,
 * one clean term per matched clause, and the evidence score with its reasons.
 */
export function toPaperMatch(paper: ArchivedPaper, matches: Array<IndexMatch<number>>, likes: ReadonlyArray<{ id: number; check: LikeCheck }> = []): PaperMatch {
  const spans: FieldSpan[] = [];
  const terms: string[] = [];
  const reasons: string[] = [];
  // like: topics first: their shared terms say why a paper without the channel's words is here.
  for (const { check } of likes) {
    terms.push(...likeTerms(check));
    reasons.push(...likeReasons(check));
    for (const clause of check.rest?.match?.clauses ?? []) for (const hit of clause.hits) spans.push({ field: hit.field, start: hit.start, end: hit.end });
  }
  for (const { match, evidence } of matches) {
    for (const clause of match.clauses) for (const hit of clause.hits) spans.push({ field: hit.field, start: hit.start, end: hit.end });
    for (const clause of evidence.clauses) {
      if (clause.term !== null && !terms.some((known) => known.toLowerCase() === clause.term!.toLowerCase())) terms.push(clause.term);
      reasons.push(...clause.reasons);
    }
  }
  const evidence = [...matches.map((m) => m.evidence), ...likes.map(({ check }) => likeEvidence(check))];
  return { paper, topicIds: [...matches.map((m) => m.id), ...likes.map((l) => l.id)], terms, spans, score: scoreMatch(evidence), reasons: [...new Set(reasons)] };
}

/** The matches whose evidence meets the strictness: the index returns every topic that occurs at all. */
export function sufficient<Id>(matches: ReadonlyArray<IndexMatch<Id>>, strictness: MatchStrictness): Array<IndexMatch<Id>> {
  return matches.filter((m) => meetsThreshold(m.evidence.score, strictness));
}

/** The tools, with the strictness a caller outside a channel (`paperboy match --match`) may choose. */
export interface EngineTopicTools extends TopicTools {
  matchTopics(topics: TopicRecord[], papers: ArchivedPaper[], strictness?: MatchStrictness, like?: LikeContext | null): PaperMatch[];
}

export function createTopicTools(limits: TopicLimits = DEFAULT_TOPIC_LIMITS): EngineTopicTools {
  return {
    parseList(input) {
      const parsed = parseTopicList(input, limits);
      if (parsed.ok) return { ok: true, topics: parsed.topics.map((topic) => topic.text) };
      const messages = parsed.errors.map(({ topic, error }) => (topic && parsed.errors.length > 1 ? `${topic}: ${formatTopicError(error)}` : formatTopicError(error)));
      return { ok: false, message: messages.join("; ") };
    },
    matchTopics(topics: TopicRecord[], papers: ArchivedPaper[], strictness: MatchStrictness = "balanced", like: LikeContext | null = null): PaperMatch[] {
      const index = new TopicIndex<number>({ limits });
      const compiled: CompiledTopic[] = [];
      const likeTopics: Array<LikeTopic<number>> = [];
      for (const topic of topics) {
        const result = compileTopicText(topic.text.trim(), limits);
        if (!result.ok) continue;
        compiled.push(result.topic);
        // Without the example papers (no context) a like: topic matches nothing.
        if (isLikeTopic(result.topic)) likeTopics.push({ id: topic.id, topic: result.topic });
        else index.add(topic.id, result.topic);
      }
      // A search verifies one topic against hundreds of candidates: tokenize only what the topics read.
      const needs = topicNeeds(compiled);
      const out: PaperMatch[] = [];
      for (const paper of papers) {
        const prepared = preparePaperFor(paper, needs);
        const matches = sufficient(index.matchPaper(prepared), strictness);
        const likes = like === null || likeTopics.length === 0 ? [] : matchLikeTopics(likeTopics, prepared, like, () => strictness);
        if (matches.length > 0 || likes.length > 0) out.push(toPaperMatch(paper, matches, likes));
      }
      return out;
    },
    searchPlan(query: string) {
      const compiled = compileTopicText(query, limits);
      if (!compiled.ok) throw new Error(formatTopicError(compiled.error));
      return searchPlan(compiled.topic);
    },
    explain(topics: TopicRecord[], paper: ArchivedPaper, strictness: MatchStrictness = "balanced", like: LikeContext | null = null) {
      const prepared: PreparedPaper = preparePaper(paper);
      return topics.map((topic) => {
        const compiled = compileTopicText(topic.text.trim(), limits);
        if (compiled.ok && isLikeTopic(compiled.topic)) return explainLike(topic.text, compiled.topic, prepared, strictness, like);
        const result = explain(topic.text, prepared, strictness);
        if (!result.ok) return { topic: topic.text, matched: false, reasons: [formatTopicError(result.error)] };
        return { topic: topic.text, matched: result.matched, reasons: [result.summary] };
      });
    },
  };
}

/** `why` for a like: topic: the similarity to the example and the shared terms, then the other clauses. */
function explainLike(text: string, topic: CompiledTopic, paper: PreparedPaper, strictness: MatchStrictness, like: LikeContext | null): { topic: string; matched: boolean; reasons: string[] } {
  if (like === null) return { topic: text, matched: false, reasons: ["like: needs the example paper from the archive, which was not loaded here"] };
  const check = checkLikeTopic(topic, paper, like, strictness);
  const reasons = likeReasons(check);
  if (check.rest !== null) {
    const rest = explain(check.rest.topic, paper, strictness);
    // Only exclusions besides like: (`-survey`): no evidence to weigh, just whether each holds.
    const onlyExclusions = check.rest.topic.clauses.every((clause) => clause.negated);
    if (rest.ok) reasons.push(onlyExclusions ? rest.clauses.map((clause) => clause.reason).join("; ") : rest.summary);
  }
  return { topic: text, matched: check.holds, reasons };
}
