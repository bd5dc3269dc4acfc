/**
 * Text normalization and tokenization shared by topics and papers. Both sides must agree exactly, so every
 * rule about what a "word" is lives here: NFKC, case-fold, diacritics removed, every non-letter/digit
 * separates words, CJK handled apart (no spaces, matched as substrings).
 */
import { stemmer } from "stemmer";

/** A word of a text, with its span in the ORIGINAL string (so posts can highlight exactly what matched). */
export interface Token {
  /** Normalized form: NFKC, lower case, no diacritics. */
  word: string;
  /** Porter stem of `word` (words with digits are their own stem). */
  stem: string;
  start: number;
  end: number;
}

/** Normalized text without separators, for CJK substring search, mapped back to the original string. */
export interface CjkText {
  text: string;
  /** For each character of `text`, its start offset in the original string. */
  starts: number[];
  /** For each character of `text`, its end offset in the original string. */
  ends: number[];
}

const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD_CHAR_RE = /^[\p{L}\p{N}]+$/u;
const MARK_RE = /\p{M}/gu;
const MARK_ONLY_RE = /^\p{M}+$/u;

/** True when the string holds any Chinese, Japanese or Korean character. */
export function hasCjk(text: string): boolean {
  return CJK_RE.test(text);
}

export function isCjkChar(ch: string): boolean {
  return CJK_RE.test(ch);
}

/** Ranges whose characters are CJK and unchanged by folding (the bulk of Chinese, Japanese, Korean). */
function isPlainCjk(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0x3041 && code <= 0x3096) ||
    (code >= 0x30a1 && code <= 0x30fa)
  );
}

/**
 * The code point a character folds to when that is a CJK character, else null. Used on both sides (topic
 * terms and papers) to list CJK characters for the index, so both always agree.
 */
export function foldedCjkCode(code: number): number | null {
  if (code < 0x1100) return null;
  if (isPlainCjk(code)) return code;
  const folded = foldChar(String.fromCodePoint(code));
  if (folded.kind !== "cjk") return null;
  const first = folded.text.codePointAt(0)!;
  return CJK_RE.test(String.fromCodePoint(first)) ? first : null;
}

/** How one original code point folds: the normalized text and whether it belongs to a word. */
interface Folded {
  text: string;
  /** `mark`: a combining mark (a diacritic typed apart), dropped without splitting the word. */
  kind: "word" | "cjk" | "sep" | "mark";
}

// Per-character folding is memoized: real text reuses a small alphabet, and the Unicode calls are slow.
const foldCache = new Map<string, Folded>();

function foldChar(ch: string): Folded {
  const cached = foldCache.get(ch);
  if (cached !== undefined) return cached;
  const nfkc = ch.normalize("NFKC");
  // Diacritics are removed from Latin-like scripts only: NFD would split Hangul syllables into jamo and
  // strip the voicing marks of kana, changing the word.
  const text = CJK_RE.test(nfkc) ? nfkc : nfkc.normalize("NFD").replace(MARK_RE, "").toLowerCase();
  let kind: Folded["kind"] = "sep";
  if (text.length === 0 && MARK_ONLY_RE.test(ch)) kind = "mark";
  else if (text.length > 0 && CJK_RE.test(text)) kind = "cjk";
  else if (text.length > 0 && WORD_CHAR_RE.test(text)) kind = "word";
  const folded: Folded = { text: kind === "word" || kind === "cjk" ? text : "", kind };
  if (foldCache.size > 50_000) foldCache.clear();
  foldCache.set(ch, folded);
  return folded;
}

/** `DéjàVu` → `dejavu`; separators become single spaces. */
export function normalizeText(text: string): string {
  return tokenize(text)
    .map((t) => t.word)
    .join(" ");
}

const SEP: Folded = { text: "", kind: "sep" };
const asciiFolds: Folded[] = [];
for (let code = 0; code < 128; code++) {
  const ch = String.fromCharCode(code);
  const word = /[a-z0-9]/i.test(ch);
  asciiFolds.push(word ? { text: ch.toLowerCase(), kind: "word" } : SEP);
}

/** How the character at `i` folds (a whole code point: see `charLength`). */
function foldAt(text: string, i: number): Folded {
  const code = text.charCodeAt(i);
  // ASCII fast path: the common case in abstracts.
  if (code < 128) return asciiFolds[code]!;
  return foldChar(text.slice(i, i + charLength(text, i)));
}

function charLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/**
 * Words of a text (CJK characters are not words: they separate words and are searched as substrings).
 * Spans point into the original string. Runs of plain ASCII are sliced and lower-cased at once; only
 * words with other characters are folded character by character.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let start = -1;
  let plain = true;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const code = text.charCodeAt(i);
    let kind: Folded["kind"];
    let len = 1;
    if (code < 128) kind = asciiFolds[code]!.kind;
    else if (isPlainCjk(code)) kind = "cjk";
    else {
      len = charLength(text, i);
      kind = foldAt(text, i).kind;
    }
    if (kind === "word") {
      if (start < 0) {
        start = i;
        plain = true;
      }
      if (code >= 128) plain = false;
    } else if (kind === "mark") {
      // Part of the word it follows (e + U+0301 is é); nothing to add after folding.
      if (start >= 0) plain = false;
    } else if (start >= 0) {
      tokens.push(makeToken(plain ? text.slice(start, i).toLowerCase() : foldRun(text, start, i), start, i));
      start = -1;
    }
    i += len;
  }
  if (start >= 0) tokens.push(makeToken(plain ? text.slice(start).toLowerCase() : foldRun(text, start, n), start, n));
  return tokens;
}

function foldRun(text: string, from: number, to: number): string {
  let word = "";
  for (let i = from; i < to; i += charLength(text, i)) word += foldAt(text, i).text;
  return word;
}

function makeToken(word: string, start: number, end: number): Token {
  return { word, stem: stemWord(word), start, end };
}

/**
 * The text's normalized letters and digits with separators removed, for CJK substring search: `KV-缓存`
 * and `kv缓存` become the same string.
 */
export function cjkText(text: string): CjkText {
  let out = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < text.length) {
    const len = charLength(text, i);
    const folded = foldAt(text, i);
    if (folded.kind !== "sep") {
      out += folded.text;
      for (let k = 0; k < folded.text.length; k++) {
        starts.push(i);
        ends.push(i + len);
      }
    }
    i += len;
  }
  return { text: out, starts, ends };
}

/** The normalized, separator-free form of a CJK topic term (the same folding as `cjkText`). */
export function cjkKey(text: string): string {
  return cjkText(text).text;
}

// Porter merges words a researcher keeps apart; these get their own stem on both sides.
const STEM_OVERRIDES = new Map<string, string>([
  ["transformer", "transformer"],
  ["transformers", "transformer"],
]);

const stemCache = new Map<string, string>();

