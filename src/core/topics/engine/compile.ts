/**
 * AST → compiled topic: every clause as a list of concrete alternatives (synonyms expanded, words
 * compiled), each with the index keys a matching paper must contain.
 */
import type { TermAlternative, TopicAst, TopicClause, TopicError, TopicField } from "./ast.js";
import { ambiguousEnglish } from "./cjk-ambiguity.js";
import { conceptMembers } from "./concept-members.js";
import { expandCjk, expandPhrase } from "./expand.js";
import type { Spelling } from "./expand.js";
import { DEFAULT_TOPIC_LIMITS } from "./limits.js";
import type { TopicLimits } from "./limits.js";
import { parseTopic } from "./parse.js";
import { parseArxivId } from "./like-clause.js";
import { matchesBySegments } from "../text/segment.js";
import { cjkKeysOf, isCjkPair } from "../index/alternative-keys.js";
import { cjkKey, hasCjk, tokenize } from "../text/text.js";
import { alternativeSignature } from "../index/signature.js";
import { DEFAULT_TERM_STATS } from "../index/term-stats.js";
import { compileWords, contentWords, joinedWord } from "../text/words.js";
import type { WordMatcher } from "../text/words.js";

export type CompiledAlternative =
  /**
   * Words within one text field: consecutive (quoted, or one word), or with `flexible` every word in any
   * order within a few words of one sentence (stop words dropped).
   */
  | {
      readonly kind: "phrase";
      readonly words: readonly WordMatcher[];
      readonly anchor: number;
      readonly flexible: boolean;
      /** A concept-table member: its path for explanations ("DETR — a kind of object detection"), else "". */
      readonly via: string;
      /** A member typed in capitals: counts only where the paper writes it in capitals. */
      readonly capitals: boolean;
    }
  /** Normalized CJK text, found in a text field's folded text (separators removed on both sides). */
  /**
   * `segmented`: it must span whole words of the text (segment.ts); `confirm`: English phrases one of which
   * the paper's English text must carry, for an ambiguous translation (cjk-bridges.ts).
   */
  | {
      readonly kind: "cjk";
      readonly text: string;
      readonly probe: number;
      readonly segmented: boolean;
      readonly confirm: readonly CompiledAlternative[];
    }
  /** Consecutive exact words within one author's name. */
  | { readonly kind: "author"; readonly words: readonly string[] }
  /** A category, or a category prefix (`cs.*` → `cs.`). */
  | { readonly kind: "cat"; readonly value: string; readonly prefix: boolean }
  /** `like:<id>`: similar to that archived paper (`value`: the id without version); see like-match.ts. */
  | { readonly kind: "like"; readonly value: string };

export interface CompiledClause {
  source: string;
  negated: boolean;
  field: TopicField | null;
  /** The terms as typed (before synonyms), for explanations. */
  terms: TermAlternative[];
  /** Any one of these satisfies the clause. */
  alternatives: CompiledAlternative[];
}

export interface CompiledTopic {
  text: string;
  clauses: CompiledClause[];
}

export type CompileResult = { ok: true; topic: CompiledTopic } | { ok: false; error: TopicError };

/** Parses and compiles a topic in one step. */
export function compileTopicText(text: string, limits: TopicLimits = DEFAULT_TOPIC_LIMITS): CompileResult {
  const parsed = parseTopic(text, limits);
  if (!parsed.ok) return parsed;
  return { ok: true, topic: compileTopic(parsed.topic) };
}

export function compileTopic(ast: TopicAst): CompiledTopic {
  return { text: ast.text, clauses: ast.clauses.map(compileClause) };
}

function compileClause(clause: TopicClause): CompiledClause {
  const alternatives: CompiledAlternative[] = [];
  const seen = new Set<string>();
  for (const term of clause.alternatives) {
    for (const alt of compileTerm(term, clause.field)) {
      const sig = alternativeSignature(alt);
      if (!seen.has(sig)) {
        seen.add(sig);
        alternatives.push(alt);
      }
    }
  }
  return { source: clause.source, negated: clause.negated, field: clause.field, terms: clause.alternatives, alternatives };
}

