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
  const text = ch.normalize("NFKC").normalize("NFD").replace(MARK_RE, "").toLowerCase();
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

/** One character at `i` (a whole code point), its code unit length and how it folds. */
function charAt(text: string, i: number): { len: number; folded: Folded } {
  const code = text.charCodeAt(i);
  if (code < 128) {
    // ASCII fast path: the common case in abstracts.
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) return { len: 1, folded: asciiWord(text[i]!) };
    if (code >= 65 && code <= 90) return { len: 1, folded: asciiWord(String.fromCharCode(code + 32)) };
    return { len: 1, folded: SEP };
  }
  const len = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
  return { len, folded: foldChar(text.slice(i, i + len)) };
}

const SEP: Folded = { text: "", kind: "sep" };
const asciiFolds = new Map<string, Folded>();
function asciiWord(lower: string): Folded {
  let f = asciiFolds.get(lower);
  if (f === undefined) {
    f = { text: lower, kind: "word" };
    asciiFolds.set(lower, f);
  }
  return f;
}

/**
 * Words of a text (CJK characters are not words: they separate words and are searched as substrings).
 * Spans point into the original string.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let word = "";
  let start = -1;
  let i = 0;
  while (i < text.length) {
    const { len, folded } = charAt(text, i);
    if (folded.kind === "word") {
      if (start < 0) start = i;
      word += folded.text;
    } else if (folded.kind === "mark") {
      // Part of the word it follows (e + U+0301 is é); nothing to add after folding.
    } else if (start >= 0) {
      tokens.push(makeToken(word, start, i));
      word = "";
      start = -1;
    }
    i += len;
  }
  if (start >= 0) tokens.push(makeToken(word, start, text.length));
  return tokens;
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
    const { len, folded } = charAt(text, i);
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

/** Porter stem, memoized. Words with digits (`a100`, `fp8`) are identifiers and stay as they are. */
export function stemWord(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  let stem = STEM_OVERRIDES.get(word);
  if (stem === undefined) stem = /[0-9]/.test(word) || word.length < 3 ? word : stemmer(word);
  if (stemCache.size > 200_000) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

// Suffix classes for `sameWordForm`: what is left of two words after their common prefix.
type SuffixClass = "base" | "agent" | "action";
const BASE_SUFFIXES = ["", "s", "es", "e", "ed", "d", "ing", "ings", "y", "ies", "ied", "ic", "ics", "al", "als"];
const AGENT_SUFFIXES = ["er", "ers", "or", "ors"];
const ACTION_SUFFIXES = ["ion", "ions", "ation", "ations", "tion", "tions"];

/** Suffixes by length, so a rest is compared only with suffixes it could be. */
const SUFFIXES_BY_LENGTH: Array<Array<[string, SuffixClass]>> = [];
for (const [list, cls] of [
  [BASE_SUFFIXES, "base"],
  [AGENT_SUFFIXES, "agent"],
  [ACTION_SUFFIXES, "action"],
] as const) {
  for (const suffix of list) (SUFFIXES_BY_LENGTH[suffix.length] ??= []).push([suffix, cls]);
}

/** Class of `word.slice(from)` without slicing (this runs for every candidate word of every topic). */
function suffixClassAt(word: string, from: number): SuffixClass | null {
  const length = word.length - from;
  if (length === 0) return "base";
  const candidates = SUFFIXES_BY_LENGTH[length];
  if (candidates === undefined) return null;
  for (const [suffix, cls] of candidates) if (word.endsWith(suffix)) return cls;
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
