/**
 * `like:<arXiv id>`: an example paper as a clause. The topic syntax only names the paper here; whether a
 * paper is similar to it is decided outside the word engine (src/core/like-match.ts), because that needs
 * the example's text from the archive. These helpers let the rest of the engine recognise such topics.
 */
import type { CompiledClause, CompiledTopic } from "./compile.js";

/** `2512.09277`, `2512.09277v2`, `arxiv.org/abs/2512.09277`, `…/pdf/2512.09277v1`, `math/0601001`. */
export function parseArxivId(input: string): string | null {
  const value = input.trim();
  const modern = /(?:^|[/:\s])(\d{4}\.\d{4,5})(?:v\d+)?(?:\.pdf)?\/?$/i.exec(value) ?? /^(\d{4}\.\d{4,5})(?:v\d+)?$/.exec(value);
  if (modern) return modern[1]!;
  const old = /(?:^|abs\/|pdf\/)([a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?$/i.exec(value);
  return old ? old[1]! : null;
}

export function isLikeClause(clause: CompiledClause): boolean {
  return clause.field === "like";
}

/** A topic with at least one `like:` clause: it is matched by similarity, not through the word index. */
export function isLikeTopic(topic: CompiledTopic): boolean {
  return topic.clauses.some(isLikeClause);
}

/** The example papers a topic names (in `like:` clauses, positive or excluded), each once. */
export function likeExampleIds(topic: CompiledTopic): string[] {
  const ids = new Set<string>();
  for (const clause of topic.clauses) for (const alt of clause.alternatives) if (alt.kind === "like") ids.add(alt.value);
  return [...ids];
}

/** The topic's word, category and author clauses alone: what the word engine can verify by itself. */
export function withoutLikeClauses(topic: CompiledTopic): CompiledTopic {
  return { text: topic.text, clauses: topic.clauses.filter((clause) => !isLikeClause(clause)) };
}
