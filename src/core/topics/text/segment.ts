/**
 * Chinese word segmentation (jieba's dictionary, https://github.com/napi-rs/node-rs/tree/main/packages/jieba):
 * CJK topic terms match whole words of a text, so 节能 ("energy saving") is not found inside 细节能力
 * ("detail ability", segmented 细节/能力).
 */
import { createRequire } from "node:module";

/** A word of a text with its span in that text (UTF-16 offsets, like `String.slice`). */
export interface Segment {
  word: string;
  start: number;
  end: number;
}

interface JiebaApi {
  cut(sentence: string, hmm?: boolean): string[];
}

let jieba: JiebaApi | null = null;

// Loaded on first use, not at import: the dictionary takes ~0.5 s to build, and most runs (English
// topics, English digests) never segment anything. `require` because ESM imports cannot be deferred
// synchronously, and matching is synchronous.
function segmenter(): JiebaApi {
  if (jieba !== null) return jieba;
  const require = createRequire(import.meta.url);
  const { Jieba } = require("@node-rs/jieba") as { Jieba: { withDict(dict: Uint8Array): JiebaApi } };
  const { dict } = require("@node-rs/jieba/dict.js") as { dict: Uint8Array };
  jieba = Jieba.withDict(dict);
  return jieba;
}

/**
 * Builds the dictionary now rather than at the first Chinese text a command verifies: chat platforms give a
 * command 3 seconds, and the first build can take most of that on a loaded machine.
 */
export function warmSegmenter(): void {
  segmenter();
}

/**
 * The text cut into words, separators and Latin runs included, in order. Without jieba's HMM guesser:
 * words come from the dictionary alone, so an unknown term (投机解码) falls apart into characters that any
 * term can span, rather than being glued to its neighbours.
 */
export function segmentCjk(text: string): Segment[] {
  const segments: Segment[] = [];
  let offset = 0;
  for (const word of segmenter().cut(text, false)) {
    // jieba returns the text's own characters in order; searching keeps spans right even if it drops one.
    const start = text.startsWith(word, offset) ? offset : text.indexOf(word, offset);
    if (start < 0) continue;
    segments.push({ word, start, end: start + word.length });
    offset = start + word.length;
  }
  return segments;
}

/** Where words of a text start and end: a term matches a span that begins and ends on these. */
export interface WordBounds {
  starts: ReadonlySet<number>;
  ends: ReadonlySet<number>;
}

export function wordBounds(text: string): WordBounds {
  const starts = new Set<number>();
  const ends = new Set<number>();
  for (const segment of segmentCjk(text)) {
    starts.add(segment.start);
    ends.add(segment.end);
  }
  return { starts, ends };
}

const KANA_HANGUL_RE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Whether a CJK term is matched by words. jieba knows Chinese only: a term with kana or hangul stays a
 * substring match (Japanese and Korean need segmenters of their own).
 */
export function matchesBySegments(term: string): boolean {
  return !KANA_HANGUL_RE.test(term);
}
