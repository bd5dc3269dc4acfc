/**
 * What CJK verification needs of a prepared paper beyond its folded text: whether a span is whole words
 * (the block around it segmented once, on first use), and whether the paper has English text to
 * confirm an ambiguous Chinese term against (cjk-bridges.ts).
 */
import type { PreparedField, PreparedPaper } from "./prepare.js";
import { wordBounds } from "./segment.js";
import type { WordBounds } from "./segment.js";

// Kept beside the prepared objects rather than in them: only the few fields a CJK term is verified in are
// ever segmented, and prepared papers stay one shape.
/** By field: the segmented piece of its text from each block start that a span began in, and where it ends. */
const blocksByField = new WeakMap<PreparedField, Map<number, { to: number; bounds: WordBounds }>>();
const englishByPaper = new WeakMap<PreparedPaper, boolean>();

/**
 * Characters that always end one of jieba's blocks. jieba cuts a text into blocks of Han characters, Latin
 * letters, digits and `+#&._%-`, and segments each block on its own; so the words of the block around a hit
 * are the words the whole text would give there. Anything listed here lies outside every block.
 */
const BLOCK_END_RE = /[\s，。、；：？！“”‘’（）《》【】「」『』,;:!?()[\]{}"'<>/\\|~*=@^`$]/;

/**
 * Whether `start`–`end` of the field's ORIGINAL text (the offsets `fieldCjk` maps back to) begins and ends
 * on word boundaries. Only the block holding the span is segmented, once per field: a search verifies
 * hundreds of candidates, and segmenting each one's every field cost more than the rest of the search.
 */
export function isWordSpan(field: PreparedField, start: number, end: number): boolean {
  const text = field.text;
  let from = start;
  while (from > 0 && !BLOCK_END_RE.test(text[from - 1]!)) from--;
  let blocks = blocksByField.get(field);
  if (blocks === undefined) blocksByField.set(field, (blocks = new Map()));
  let known = blocks.get(from);
  // A term may span a separator (folded text drops them): then its piece reaches past the block it starts in.
  if (known === undefined || known.to < end) {
    let to = end;
    while (to < text.length && !BLOCK_END_RE.test(text[to]!)) to++;
    known = { to, bounds: wordBounds(text.slice(from, to)) };
    blocks.set(from, known);
  }
  return known.bounds.starts.has(start - from) && known.bounds.ends.has(end - from);
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
