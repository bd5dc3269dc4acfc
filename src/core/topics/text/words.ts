/**
 * How one topic word matches one paper word (TOPICS.md rule 3), and the index key that every matching
 * paper word is guaranteed to produce.
 */
import { wordKey } from "../index/keys.js";
import { isAcronymTyped, stemWord, tokenize } from "./text.js";
import { sameWordForm } from "./word-forms.js";
import type { Token } from "./text.js";

/**
 * `stem`: any inflection (`cache` ↔ `caching`). `exact`: acronyms, short words, words with digits and
 * quoted words — the same word or its plural only (`LLM` ↔ `LLMs`), never part of another word.
 * `key`: the posting key under which a paper lists every word this matcher can match — the stem, which
 * exact words share with their plural (a plural with another stem is not accepted).
 */
export type WordMatcher =
  | { readonly kind: "stem"; readonly word: string; readonly plural: string; readonly stem: string; readonly key: string }
  | { readonly kind: "exact"; readonly word: string; readonly plural: string; readonly stem: string; readonly key: string };

// Matchers are immutable and shared: 100,000 topics use a few thousand distinct words, and sharing keeps
// the index small (PRODUCT.md: ≤ 300 MB with 100,000 topics).
const interned = new Map<string, WordMatcher>();

function intern(matcher: WordMatcher): WordMatcher {
  const id = `${matcher.kind === "exact" ? "=" : "~"}${matcher.word}`;
  const existing = interned.get(id);
  if (existing !== undefined) return existing;
  if (interned.size > 200_000) interned.clear();
  interned.set(id, matcher);
  return matcher;
}

export function exactWord(word: string): WordMatcher {
  const stem = stemWord(word);
  return intern({ kind: "exact", word, plural: `${word}s`, stem, key: wordKey(stem) });
}

export function stemmedWord(word: string): WordMatcher {
  const stem = stemWord(word);
  // `plural` is unused for stems; present so that both kinds share one object shape (a hot path).
  return intern({ kind: "stem", word, plural: "", stem, key: wordKey(stem) });
}

/** The words of a phrase as typed; `exact` forces exact matching (quoted terms). */
export function compileWords(text: string, exact: boolean): WordMatcher[] {
  return tokenize(text).map((token) => compileWord(text.slice(token.start, token.end), token, exact));
}

function compileWord(typed: string, token: Token, exact: boolean): WordMatcher {
  let word = token.word;
  // `LLMs` typed as a plural acronym means the acronym `llm` (which then matches both forms).
  if (/\p{Lu}s$/u.test(typed) && word.length > 2) word = word.slice(0, -1);
  if (exact || isAcronymTyped(typed)) return exactWord(word);
  return stemmedWord(word);
}

/**
 * Words a flexible phrase ignores (TOPICS.md: "forecasting of multivariate time series" matches `time
 * series forecasting`). Quoted phrases keep them.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(["a", "an", "the", "of", "for", "from", "in", "on", "to", "with", "by", "via", "at", "into"]);

/** How many extra words a flexible phrase's window allows beyond its own words. */
export const FLEXIBLE_SLACK = 3;

/** The content words of a phrase (all of them when it has nothing else). */
export function contentWords(words: readonly WordMatcher[]): WordMatcher[] {
  const content = words.filter((w) => !STOP_WORDS.has(w.word));
  return content.length > 0 ? content : [...words];
}

/** A concatenation of words as one word (`kv cache` → `kvcache`, `pre training` → `pretraining`). */
export function joinedWord(words: WordMatcher[]): WordMatcher {
  const word = words.map((w) => w.word).join("");
  return word.length <= 3 ? exactWord(word) : stemmedWord(word);
}

export function wordMatches(matcher: WordMatcher, token: Token): boolean {
  if (matcher.kind === "exact") return (token.word === matcher.word || token.word === matcher.plural) && token.stem === matcher.stem;
  return token.stem === matcher.stem && sameWordForm(matcher.word, token.word);
}

/**
 * A prefix of every word `wordMatches` can accept for this matcher: an exact word (or its plural) starts
 * with the word itself, and `sameWordForm` accepts only words sharing at least three leading characters
 * (or the word itself). A paper prepared for a few topics stems only the words that start with one of
 * their prefixes (prepare-needs.ts): no other word can match them. Keep in step with `wordMatches`.
 */
export function matchablePrefix(matcher: WordMatcher): string {
  return matcher.word.slice(0, 3);
}

/** The key a paper word is listed under (see `WordMatcher.key`): its stem (index-keys.ts). */
export function tokenKey(token: Token): string {
  return wordKey(token.stem);
}

/** Whether two matchers accept the same words (for synonym lookup and de-duplication). */
export function sameMatcher(a: WordMatcher, b: WordMatcher): boolean {
  if (a.word === b.word) return true;
  return a.kind === "stem" && b.kind === "stem" && a.stem === b.stem && sameWordForm(a.word, b.word);
}

export function matcherSignature(words: readonly WordMatcher[]): string {
  return words.map((w) => (w.kind === "exact" ? `=${w.word}` : `~${w.word}`)).join(" ");
}
