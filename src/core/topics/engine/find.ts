/**
 * The hot path: finding where one alternative of a clause occurs in a prepared paper. Occurrences are
 * reported to a visitor that can stop early, so "does it hold?" costs one occurrence and "where?" all.
 */
import type { CompiledAlternative } from "./compile.js";
import { hasEnglishText, isWordSpan } from "../text/cjk-words.js";
import { authorKey } from "../index/keys.js";
import { fieldCjk } from "../text/prepare.js";
import type { PreparedField, PreparedPaper } from "../text/prepare.js";
import type { Token } from "../text/text.js";
import { flexibleAt, flexibleWindow } from "./flexible.js";
import { wordMatches } from "../text/words.js";
import type { WordMatcher } from "../text/words.js";

/** Receives one occurrence (field, span in its original text, author/category index); true = stop. */
export type Visitor = (field: PreparedField | "cat", start: number, end: number, index: number) => boolean;

/**
 * Visits occurrences of `alt` within `scope` (a text field name, or null for all text fields). Returns
 * true when the visitor stopped the search.
 */
export function findAlternative(alt: CompiledAlternative, scope: string | null, paper: PreparedPaper, visit: Visitor): boolean {
  switch (alt.kind) {
    case "phrase":
      return alt.flexible ? findFlexible(alt.words, alt.anchor, scope, paper, visit) : findPhrase(alt.words, alt.anchor, scope, paper, visit);
    case "cjk":
      // The character set is used only once listed (a many-topic index lists it per paper): building it for
      // one topic costs more than the scan of the folded text it would save.
      return (alt.probe < 0 || paper.cjkChars === undefined || paper.cjkChars.has(alt.probe)) && cjkConfirmed(alt, paper) && findCjk(alt, scope, paper, visit);
    case "author":
      return findAuthor(alt.words, paper, visit);
    case "cat":
      for (let i = 0; i < paper.categories.length; i++) {
        const c = paper.categories[i]!;
        if ((alt.prefix ? c.startsWith(alt.value) : c === alt.value) && visit("cat", 0, 0, i)) return true;
      }
      return false;
    case "like":
      // Similarity to an example paper needs the archive: like-match.ts decides, never the word engine.
      return false;
  }
}

const stopAtFirst: Visitor = () => true;

/** Whether `alt` occurs at all. Phrases take a direct path: this runs for every candidate topic. */
export function alternativeOccurs(alt: CompiledAlternative, scope: string | null, paper: PreparedPaper): boolean {
  if (alt.kind !== "phrase") return findAlternative(alt, scope, paper, stopAtFirst);
  if (alt.flexible) return flexibleOccurs(alt.words, alt.anchor, scope, paper);
  const words = alt.words;
  const pivot = words[alt.anchor]!;
  const postings = paper.postings.get(pivot.key);
  if (postings === undefined) return false;
  const last = words.length - 1;
  for (let i = 0; i < postings.length; i++) {
    const p = postings[i]!;
    const field = paper.fields[p >>> 21]!;
    if (scope !== null && field.name !== scope) continue;
    const at = (p >>> 1) & 0xfffff;
    const compound = (p & 1) === 1;
    const token = compound ? field.compounds.get(at)! : field.tokens[at]!;
    if (!wordMatches(pivot, token)) continue;
    if (alt.anchor < last && phraseEnd(words, alt.anchor + 1, field, at + (compound ? 2 : 1), token.end) < 0) continue;
    if (alt.anchor > 0 && phraseStart(words, alt.anchor - 1, field, at, token.start) < 0) continue;
    return true;
  }
  return false;
}

function findPhrase(words: readonly WordMatcher[], anchor: number, scope: string | null, paper: PreparedPaper, visit: Visitor): boolean {
  // Start from the phrase's rarest word: fewer occurrences to try than from its first word.
  return forEachPivot(words[anchor], scope, paper, (field, f, at, compound, token) => {
    const end = anchor === words.length - 1 ? token.end : phraseEnd(words, anchor + 1, field, at + (compound ? 2 : 1), token.end);
    if (end < 0) return false;
    const start = anchor === 0 ? token.start : phraseStart(words, anchor - 1, field, at, token.start);
    return start >= 0 && visit(field, start, end, f);
  });
}

/**
 * Calls `found` for every occurrence of a phrase's pivot word in the paper (within `scope`): its field,
 * field index, token position, whether it is a hyphen compound, and the token. True from `found` stops.
 */
function forEachPivot(
  pivot: WordMatcher | undefined,
  scope: string | null,
  paper: PreparedPaper,
  found: (field: PreparedField, f: number, at: number, compound: boolean, token: Token) => boolean,
): boolean {
  if (pivot === undefined) return false;
  const postings = paper.postings.get(pivot.key);
  if (postings === undefined) return false;
  for (const p of postings) {
    const f = p >>> 21;
    const field = paper.fields[f]!;
    if (scope !== null && field.name !== scope) continue;
    const at = (p >>> 1) & 0xfffff;
    const compound = (p & 1) === 1;
    const token = compound ? field.compounds.get(at)! : field.tokens[at]!;
    if (wordMatches(pivot, token) && found(field, f, at, compound, token)) return true;
  }
  return false;
}

