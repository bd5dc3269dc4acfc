/**
 * One window of a flexible phrase (TOPICS.md): around one occurrence of its anchor word, every other word
 * takes the nearest unused token (or hyphen compound), all within a few words and one sentence. This runs
 * for every candidate topic with a flexible phrase, so it allocates nothing.
 */
import type { PreparedField } from "../text/prepare.js";
import { crossesSentence } from "./sentences.js";
import type { Token } from "../text/text.js";
import { FLEXIBLE_SLACK, wordMatches } from "../text/words.js";
import type { WordMatcher } from "../text/words.js";

/** Character span of the window `flexibleAt` found last. */
export const flexibleWindow = { start: 0, end: 0 };

// Scratch state of `flexibleAt` and `nearestWord` (never re-entered): token positions taken so far, the
// window found, and the last word found. Reused so that trying a window allocates nothing.
const used: number[] = [];
let usedCount = 0;
let nearFrom = 0;
let nearTo = 0;
let nearToken: Token | null = null;

/** Whether the phrase occurs around its anchor word at token `at`; its span is left in `flexibleWindow`. */
export function flexibleAt(words: readonly WordMatcher[], anchor: number, field: PreparedField, at: number, compound: boolean, token: Token): boolean {
  const span = words.length + FLEXIBLE_SLACK;
  usedCount = 0;
  used[usedCount++] = at;
  if (compound) used[usedCount++] = at + 1;
  let first = at;
  let last = compound ? at + 1 : at;
  let start = token.start;
  let end = token.end;
  for (let k = 0; k < words.length; k++) {
    if (k === anchor) continue;
    if (!nearestWord(words[k]!, field, at, span)) return false;
    for (let i = nearFrom; i <= nearTo; i++) used[usedCount++] = i;
    first = Math.min(first, nearFrom);
    last = Math.max(last, nearTo);
    start = Math.min(start, nearToken!.start);
    end = Math.max(end, nearToken!.end);
  }
  if (last - first + 1 > span || crossesSentence(field.text, start, end - 1)) return false;
  flexibleWindow.start = start;
  flexibleWindow.end = end;
  return true;
}

function isUsed(i: number): boolean {
  for (let u = 0; u < usedCount; u++) if (used[u] === i) return true;
  return false;
}

/**
 * The token (or compound) nearest to `at` that the word matches, within `span` tokens, not yet used —
 * left in nearFrom/nearTo/nearToken. Before `at` first at each distance.
 */
function nearestWord(word: WordMatcher, field: PreparedField, at: number, span: number): boolean {
  const compounds = field.compounds.size > 0 ? field.compounds : null;
  for (let d = 1; d < span; d++) {
    for (let side = 0; side < 2; side++) {
      const i = side === 0 ? at - d : at + d;
      if (i < 0 || isUsed(i)) continue;
      const token = field.tokens[i];
      if (token !== undefined && wordMatches(word, token)) {
        nearFrom = nearTo = i;
        nearToken = token;
        return true;
      }
      const compound = compounds?.get(i);
      if (compound !== undefined && !isUsed(i + 1) && wordMatches(word, compound)) {
        nearFrom = i;
        nearTo = i + 1;
        nearToken = compound;
        return true;
      }
    }
  }
  return false;
}