function compileTerm(term: TermAlternative, field: TopicField | null): CompiledAlternative[] {
  if (field === "cat") {
    const raw = term.text.trim().toLowerCase();
    const prefix = raw.endsWith("*");
    const value = prefix ? raw.slice(0, -1) : raw;
    // `cat:math` names an archive: its categories are `math.*` (and a bare `math` if a paper has one).
    if (!prefix && !value.includes(".")) return [alternative({ kind: "cat", value, prefix: false }), alternative({ kind: "cat", value: `${value}.`, prefix: true })];
    return [alternative({ kind: "cat", value, prefix })];
  }
  if (field === "like") return [alternative({ kind: "like", value: parseArxivId(term.text) ?? term.text.trim() })];
  if (field === "author") {
    const words = tokenize(term.text).map((t) => t.word);
    return [alternative({ kind: "author", words })];
  }
  if (hasCjk(term.text)) {
    const text = cjkKey(term.text);
    if (term.quoted) return [cjk(text, false)];
    // An ambiguous term also finds its English forms: the same papers it counts in when confirmed.
    return [...expandCjk(text), ...ambiguousEnglish(text)].map(fromSpelling);
  }
  const words = compileWords(term.text, term.quoted);
  if (term.quoted) return [phrase(words)];
  const spellings = expandPhrase(words);
  const out = spellings.map(flexibleSpelling);
  for (const member of conceptMembers(spellings)) out.push(phrase(member.words, member.words.length >= 2, member.via, member.capitals));
  // Written apart, also find it written together: `pre training` → `pretraining`, `kv cache` → `KVCache`.
  if (words.length >= 2 && words.length <= 3) out.push(phrase([joinedWord(words)]));
  return out;
}

function fromSpelling(spelling: Spelling): CompiledAlternative {
  return spelling.kind === "cjk" ? cjk(spelling.text) : phrase(spelling.words);
}

/** A bare phrase matches its content words in any order (TOPICS.md, "Matching is evidence"). */
function flexibleSpelling(spelling: Spelling): CompiledAlternative {
  if (spelling.kind === "cjk") return cjk(spelling.text);
  const words = contentWords(spelling.words);
  return phrase(words, words.length >= 2);
}

/**
 * `probe`: the rarest CJK character of the text, checked before scanning for it where the paper's CJK
 * characters are already listed (see find.ts).
 * `confirmable`: false for quoted terms, which mean exactly these characters.
 */
function cjk(text: string, confirmable = true): CompiledAlternative {
  let probe = "";
  for (const key of cjkKeysOf(text)) {
    if (isCjkPair(key)) continue;
    if (probe === "" || DEFAULT_TERM_STATS.frequency(key) < DEFAULT_TERM_STATS.frequency(probe)) probe = key;
  }
  const segmented = matchesBySegments(text);
  const confirm = confirmable ? ambiguousEnglish(text).flatMap((s) => (s.kind === "words" ? [phrase(s.words)] : [])) : NONE;
  return alternative({
    kind: "cjk",
    text,
    probe: probe === "" ? -1 : probe.codePointAt(2)!,
    segmented,
    confirm: confirm.length === 0 ? NONE : confirm,
  });
}

/** `anchor`: index of the rarest word, where verification starts (see find.ts). */
function phrase(words: WordMatcher[], flexible = false, via = "", capitals = false): CompiledAlternative {
  let anchor = 0;
  for (let i = 1; i < words.length; i++) {
    if (DEFAULT_TERM_STATS.frequency(words[i]!.key) < DEFAULT_TERM_STATS.frequency(words[anchor]!.key)) anchor = i;
  }
  return alternative({ kind: "phrase", words, anchor, flexible, via, capitals });
}

/** One shared empty list for the properties an alternative's kind does not use (100,000s of them). */
const NONE: readonly never[] = [];

/**
 * Every alternative object gets the same properties in the same order, whatever its kind: verification
 * reads them for each candidate topic, and one object shape keeps those reads fast (monomorphic).
 */
function alternative(alt: CompiledAlternative): CompiledAlternative {
  const all = {
    kind: alt.kind,
    words: "words" in alt ? alt.words : NONE,
    anchor: "anchor" in alt ? alt.anchor : 0,
    flexible: "flexible" in alt ? alt.flexible : false,
    via: "via" in alt ? alt.via : "",
    capitals: "capitals" in alt ? alt.capitals : false,
    text: "text" in alt ? alt.text : "",
    probe: "probe" in alt ? alt.probe : -1,
    segmented: "segmented" in alt ? alt.segmented : false,
    confirm: "confirm" in alt ? alt.confirm : NONE,
    value: "value" in alt ? alt.value : "",
    prefix: "prefix" in alt ? alt.prefix : false,
  };
  return all as CompiledAlternative;
}
