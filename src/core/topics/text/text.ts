/**
 * Text normalization and tokenization shared by topics and papers. Both sides must agree exactly, so every
 * rule about what a "word" is lives here: NFKC, case-fold, diacritics removed, every non-letter/digit
 * separates words, CJK handled apart (no spaces: folded text here, words by segment.ts).
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
 * The CJK characters of a text after folding, in order, as `visit(code)`; `visit(-1)` where a Latin
 * letter or digit interrupts them (separators do not: they are dropped, as in `cjkText`). Used on both
 * sides — topic terms and papers — to list CJK characters and neighbouring pairs for the index, so both
 * always agree.
 */
export function forEachCjk(text: string, visit: (code: number) => void): void {
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i++;
    if (code < 128) {
      if (asciiFolds[code]!.kind === "word") visit(-1);
    } else if (isPlainCjk(code)) visit(code);
    else {
      const folded = foldChar(code);
      if (folded.kind === "word") visit(-1);
      else if (folded.kind === "cjk") {
        // NFKC may expand one character into several (㍿ → 株式会社).
        for (const ch of folded.text) visit(CJK_RE.test(ch) ? ch.codePointAt(0)! : -1);
      }
    }
  }
}

/**
 * One number for a pair of neighbouring CJK characters (code points < 0x110000, so the product stays
 * well inside a double's exact integers): papers keep a set of them, topics test against it.
 */
export function cjkPairCode(first: number, second: number): number {
  return first * 0x110000 + second;
}

/**
 * One number for three neighbouring CJK characters: a 31-bit hash (never negative; a small integer, cheap
 * as a Map key).
 * Two runs may share it; that only makes a topic a candidate for verification, never a match.
 */
export function cjkTripleCode(first: number, second: number, third: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca77) ^ Math.imul(third, 0xc2b2ae3d)) & 0x7fffffff;
}

/** How one original code point folds: the normalized text and whether it belongs to a word. */
interface Folded {
  text: string;
  /** `mark`: a combining mark (a diacritic typed apart), dropped without splitting the word. */
  kind: "word" | "cjk" | "sep" | "mark";
}

// Per-character folding is memoized by code point: real text reuses a small alphabet, and the Unicode
// calls are slow.
const foldCache = new Map<number, Folded>();

function foldChar(code: number): Folded {
  const cached = foldCache.get(code);
  if (cached !== undefined) return cached;
  const ch = String.fromCodePoint(code);
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
  foldCache.set(code, folded);
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
  return foldChar(text.codePointAt(i)!);
}

function charLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? 2 : 1;
}

/**
 * Which words of a text get their stem computed (stemming is most of a paper's preparation); the others
 * get `UNSTEMMED`. For papers prepared to be matched against a few known topics only.
 */
export type StemFilter = (word: string) => boolean;

/** The stem of a word left unstemmed: equal to no real stem, which has only letters and digits. */
export const UNSTEMMED = "\u0000";

/**
 * Words of a text (CJK characters are not words: they separate words and are searched as substrings).
 * Spans point into the original string. Runs of plain ASCII are sliced and lower-cased at once; only
 * words with other characters are folded character by character.
 */
export function tokenize(text: string, stems?: StemFilter): Token[] {
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
      tokens.push(makeToken(plain ? text.slice(start, i).toLowerCase() : foldRun(text, start, i), start, i, stems));
      start = -1;
    }
    i += len;
  }
  if (start >= 0) tokens.push(makeToken(plain ? text.slice(start).toLowerCase() : foldRun(text, start, n), start, n, stems));
  return tokens;
}

function foldRun(text: string, from: number, to: number): string {
  let word = "";
  for (let i = from; i < to; i += charLength(text, i)) word += foldAt(text, i).text;
  return word;
}

function makeToken(word: string, start: number, end: number, stems: StemFilter | undefined): Token {
  return { word, stem: stems === undefined || stems(word) ? stemWord(word) : UNSTEMMED, start, end };
}

/**
 * The text's normalized letters and digits with separators removed, for CJK substring search: `KV-缓存`
 * and `kv缓存` become the same string.
 */
export function cjkText(text: string): CjkText {
  let out = "";
  const starts: number[] = [];
  const ends: number[] = [];
  // Runs of characters that fold to themselves (lower-case ASCII letters and digits, plain CJK) are
  // appended as one slice: most of a Chinese TL;DR, and per-character concatenation was the cost.
  let run = -1;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if ((code < 128 && asciiFolds[code]!.text === text[i]) || isPlainCjk(code)) {
      if (run < 0) run = i;
      starts.push(i);
      ends.push(i + 1);
      i++;
      continue;
    }
    if (run >= 0) {
      out += text.slice(run, i);
      run = -1;
    }
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
  if (run >= 0) out += text.slice(run);
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
const stems = new Map<string, string>();

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
  if (stemCache.size > 200_000) {
    stemCache.clear();
    stems.clear();
  }
  // One string object per stem: topic words and paper words then compare equal by identity, without
  // reading both strings (matching compares stems for every candidate topic).
  const shared = stems.get(stem);
  if (shared === undefined) stems.set(stem, stem);
  else stem = shared;
  stemCache.set(word, stem);
  return stem;
}

/** Whether a topic word as typed is an acronym: ≤ 3 letters, capitals after the first letter, or digits. */
export function isAcronymTyped(typed: string): boolean {
  const folded = tokenize(typed);
  const word = folded[0]?.word ?? "";
  if (word.length <= 3) return true;
  if (/[0-9]/.test(word)) return true;
  return /^.+\p{Lu}/u.test(typed.normalize("NFKC"));
}
