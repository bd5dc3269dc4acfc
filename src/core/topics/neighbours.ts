/**
 * The word-pair lookups of the index, walked from one word's occurrences: strict phrases filed under two
 * neighbouring words (pair keys) and flexible phrases filed under two words near each other (near keys),
 * both under the rarer-or-first word. A paper visits the neighbours of the occurrences of the few words
 * that have such topics, instead of listing its ~100,000 word pairs.
 */
import { NEAR_DISTANCE } from "./index-keys.js";
import type { Posting, PreparedPaper } from "./prepare.js";

/**
 * For each text occurrence in `postings` (one word's), calls `found` with the topics `next` files under
 * the word that follows it (a hyphen compound counting as one word, as words.ts pair keys are built), and
 * with the topics `near` files under every word or compound within `NEAR_DISTANCE` positions that does
 * not overlap it. May report a list more than once: the caller de-duplicates.
 */
export function visitNeighbours<T>(
  paper: PreparedPaper,
  postings: readonly Posting[],
  next: ReadonlyMap<string, T> | null,
  near: ReadonlyMap<string, T> | null,
  found: (topics: T) => void,
): void {
  for (let n = 0; n < postings.length; n++) {
    const p = postings[n]!;
    const field = paper.fields[p >>> 21];
    if (field === undefined) continue;
    const at = (p >>> 1) & 0xfffff;
    const to = at + (p & 1);
    const tokens = field.tokens;
    const compounds = field.compounds;
    if (next !== null) {
      const token = tokens[to + 1];
      if (token !== undefined) report(next, token.stem, found);
      const compound = compounds.size > 0 ? compounds.get(to + 1) : undefined;
      if (compound !== undefined) report(next, compound.stem, found);
    }
    if (near !== null) {
      const from = Math.max(0, at - NEAR_DISTANCE);
      const last = Math.min(tokens.length - 1, at + NEAR_DISTANCE);
      for (let j = from; j <= last; j++) if (j < at || j > to) report(near, tokens[j]!.stem, found);
      if (compounds.size > 0) {
        for (let j = from; j <= last; j++) {
          if (j + 1 >= at && j <= to) continue;
          const compound = compounds.get(j);
          if (compound !== undefined) report(near, compound.stem, found);
        }
      }
    }
  }
}

function report<T>(lists: ReadonlyMap<string, T>, stem: string, found: (topics: T) => void): void {
  const topics = lists.get(stem);
  if (topics !== undefined) found(topics);
}
