/**
 * Verification: does a compiled topic hold for a prepared paper, and where. The index only chooses which
 * topics to verify; this decides, so the index and the naive matcher agree by construction.
 */
import type { TextField } from "../paper.js";
import type { CompiledAlternative, CompiledClause, CompiledTopic } from "./compile.js";
import type { HitField, PreparedField, PreparedPaper } from "./prepare.js";
import type { Token } from "./text.js";
import { wordKey, wordMatches } from "./words.js";
import type { WordMatcher } from "./words.js";

/** One place a clause matched: a field and a character span in that field's ORIGINAL text. */
export interface Hit {
  field: HitField;
  start: number;
  end: number;
  /** The matched text as it appears in the paper. */
  text: string;
  /** Author or category index, for `author` and `cat` hits. */
  index?: number;
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

/** The match, or null when the topic does not hold for the paper. */
export function verifyTopic(topic: CompiledTopic, paper: PreparedPaper): TopicMatch | null {
  // Cheap rejections first: positives must all hold, negatives must all fail.
  for (const clause of topic.clauses) {
    if (clauseHolds(clause, paper) === clause.negated) return null;
  }
  const clauses: ClauseResult[] = [];
  topic.clauses.forEach((clause, index) => {
    if (!clause.negated) clauses.push({ clause: index, source: clause.source, negated: false, hits: clauseHits(clause, paper) });
  });
  return { topic: topic.text, clauses, terms: matchedTerms(clauses) };
}

export function clauseHolds(clause: CompiledClause, paper: PreparedPaper): boolean {
  return clause.alternatives.some((alt) => alternativeHits(alt, clause, paper, 1).length > 0);
}

export function clauseHits(clause: CompiledClause, paper: PreparedPaper): Hit[] {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const alt of clause.alternatives) {
    for (const hit of alternativeHits(alt, clause, paper, MAX_HITS)) {
      const key = `${hit.field}:${hit.index ?? 0}:${hit.start}:${hit.end}`;
      if (!seen.has(key) && hits.length < MAX_HITS) {
        seen.add(key);
        hits.push(hit);
      }
    }
  }
  return hits.sort((a, b) => fieldRank(a.field) - fieldRank(b.field) || a.start - b.start);
}

function alternativeHits(alt: CompiledAlternative, clause: CompiledClause, paper: PreparedPaper, limit: number): Hit[] {
  switch (alt.kind) {
    case "phrase":
      return phraseHits(alt.words, clause.field, paper, limit);
    case "cjk":
      return cjkHits(alt.text, clause.field, paper, limit);
    case "author":
      return authorHits(alt.words, paper, limit);
    case "cat": {
      const hits: Hit[] = [];
      paper.categories.forEach((c, index) => {
        if (alt.prefix ? c.startsWith(alt.value) : c === alt.value) {
          const text = paper.paper.categories[index]?.trim() ?? c;
          hits.push({ field: "cat", start: 0, end: text.length, text, index });
        }
      });
      return hits.slice(0, limit);
    }
  }
}

function inScope(field: PreparedField, scope: string | null): boolean {
  return scope === null || field.name === scope;
}

function phraseHits(words: WordMatcher[], scope: string | null, paper: PreparedPaper, limit: number): Hit[] {
  const first = words[0];
  if (first === undefined) return [];
  const postings = paper.postings.get(wordKey(first));
  if (postings === undefined) return [];
  const hits: Hit[] = [];
  for (const p of postings) {
    const field = paper.fields[p.field]!;
    if (!inScope(field, scope)) continue;
    const token = p.compound ? field.compounds.get(p.token)! : field.tokens[p.token]!;
    if (!wordMatches(first, token)) continue;
    const end = phraseEnd(words, field, p.token + (p.compound ? 2 : 1));
    if (end < 0) continue;
    hits.push({ field: field.name as TextField, start: token.start, end, text: field.text.slice(token.start, end) });
    if (hits.length >= limit) break;
  }
  return hits;
}

/** Matches words[1..] from token `at`; returns the end offset of the phrase, or -1. */
function phraseEnd(words: WordMatcher[], field: PreparedField, at: number): number {
  let end = field.tokens[at - 1]!.end;
  for (let k = 1; k < words.length; k++) {
    const word = words[k]!;
    const token: Token | undefined = field.tokens[at];
    if (token !== undefined && wordMatches(word, token)) {
      end = token.end;
      at += 1;
      continue;
    }
    const compound = field.compounds.get(at);
    if (compound !== undefined && wordMatches(word, compound)) {
      end = compound.end;
      at += 2;
      continue;
    }
    return -1;
  }
  return end;
}

function cjkHits(text: string, scope: string | null, paper: PreparedPaper, limit: number): Hit[] {
  const hits: Hit[] = [];
  for (const field of paper.fields) {
    if (field.cjk === null || !inScope(field, scope)) continue;
    const cjk = field.cjk;
    for (let i = cjk.text.indexOf(text); i >= 0; i = cjk.text.indexOf(text, i + text.length)) {
      const start = cjk.starts[i]!;
      const end = cjk.ends[i + text.length - 1]!;
      hits.push({ field: field.name as TextField, start, end, text: field.text.slice(start, end) });
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}

function authorHits(words: string[], paper: PreparedPaper, limit: number): Hit[] {
  const first = words[0];
  if (first === undefined) return [];
  const postings = paper.postings.get(`n:${first}`);
  if (postings === undefined) return [];
  const hits: Hit[] = [];
  for (const p of postings) {
    const author = paper.authors[p.field]!;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) ok = author.tokens[p.token + k]?.word === words[k];
    if (!ok) continue;
    const start = author.tokens[p.token]!.start;
    const end = author.tokens[p.token + words.length - 1]!.end;
    hits.push({ field: "author", start, end, text: author.text.slice(start, end), index: p.field });
    if (hits.length >= limit) break;
  }
  return hits;
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
