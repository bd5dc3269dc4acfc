/** `/papers why`: which clauses of a topic hit a paper, where, or why the topic misses it. */
import type { Paper } from "../../paper.js";
import type { TopicError } from "./ast.js";
import { compileTopicText } from "./compile.js";
import type { CompiledClause, CompiledTopic } from "./compile.js";
import type { MatchStrictness } from "../../channel.js";
import { topicEvidence, type TopicEvidence } from "./evidence.js";
import { clauseHits, describeMatch } from "./match.js";
import { THRESHOLDS, meetsThreshold } from "./strictness.js";
import type { Hit } from "./match.js";
import { preparePaper } from "../text/prepare.js";
import type { PreparedPaper } from "../text/prepare.js";

export interface ClauseExplanation {
  clause: number;
  source: string;
  negated: boolean;
  /** Whether this clause is satisfied (a negative clause is satisfied when its term is absent). */
  ok: boolean;
  /** Where the term was found (for a failed negative clause: what excluded the paper). */
  hits: Hit[];
  /** One line for people: `'kv cache' found in title`, `needs 'survey' absent but found in title`. */
  reason: string;
}

export type Explanation =
  | { ok: true; topic: string; matched: boolean; clauses: ClauseExplanation[]; summary: string; evidence: TopicEvidence | null }
  | { ok: false; topic: string; error: TopicError };

/** `strictness`: the channel's `match` setting — a topic that occurs but with too little evidence says so. */
export function explain(topic: string | CompiledTopic, paper: Paper | PreparedPaper, strictness: MatchStrictness = "balanced"): Explanation {
  let compiled: CompiledTopic;
  if (typeof topic === "string") {
    const result = compileTopicText(topic);
    if (!result.ok) return { ok: false, topic, error: result.error };
    compiled = result.topic;
  } else compiled = topic;
  const prepared = "postings" in paper ? paper : preparePaper(paper);
  const clauses = compiled.clauses.map((clause, index): ClauseExplanation => {
    const hits = clauseHits(clause, prepared);
    const ok = clause.negated ? hits.length === 0 : hits.length > 0;
    return { clause: index, source: clause.source, negated: clause.negated, ok, hits, reason: reasonFor(clause, ok, hits, prepared) };
  });
  const occurs = clauses.every((c) => c.ok);
  if (!occurs) return { ok: true, topic: compiled.text, matched: false, clauses, summary: clauses.filter((c) => !c.ok).map((c) => c.reason).join("; "), evidence: null };
  const evidence = topicEvidence(compiled, prepared, describeMatch(compiled, prepared));
  const matched = meetsThreshold(evidence.score, strictness);
  const found = clauses.filter((c) => !c.negated).map((c) => c.reason).join("; ");
  const why = [...new Set(evidence.clauses.flatMap((c) => c.reasons))].join("; ");
  const summary = matched
    ? `matches (score ${evidence.score}): ${found}; ${why}`
    : `below the ${strictness} threshold (score ${evidence.score}, needs ${THRESHOLDS[strictness]}): ${found}; ${why}`;
  return { ok: true, topic: compiled.text, matched, clauses, summary, evidence };
}

function termOf(clause: CompiledClause): string {
  return clause.terms.map((a) => (a.quoted ? `"${a.text}"` : `'${a.text}'`)).join(" or ");
}

/** `title ("KV-cache"), abstract`: the fields, with what was found in the first one. */
function where(hits: Hit[]): string {
  const fields = [...new Set(hits.map((h) => h.field))];
  const first = hits[0];
  if (first === undefined) return "";
  return [`${first.field} ("${first.text}")`, ...fields.slice(1)].join(", ");
}

function reasonFor(clause: CompiledClause, ok: boolean, hits: Hit[], paper: PreparedPaper): string {
  const term = termOf(clause);
  if (clause.field === "cat") {
    const cats = paper.paper.categories.join(", ") || "none";
    if (clause.negated) return ok ? `not in category ${term}` : `needs category ${term} absent but the paper is in ${cats}`;
    return ok ? `in category ${hits.map((h) => h.text).join(", ")}` : `not in category ${term} (paper: ${cats})`;
  }
  if (clause.field === "author") {
    if (clause.negated) return ok ? `no author ${term}` : `needs no author ${term} but found ${hits[0]?.text ?? ""} in ${authorOf(hits, paper)}`;
    return ok ? `author ${authorOf(hits, paper)}` : `no author named ${term}`;
  }
  const scope = clause.field === null ? "any field" : clause.field;
  if (clause.negated) return ok ? `${term} absent` : `needs ${term} absent but found in ${where(hits)}`;
  return ok ? `${term} found in ${where(hits)}` : `no ${term} in ${scope}`;
}

function authorOf(hits: Hit[], paper: PreparedPaper): string {
  const index = hits[0]?.index;
  return index === undefined ? "" : `"${paper.paper.authors[index] ?? ""}"`;
}
