/**
 * Verification: does a compiled topic hold for a prepared paper, and where. The index only chooses which
 * topics to verify; this decides, so the index and the naive matcher agree by construction.
 */
import type { CompiledClause, CompiledTopic } from "./compile.js";
import { alternativeOccurs, findAlternative } from "./find.js";
import type { HitField, PreparedPaper } from "../text/prepare.js";

/** One place a clause matched: a field and a character span in that field's ORIGINAL text. */
export interface Hit {
  field: HitField;
  start: number;
  end: number;
  /** The matched text as it appears in the paper (for `cat`: the category). */
  text: string;
  /** Author or category index, for `author` and `cat` hits (spans are then within that name). */
  index?: number;
  /** A concept-table member's path ("DETR — a kind of object detection"). */
  via?: string;
  /** The member was typed in capitals (see concepts.ts). */
  capitals?: boolean;
}

export interface ClauseResult {
  /** Index of the clause in the topic. */
  clause: number;
  source: string;
  negated: boolean;
  /** Positive clause: where it holds. Negative clause: where the excluded term was found (empty when it holds). */
  hits: Hit[];
}

export interface TopicMatch {
  topic: string;
  /** The positive clauses, each with its hits. */
  clauses: ClauseResult[];
  /** Distinct matched words as they appear in the paper (for "matched: …"), title hits first. */
  terms: string[];
}

/** Hits kept per clause: enough to highlight, bounded for papers that repeat a word everywhere. */
const MAX_HITS = 32;

/** The match with its hits, or null when the topic does not hold for the paper. */
export function verifyTopic(topic: CompiledTopic, paper: PreparedPaper): TopicMatch | null {
  return topicHolds(topic, paper) ? describeMatch(topic, paper) : null;
}

/** Whether the topic holds: every positive clause occurs and no negative one does. */
export function topicHolds(topic: CompiledTopic, paper: PreparedPaper): boolean {
  for (const clause of topic.clauses) {
    if (clauseHolds(clause, paper) === clause.negated) return false;
  }
  return true;
}

/** Whether the clause's term occurs (ignoring its negation). Stops at the first occurrence. */
export function clauseHolds(clause: CompiledClause, paper: PreparedPaper): boolean {
  const scope = clause.field === "author" || clause.field === "cat" ? null : clause.field;
  for (const alt of clause.alternatives) if (alternativeOccurs(alt, scope, paper)) return true;
  return false;
}

/** Where a topic that holds hits the paper: every positive clause, with spans and matched terms. */
export function describeMatch(topic: CompiledTopic, paper: PreparedPaper, text: string = topic.text): TopicMatch {
  const clauses: ClauseResult[] = [];
  topic.clauses.forEach((clause, index) => {
    if (!clause.negated) clauses.push({ clause: index, source: clause.source, negated: false, hits: clauseHits(clause, paper) });
  });
  return { topic: text, clauses, terms: matchedTerms(clauses) };
}

/** Every occurrence of the clause's term (up to a bound), best fields first. */
export function clauseHits(clause: CompiledClause, paper: PreparedPaper): Hit[] {
  const scope = clause.field === "author" || clause.field === "cat" ? null : clause.field;
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const alt of clause.alternatives) {
    findAlternative(alt, scope, paper, (field, start, end, index) => {
      let hit: Hit;
      if (field === "cat") {
        const text = paper.paper.categories[index]?.trim() ?? "";
        hit = { field: "cat", start: 0, end: text.length, text, index };
      } else if (field.name === "author") {
        hit = { field: "author", start, end, text: field.text.slice(start, end), index };
      } else hit = { field: field.name, start, end, text: field.text.slice(start, end) };
      if (alt.kind === "phrase" && alt.via !== "") {
        hit.via = alt.via;
        hit.capitals = alt.capitals;
      }
      const key = `${hit.field}:${hit.index ?? 0}:${start}:${end}`;
      if (!seen.has(key)) {
        seen.add(key);
        hits.push(hit);
      }
      return hits.length >= MAX_HITS;
    });
  }
  return hits.sort((a, b) => fieldRank(a.field) - fieldRank(b.field) || a.start - b.start);
}

const FIELD_ORDER: HitField[] = ["title", "tldr", "abstract", "motivation", "method", "result", "conclusion", "author", "cat"];

function fieldRank(field: HitField): number {
  return FIELD_ORDER.indexOf(field);
}

function matchedTerms(clauses: ClauseResult[]): string[] {
  const all = clauses.flatMap((c) => c.hits).sort((a, b) => fieldRank(a.field) - fieldRank(b.field));
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const hit of all) {
    const key = hit.text.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      terms.push(hit.text);
    }
  }
  return terms;
}

/** How many of the papers the topic matches (`subscribe` replies: "would have matched N papers"). */
export function countMatches(topic: CompiledTopic, papers: ReadonlyArray<PreparedPaper>): number {
  let count = 0;
  for (const paper of papers) if (topicHolds(topic, paper)) count++;
  return count;
}
