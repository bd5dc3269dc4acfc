/**
 * Matching `like:<arXiv id>` topics: a paper matches when its TF-IDF cosine with the example paper
 * reaches the channel's `match` threshold (learn/similar.ts), and the topic's other clauses (`-survey`,
 * `cat:cs.LG`, words) hold as usual. A like: clause has no word a paper must contain, so the word index
 * cannot file it under a rare key: like-topics are a separate, small list checked against every paper
 * (one sparse dot product per like clause and paper, a few hundred terms each), and word topics never
 * pay for them. The example paper itself is never "similar to itself": it was already posted.
 */
import type { MatchStrictness } from "./channel.js";
import type { TermWeight } from "./learn/channel-model.js";
import { SIMILARITY_THRESHOLDS, type Similarity } from "./learn/similar.js";
import type { Paper } from "./paper.js";
import type { CompiledTopic } from "./topics/engine/compile.js";
import { topicEvidence, type TopicEvidence } from "./topics/engine/evidence.js";
import { isLikeClause, withoutLikeClauses } from "./topics/engine/like-clause.js";
import { describeMatch, topicHolds, type TopicMatch } from "./topics/engine/match.js";
import type { PreparedPaper } from "./topics/text/prepare.js";
import { meetsThreshold } from "./topics/engine/strictness.js";

/** What like: matching needs from the archive: the example papers by id and the archive's TF-IDF. */
export interface LikeContext {
  similarity: Similarity;
  examples: ReadonlyMap<string, Paper>;
}

/** Shared terms shown per like: clause ("like 2512.09277: kv cache, offloading, prefill"). */
export const SHARED_TERMS_SHOWN = 3;

export interface LikeClauseCheck {
  source: string;
  negated: boolean;
  /** The clause is satisfied (an excluded example: the paper is NOT similar to it). */
  ok: boolean;
  /** The most similar example of the clause's alternatives, or null when none is in the archive. */
  best: { exampleId: string; similarity: number; shared: TermWeight[]; self: boolean } | null;
  /** Example ids of the clause the archive does not have. */
  missing: string[];
}

export interface LikeCheck {
  strictness: MatchStrictness;
  /** The whole topic holds at the strictness: every like: clause and the word clauses' evidence. */
  holds: boolean;
  likes: LikeClauseCheck[];
  /** The word, category and author clauses (null when there are none). */
  rest: { topic: CompiledTopic; holds: boolean; match: TopicMatch | null; evidence: TopicEvidence | null } | null;
}

/** Checks one like: topic against one paper. */
export function checkLikeTopic(topic: CompiledTopic, paper: PreparedPaper, context: LikeContext, strictness: MatchStrictness): LikeCheck {
  const threshold = SIMILARITY_THRESHOLDS[strictness];
  const likes: LikeClauseCheck[] = [];
  for (const clause of topic.clauses) {
    if (!isLikeClause(clause)) continue;
    let best: LikeClauseCheck["best"] = null;
    const missing: string[] = [];
    for (const alt of clause.alternatives) {
      if (alt.kind !== "like") continue;
      const example = context.examples.get(alt.value);
      if (example === undefined) missing.push(alt.value);
      // The example itself: already posted, so never "similar to itself" (similarity 0).
      else if (example.id === paper.paper.id) best ??= { exampleId: alt.value, similarity: 0, shared: [], self: true };
      else {
        const similarity = context.similarity.similarity(example, paper.paper);
        if (best === null || similarity > best.similarity) best = { exampleId: alt.value, similarity, shared: [], self: false };
      }
    }
    if (best !== null && best.similarity > 0) {
      best.shared = context.similarity.sharedTerms(context.examples.get(best.exampleId)!, paper.paper, SHARED_TERMS_SHOWN);
    }
    // The example itself: never matched by `like:X`, always excluded by `-like:X`.
    const similar = best !== null && (best.self ? clause.negated : best.similarity >= threshold);
    likes.push({ source: clause.source, negated: clause.negated, ok: similar !== clause.negated, best, missing });
  }
  const restTopic = withoutLikeClauses(topic);
  let rest: LikeCheck["rest"] = null;
  if (restTopic.clauses.length > 0) {
    const holds = topicHolds(restTopic, paper);
    const positive = restTopic.clauses.some((clause) => !clause.negated);
    const match = holds && positive ? describeMatch(restTopic, paper) : null;
    const evidence = match === null ? null : topicEvidence(restTopic, paper, match);
    rest = { topic: restTopic, holds: holds && (evidence === null || meetsThreshold(evidence.score, strictness)), match, evidence };
  }
  return { strictness, holds: likes.every((like) => like.ok) && (rest === null || rest.holds), likes, rest };
}

/** `like 2512.09277: kv cache, offloading, prefill` — the matched line of a post card. */
export function likeTerms(check: LikeCheck): string[] {
  return check.likes.flatMap((like) => (like.negated || like.best === null || like.best.self ? [] : [`like ${like.best.exampleId}: ${like.best.shared.map((t) => t.term).join(", ")}`]));
}

/** One line per like: clause for `why` and match reasons. */
export function likeReasons(check: LikeCheck): string[] {
  const threshold = SIMILARITY_THRESHOLDS[check.strictness];
  return check.likes.map((like) => {
    if (like.best === null) return `${like.missing.join(", ")} is not in the archive, so '${like.source}' matches nothing`;
    const { exampleId, similarity, shared } = like.best;
    if (like.best.self) return like.negated ? `excluded: is the example paper ${exampleId} itself` : `is the example paper ${exampleId} itself (already posted, never matched again)`;
    const score = `similarity ${similarity.toFixed(2)}, ${check.strictness} needs ${threshold.toFixed(2)}`;
    const sharing = shared.length === 0 ? "shares no terms" : `shares ${shared.map((t) => t.term).join(", ")}, …`;
    if (like.negated) return like.ok ? `not like ${exampleId} (${score})` : `excluded: like ${exampleId}: ${sharing} (${score})`;
    return like.ok ? `like ${exampleId}: ${sharing} (${score})` : `like ${exampleId}: too far (${score}); ${sharing}`;
  });
}

/**
 * The ranking evidence of a like: topic that holds: the similarity on the evidence scale (×10, so the
 * balanced threshold 0.10 weighs like one abstract sentence), or the word clauses' when weaker.
 */
export function likeEvidence(check: LikeCheck): TopicEvidence {
  const similarities = check.likes.filter((like) => !like.negated && like.best !== null).map((like) => like.best!.similarity * 10);
  const scores = [...similarities, ...(check.rest?.evidence ? [check.rest.evidence.score] : [])];
  return {
    score: scores.length === 0 ? 0 : Math.round(Math.min(...scores) * 100) / 100,
    strong: check.rest?.evidence?.strong ?? false,
    clauses: check.rest?.evidence?.clauses ?? [],
  };
}

/** A like: topic of a channel (or of a query), compiled. */
export interface LikeTopic<Id> {
  id: Id;
  topic: CompiledTopic;
}

/** The like: topics among `topics` that hold for the paper, each with its check. */
export function matchLikeTopics<Id>(
  topics: ReadonlyArray<LikeTopic<Id>>,
  paper: PreparedPaper,
  context: LikeContext,
  strictnessOf: (id: Id) => MatchStrictness,
): Array<{ id: Id; check: LikeCheck }> {
  const out: Array<{ id: Id; check: LikeCheck }> = [];
  for (const { id, topic } of topics) {
    const check = checkLikeTopic(topic, paper, context, strictnessOf(id));
    if (check.holds) out.push({ id, check });
  }
  return out;
}