/** Porter stem, memoized. Words with digits (`a100`, `fp8`) are identifiers: only a plural "s" goes. */
export function stemWord(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let stem = STEM_OVERRIDES.get(word);
  if (stem === undefined) {
    // Identifiers with digits are not English, but keep their plural with them: `A100s` → `a100`.
    if (/[0-9]/.test(word)) stem = word.length > 2 && word.endsWith("s") ? word.slice(0, -1) : word;
    else stem = word.length < 3 ? word : stemmer(word);
  }
  if (stemCache.size > 200_000) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

// Suffix classes for `sameWordForm`: what is left of two words after their common prefix.
type SuffixClass = "base" | "agent" | "action";
const BASE_SUFFIXES = [
  ...["", "s", "es", "e", "ed", "d", "ing", "ings", "y", "ies", "ied", "ly"],
  // adjective ↔ noun: agent/agentic, retrieve/retrieval, robust/robustness, efficient/efficiency,
  // scalable/scalability, parallel/parallelism
  ...["ic", "ics", "al", "als", "ness", "t", "ce", "cy", "le", "ility", "ilities", "ism", "isms"],
];
const AGENT_SUFFIXES = ["er", "ers", "or", "ors"];
const ACTION_SUFFIXES = ["ion", "ions", "ation", "ations", "tion", "tions"];

/** Suffixes by length, so a rest is compared only with suffixes it could be. */
const SUFFIXES_BY_LENGTH: Array<{ suffixes: string[]; classes: SuffixClass[] }> = [];
for (const [list, cls] of [
  [BASE_SUFFIXES, "base"],
  [AGENT_SUFFIXES, "agent"],
  [ACTION_SUFFIXES, "action"],
] as const) {
  for (const suffix of list) {
    const bucket = (SUFFIXES_BY_LENGTH[suffix.length] ??= { suffixes: [], classes: [] });
    bucket.suffixes.push(suffix);
    bucket.classes.push(cls);
  }
}

/** Class of `word.slice(from)` without slicing (this runs for every candidate word of every topic). */
function suffixClassAt(word: string, from: number): SuffixClass | null {
  const length = word.length - from;
  if (length === 0) return "base";
  const bucket = SUFFIXES_BY_LENGTH[length];
  if (bucket === undefined) return null;
  for (let i = 0; i < bucket.suffixes.length; i++) if (word.endsWith(bucket.suffixes[i]!)) return bucket.classes[i]!;
  return null;
}

/**
 * Whether two words with the same stem are forms of one another rather than merely related: Porter maps
 * "general" and "generative", "transformer" and "transformation" to one stem, which is not what a
 * researcher means. Inflections (`cache` ↔ `caching`, `study` ↔ `studies`), agent nouns with their verb
 * (`scheduler` ↔ `scheduling`) and actions with their verb (`quantization` ↔ `quantized`) pass; an agent
 * noun and an action noun (`compiler` ↔ `compilation`) do not.
 */
export function sameWordForm(a: string, b: string): boolean {
  if (a === b) return true;
  let p = 0;
  const n = Math.min(a.length, b.length);
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p < 3) return false;
  // Doubled final consonant: model → modelling, plan → planned.
  const last = a.charCodeAt(p - 1);
  const fromA = a.length - p > 1 && a.charCodeAt(p) === last ? p + 1 : p;
  const fromB = b.length - p > 1 && b.charCodeAt(p) === last ? p + 1 : p;
  const ca = suffixClassAt(a, fromA);
  const cb = suffixClassAt(b, fromB);
  if (ca === null || cb === null) return false;
  return ca === cb || ca === "base" || cb === "base";
}

const ALL_SUFFIXES = [...BASE_SUFFIXES, ...AGENT_SUFFIXES, ...ACTION_SUFFIXES].sort((a, b) => b.length - a.length);

/**
 * The longest prefix shared by every word `sameWordForm` accepts for `word` (for full-text prefix search,
 * which must never miss a form the matcher accepts): the word without its longest known suffix and
 * without a doubled final consonant, at least 3 characters.
 */
export function sharedPrefix(word: string): string {
  const suffix = ALL_SUFFIXES.find((s) => s !== "" && word.endsWith(s) && word.length - s.length >= 3) ?? "";
  let base = word.slice(0, word.length - suffix.length);
  if (base.length >= 4 && base[base.length - 1] === base[base.length - 2]) base = base.slice(0, -1);
  return base.length >= 3 ? base : word.slice(0, 3);
}

/** Whether a topic word as typed is an acronym: ≤ 3 letters, capitals after the first letter, or digits. */
export function isAcronymTyped(typed: string): boolean {
  const folded = tokenize(typed);
  const word = folded[0]?.word ?? "";
  if (word.length <= 3) return true;
  if (/[0-9]/.test(word)) return true;
  return /^.+\p{Lu}/u.test(typed.normalize("NFKC"));
}

/**
 * First halves of hyphenated words that are also written joined (`pre-training` / `pretraining`,
 * `multi-agent` / `multiagent`). Only these form compounds: a closed list keeps the full-text prefilter
 * able to split a joined topic word back into the two words it may be written as (search-plan.ts).
 */
export const COMPOUND_PREFIXES: ReadonlySet<string> = new Set(
  ("pre post multi non co re sub super inter intra cross self semi anti over under hyper meta micro macro mini " +
    "bi tri uni de un auto bio neuro quasi pseudo ultra nano out up down on off fine back feed zero few " +
    "hard soft wide mid near trans long short high low end").split(" "),
);

/** `multivariate` → [`multi`, `variate`]: every way the word may have been hyphenated (see above). */
export function compoundSplits(word: string): Array<[string, string]> {
  const splits: Array<[string, string]> = [];
  for (let n = 2; n <= 6 && n < word.length; n++) {
    const head = word.slice(0, n);
    if (COMPOUND_PREFIXES.has(head)) splits.push([head, word.slice(n)]);
  }
  return splits;
}
