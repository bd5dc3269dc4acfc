/**
 * Which parts of a paper a set of topics can look at. A search verifies one topic against up to a few
 * hundred candidate papers, and tokenizing every field of each (stems, postings, author names) is most of
 * its cost; a topic that only reads the title, or only searches Chinese text, needs far less. A paper
 * prepared for some needs is only valid for topics within them (`topicNeeds`).
 */
import { TEXT_FIELDS } from "../paper.js";
import type { TextField } from "../paper.js";
import type { CompiledTopic } from "./compile.js";

export interface PrepareNeeds {
  /** Text fields whose words (tokens, compounds, postings, title keys) are listed. */
  readonly words: ReadonlySet<TextField>;
  /** Whether author names are tokenized (`author:` clauses). */
  readonly authors: boolean;
}

/** Everything: what an index of arbitrary topics (a channel matcher, a digest) needs. */
export const PREPARE_ALL: PrepareNeeds = { words: new Set(TEXT_FIELDS), authors: true };

/**
 * What verifying (and explaining) these topics reads. Negated clauses count too: proving a term absent
 * needs the same words as finding it. CJK alternatives read a field's text, which is always kept.
 */
export function topicNeeds(topics: ReadonlyArray<CompiledTopic>): PrepareNeeds {
  const words = new Set<TextField>();
  let everyField = false;
  let authors = false;
  for (const topic of topics) {
    for (const clause of topic.clauses) {
      if (clause.field === "author") authors = true;
      if (clause.field === "author" || clause.field === "cat") continue;
      if (!clause.alternatives.some((alt) => alt.kind === "phrase")) continue;
      if (clause.field === null) everyField = true;
      else words.add(clause.field);
    }
  }
  if (everyField) return authors ? PREPARE_ALL : { words: PREPARE_ALL.words, authors: false };
  return { words, authors };
}
