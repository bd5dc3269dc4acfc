/**
 * How one topic word matches one paper word (TOPICS.md rule 3), and the index key that every matching
 * paper word is guaranteed to produce.
 */
import { isAcronymTyped, sameWordForm, stemWord, tokenize } from "./text.js";
import type { Token } from "./text.js";

/**
 * `stem`: any inflection (`cache` ↔ `caching`). `exact`: acronyms, short words, words with digits and
 * quoted words — the same word or its plural only (`LLM` ↔ `LLMs`), never part of another word.
 */
export type WordMatcher = { kind: "stem"; word: string; stem: string } | { kind: "exact"; word: string; plural: string };

/** The words of a phrase as typed; `exact` forces exact matching (quoted terms). */
export function compileWords(text: string, exact: boolean): WordMatcher[] {
  return tokenize(text).map((token) => compileWord(text.slice(token.start, token.end), token, exact));
}

function compileWord(typed: string, token: Token, exact: boolean): WordMatcher {
  let word = token.word;
  // `LLMs` typed as a plural acronym means the acronym `llm` (which then matches both forms).
  if (/\p{Lu}s$/u.test(typed) && word.length > 2) word = word.slice(0, -1);
  if (exact || isAcronymTyped(typed)) return exactWord(word);
  return { kind: "stem", word, stem: stemWord(word) };
}

/** A concatenation of words as one word (`kv cache` → `kvcache`, `pre training` → `pretraining`). */
export function joinedWord(words: WordMatcher[]): WordMatcher {
  const word = words.map((w) => w.word).join("");
  if (word.length <= 3) return exactWord(word);
  return { kind: "stem", word, stem: stemWord(word) };
}

export function exactWord(word: string): WordMatcher {
  return { kind: "exact", word, plural: `${word}s` };
}

export function wordMatches(matcher: WordMatcher, token: Token): boolean {
  if (matcher.kind === "exact") return token.word === matcher.word || token.word === matcher.plural;
  return token.stem === matcher.stem && sameWordForm(matcher.word, token.word);
}

/** The posting key under which a paper lists every word this matcher can match. */
export function wordKey(matcher: WordMatcher): string {
  return matcher.kind === "exact" ? `a:${matcher.word}` : `s:${matcher.stem}`;
}

/** Keys a paper word is listed under (see `wordKey`): its stem, itself, and itself without a plural "s". */
export function tokenKeys(token: Token): string[] {
  const keys = [`s:${token.stem}`, `a:${token.word}`];
  if (token.word.length > 2 && token.word.endsWith("s")) keys.push(`a:${token.word.slice(0, -1)}`);
  return keys;
}

/** Whether two matchers accept the same words (for synonym lookup and de-duplication). */
export function sameMatcher(a: WordMatcher, b: WordMatcher): boolean {
  if (a.word === b.word) return true;
  return a.kind === "stem" && b.kind === "stem" && a.stem === b.stem && sameWordForm(a.word, b.word);
}

export function matcherSignature(words: WordMatcher[]): string {
  return words.map((w) => (w.kind === "exact" ? `=${w.word}` : `~${w.word}`)).join(" ");
}