/**
 * A flexible phrase (TOPICS.md): every word, in any order, within a window of a few words and one
 * sentence — "forecasting of multivariate time series" for `time series forecasting`. Each word takes
 * the nearest unused token (or hyphen compound) around the anchor.
 */
function findFlexible(words: readonly WordMatcher[], anchor: number, scope: string | null, paper: PreparedPaper, visit: Visitor): boolean {
  return forEachPivot(words[anchor], scope, paper, (field, f, at, compound, token) => flexibleAt(words, anchor, field, at, compound, token) && visit(field, flexibleWindow.start, flexibleWindow.end, f));
}

/** `findFlexible` stopping at the first occurrence, without a visitor: this runs for every candidate. */
function flexibleOccurs(words: readonly WordMatcher[], anchor: number, scope: string | null, paper: PreparedPaper): boolean {
  // Every word must occur somewhere (under its key) before any window is worth trying.
  for (let k = 0; k < words.length; k++) if (k !== anchor && !paper.postings.has(words[k]!.key)) return false;
  const pivot = words[anchor];
  if (pivot === undefined) return false;
  const postings = paper.postings.get(pivot.key);
  if (postings === undefined) return false;
  for (let n = 0; n < postings.length; n++) {
    const p = postings[n]!;
    const f = p >>> 21;
    const field = paper.fields[f]!;
    if (scope !== null && field.name !== scope) continue;
    const at = (p >>> 1) & 0xfffff;
    const compound = (p & 1) === 1;
    const token = compound ? field.compounds.get(at)! : field.tokens[at]!;
    if (wordMatches(pivot, token) && flexibleAt(words, anchor, field, at, compound, token)) return true;
  }
  return false;
}

/** Matches words[from..] from token `at` (a word may also match a hyphen compound); end offset, or -1. */
function phraseEnd(words: readonly WordMatcher[], from: number, field: PreparedField, at: number, end: number): number {
  for (let k = from; k < words.length; k++) {
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

/** Matches words[..from] backwards, ending just before token `at`; start offset, or -1. */
function phraseStart(words: readonly WordMatcher[], from: number, field: PreparedField, at: number, start: number): number {
  for (let k = from; k >= 0; k--) {
    const word = words[k]!;
    const token: Token | undefined = field.tokens[at - 1];
    if (token !== undefined && wordMatches(word, token)) {
      start = token.start;
      at -= 1;
      continue;
    }
    const compound = field.compounds.get(at - 2);
    if (compound !== undefined && wordMatches(word, compound)) {
      start = compound.start;
      at -= 2;
      continue;
    }
    return -1;
  }
  return start;
}

/**
 * Occurrences of the term in the fields' folded text; a `segmented` term only where it begins and ends on
 * word boundaries of the original text (节能 not inside 细节/能力), so a run of whole words may spell it.
 */
function findCjk(alt: CompiledAlternative & { kind: "cjk" }, scope: string | null, paper: PreparedPaper, visit: Visitor): boolean {
  const text = alt.text;
  for (let f = 0; f < paper.fields.length; f++) {
    const field = paper.fields[f]!;
    if (scope !== null && field.name !== scope) continue;
    const cjk = fieldCjk(field);
    if (cjk === null) continue;
    for (let i = cjk.text.indexOf(text); i >= 0; i = cjk.text.indexOf(text, i + 1)) {
      const start = cjk.starts[i]!;
      const end = cjk.ends[i + text.length - 1]!;
      if (alt.segmented && !isWordSpan(field, start, end)) continue;
      if (visit(field, start, end, f)) return true;
    }
  }
  return false;
}

/**
 * An ambiguous translation counts where the paper's title or abstract carries one of its English forms,
 * or where the paper has no English text to carry one (cjk-bridges.ts).
 */
function cjkConfirmed(alt: CompiledAlternative & { kind: "cjk" }, paper: PreparedPaper): boolean {
  if (alt.confirm.length === 0 || !hasEnglishText(paper)) return true;
  for (const english of alt.confirm) {
    if (alternativeOccurs(english, "title", paper) || alternativeOccurs(english, "abstract", paper)) return true;
  }
  return false;
}

function findAuthor(words: readonly string[], paper: PreparedPaper, visit: Visitor): boolean {
  const first = words[0];
  if (first === undefined) return false;
  const postings = paper.postings.get(authorKey(first));
  if (postings === undefined) return false;
  for (const p of postings) {
    const index = p >>> 9;
    const at = p & 0x1ff;
    const author = paper.authors[index]!;
    let ok = true;
    for (let k = 1; k < words.length && ok; k++) ok = author.tokens[at + k]?.word === words[k];
    if (!ok) continue;
    if (visit(author, author.tokens[at]!.start, author.tokens[at + words.length - 1]!.end, index)) return true;
  }
  return false;
}
