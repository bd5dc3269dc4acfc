/**
 * What the full-text indexes hold and how plan words become index terms, for both dialects. CJK text has
 * no spaces, so it is indexed as overlapping character bigrams of the matcher's own separator-free form
 * (`cjkText`): any substring of two or more characters is then a phrase of consecutive bigrams, and a
 * single character is a prefix of some bigram (each run ends with its last character alone).
 */
import type { SearchAlternative } from "../core/ports.js";
import { cjkKey, hasCjk, tokenize } from "../core/topics/text/text.js";

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const WORD_SPLIT = /[^\p{L}\p{N}]+/u;

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_CHARS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

// Per-character folding, memoized: the matcher's own folding (cjkKey), so both sides agree on kana with
// voicing marks and on Hangul (which the matcher decomposes into jamo); "" marks a separator and null a
// letter or digit that is not CJK (it ends a run).
const folds = new Map<string, string | null>();
function foldCjkChar(ch: string): string | null {
  let folded = folds.get(ch);
  if (folded === undefined) {
    folded = CJK_CHAR.test(ch) ? cjkKey(ch) : LETTER_OR_DIGIT.test(ch) ? null : "";
    if (folds.size > 100_000) folds.clear();
    folds.set(ch, folded);
  }
  return folded;
}

/**
 * Index tokens for CJK text: every bigram of every run of CJK characters (separators inside a run are
 * skipped, as the matcher's separator-free text does), then the run's last character alone.
 */
export function cjkIndexTokens(text: string): string {
  const out: string[] = [];
  let previous: string | null = null;
  const endRun = () => {
    if (previous !== null) out.push(previous);
    previous = null;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const length = code > 0xffff ? 2 : 1;
    if (code < 0x80) {
      // ASCII: a letter or digit ends a run, anything else is a separator inside it.
      if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) endRun();
    } else {
      const folded = foldCjkChar(text.slice(i, i + length));
      if (folded === null) endRun();
      else {
        for (const ch of folded) {
          if (previous !== null) out.push(previous + ch);
          previous = ch;
        }
      }
    }
    i += length;
  }
  endRun();
  return out.join(" ");
}

/** Runs of CJK characters in the matcher's folded, separator-free form of a term. */
function cjkRuns(folded: string): string[] {
  return folded.match(CJK_RUN) ?? [];
}

/**
 * A field's text for SQLite FTS5 (the unicode61 tokenizer does case and diacritics):
 * NFKC-folded, CJK characters replaced by their bigram tokens.
 */
export function sqliteFieldText(text: string | null | undefined): string {
  if (text === null || text === undefined || text === "") return "";
  if (!NON_ASCII.test(text)) return text;
  const folded = text.normalize("NFKC");
  if (!hasCjk(folded)) return folded;
  return `${folded.replace(CJK_CHARS, " ")} ${cjkIndexTokens(text)}`;
}

/**
 * A field's text for a Postgres `simple` tsvector: the matcher's normalized words (plans search word
 * forms by prefix, so no stemming on either side), plus CJK bigrams.
 */
export function postgresFieldText(text: string | null | undefined): string {
  if (text === null || text === undefined || text === "") return "";
  const words = tokenize(text)
    .map((token) => token.word)
    .join(" ");
  return hasCjk(text) ? `${words} ${cjkIndexTokens(text)}` : words;
}

/** One index term of a phrase; `prefix`: any indexed word starting with it. */
export interface PhraseToken {
  text: string;
  prefix: boolean;
}

/** One searchable unit of a plan alternative: consecutive tokens. */
export interface TermPhrase {
  tokens: PhraseToken[];
  /** CJK bigrams: positions are not consecutive words, and Postgres must not treat them as words. */
  cjk: boolean;
}

/**
 * A plan alternative as phrases that must ALL hold (a superset of the matcher's meaning). Word
 * alternatives are one phrase; CJK alternatives are one phrase per CJK run (the Latin parts of a mixed
 * term such as `kv缓存` are dropped: substrings of words cannot be searched by word). An empty result
 * means the alternative cannot be narrowed by the index and matches everything.
 */
export function alternativePhrases(alternative: SearchAlternative): TermPhrase[] {
  const { words, cjk } = alternative;
  if (cjk || words.some(hasCjk)) {
    return cjkRuns(cjkKey(words.join(""))).map((run) => {
      const chars = Array.from(run);
      if (chars.length === 1) return { tokens: [{ text: chars[0]!, prefix: true }], cjk: true };
      const tokens: PhraseToken[] = [];
      for (let i = 0; i + 1 < chars.length; i++) tokens.push({ text: chars[i]! + chars[i + 1]!, prefix: false });
      return { tokens, cjk: true };
    });
  }
  const tokens: PhraseToken[] = [];
  words.forEach((word, i) => {
    const prefix = alternative.prefixes?.[i] ?? (i === words.length - 1 && alternative.prefix);
    const parts = splitWords(word);
    parts.forEach((text, k) => tokens.push({ text, prefix: prefix && k === parts.length - 1 }));
  });
  // Words that may stand apart are each a phrase of their own (all must hold, in any order).
  if (alternative.apart === true) return withoutFunctionWords(tokens).flatMap((run) => run.map((token) => ({ tokens: [token], cjk: false })));
  return withoutFunctionWords(tokens).map((run) => ({ tokens: run, cjk: false }));
}

// Short function words as prefixes (`of*`, `to*`, `for*`) expand to thousands of index terms, which FTS5
// merges in full before it can return the first row; they also narrow nothing. Inside a phrase they are
// left out, and the words around them become phrases of their own: still a superset of the phrase.
const FUNCTION_WORDS = new Set(
  "a an and are as at be but by can do for from has have in into is it its not of on or our than that the this to via was we were with".split(" "),
);

function withoutFunctionWords(tokens: PhraseToken[]): PhraseToken[][] {
  if (tokens.every((t) => FUNCTION_WORDS.has(t.text))) return tokens.length === 0 ? [] : [tokens];
  const runs: PhraseToken[][] = [];
  let run: PhraseToken[] = [];
  for (const token of tokens) {
    if (!FUNCTION_WORDS.has(token.text)) run.push(token);
    else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** Author words: exact words, each required on its own. */
export function authorTokens(words: string[]): PhraseToken[] {
  return words.flatMap(splitWords).map((text) => ({ text, prefix: false }));
}

function splitWords(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .split(WORD_SPLIT)
    .filter((token) => token !== "");
}

/** `cs.AR` → tokens ["cs", "ar"]; `cs.*` → ["cs"] (a whole first token); `cs.A*` → ["cs", "a"*]. */
export function categoryPhrase(category: string): TermPhrase | null {
  const lower = category.trim().toLowerCase();
  const isPrefix = lower.endsWith("*");
  const body = isPrefix ? lower.slice(0, -1) : lower;
  const parts = splitWords(body);
  if (parts.length === 0) return null;
  const partial = isPrefix && /[\p{L}\p{N}]$/u.test(body);
  return { tokens: parts.map((text, i) => ({ text, prefix: partial && i === parts.length - 1 })), cjk: false };
}

/** Recency key of a paper in the SQLite FTS table: newest `last_seen` sorts highest. */
export function recencyKey(lastSeen: string, num: number): number {
  const day = Math.floor(Date.parse(`${lastSeen}T00:00:00Z`) / 86_400_000);
  return (Number.isFinite(day) ? day : 0) * KEY_SPAN + num;
}

export const KEY_SPAN = 2 ** 32;

export function numFromKey(key: number): number {
  return ((key % KEY_SPAN) + KEY_SPAN) % KEY_SPAN;
}
