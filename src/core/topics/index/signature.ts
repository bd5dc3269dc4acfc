/**
 * Canonical strings for compiled clauses and topics: two topics with the same signature match exactly
 * the same papers, so the index keeps one entry for both (`LLM` and `llm`, `kv-cache` and `KV cache`).
 */
import type { CompiledAlternative, CompiledClause, CompiledTopic } from "../engine/compile.js";
import { matcherSignature } from "../text/words.js";

export function alternativeSignature(alt: CompiledAlternative): string {
  switch (alt.kind) {
    case "phrase":
      return `${alt.flexible ? "f" : "p"}:${matcherSignature(alt.words)}${alt.via === "" ? "" : `@${alt.via}${alt.capitals ? "!" : ""}`}`;
    case "cjk":
      // An ambiguous term with and without confirmation (unquoted, quoted) matches different papers.
      return `c:${alt.text}${alt.confirm.length > 0 ? "?" : ""}`;
    case "author":
      return `n:${alt.words.join(" ")}`;
    case "cat":
      return `k:${alt.value}${alt.prefix ? "*" : ""}`;
    case "like":
      return `l:${alt.value}`;
  }
}

export function clauseSignature(clause: CompiledClause): string {
  const alts = clause.alternatives.map(alternativeSignature).sort().join("|");
  return `${clause.negated ? "-" : "+"}${clause.field ?? ""}:${alts}`;
}

/** Clause order does not change what a topic matches, so signatures sort them. */
export function topicSignature(topic: CompiledTopic): string {
  return topic.clauses.map(clauseSignature).sort().join(" & ");
}
