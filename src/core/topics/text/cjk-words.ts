/**
 * What CJK verification needs of a prepared paper beyond its folded text: where the words of a field
 * start and end (segmented once per field, on first use), and whether the paper has English text to
 * confirm an ambiguous Chinese term against (cjk-bridges.ts).
 */
import type { PreparedField, PreparedPaper } from "./prepare.js";
import { wordBounds } from "./segment.js";
import type { WordBounds } from "./segment.js";

// Kept beside the prepared objects rather than in them: only the few fields a CJK term is verified in are
// ever segmented, and prepared papers stay one shape.
const boundsByField = new WeakMap<PreparedField, WordBounds>();
const englishByPaper = new WeakMap<PreparedPaper, boolean>();

/** Word boundaries of the field's ORIGINAL text (the offsets `fieldCjk` maps back to). */
export function fieldWordBounds(field: PreparedField): WordBounds {
  let bounds = boundsByField.get(field);
  if (bounds === undefined) {
    bounds = wordBounds(field.text);
    boundsByField.set(field, bounds);
  }
  return bounds;
}

/**
 * Latin words in the title and abstract that make them English text. A Chinese title may quote an
 * acronym or two (基于LLM的推理加速); that is not English text to look a translation up in.
 */
const MIN_ENGLISH_WORDS = 3;
const LATIN_WORD_RE = /[A-Za-z]{2,}/g;

export function hasEnglishText(paper: PreparedPaper): boolean {
  let english = englishByPaper.get(paper);
  if (english === undefined) {
    const text = `${paper.paper.title ?? ""} ${paper.paper.abstract ?? ""}`;
    let count = 0;
    LATIN_WORD_RE.lastIndex = 0;
    while (count < MIN_ENGLISH_WORDS && LATIN_WORD_RE.exec(text) !== null) count++;
    english = count >= MIN_ENGLISH_WORDS;
    englishByPaper.set(paper, english);
  }
  return english;
}
