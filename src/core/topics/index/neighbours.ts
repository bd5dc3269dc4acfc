/**
 * The word-pair lookups of the index, walked from one word's occurrences: strict phrases filed under two
 * neighbouring words (pair keys) and flexible phrases filed under two words near each other (near keys),
 * both under the rarer-or-first word. A paper visits the neighbours of the occurrences of the few words
 * that have such topics, instead of listing its ~100,000 word pairs.
 */
import { NEAR_DISTANCE } from "./keys.js";
import type { Posting, PreparedPaper } from "../text/prepare.js";

/**
 * Adds to `found` the topics `next` files under the word that follows an occurrence in `postings` (one
 * word's; a hyphen compound counts as one word, as pair keys are built), and the topics `near` files
 * under any word or compound within `NEAR_DISTANCE` positions of an occurrence, not overlapping it. May
 * add a list more than once: the caller de-duplicates. Collects instead of calling back, so that a paper
 * allocates nothing per word looked up.
 */
export function visitNeighbours<T>(
  paper: PreparedPaper,
  postings: readonly Posting[],
  next: ReadonlyMap<string, T> | null,
  near: ReadonlyMap<string, T> | null,
  found: T[],
): void {
  if (next !== null) walkNeighbours(paper, postings, next, 0, found);
  if (near === null) return;
  // Whichever is fewer: the partner words filed here (each looked up in the paper), or the words
  // around each occurrence (each looked up among the partners).
  if (near.size <= postings.length * 2 * NEAR_DISTANCE) {
    partnersOf.paper = paper;
    partnersOf.postings = postings;
    partnersOf.found = found;
    near.forEach(addIfNear);
    partnersOf.paper = null;
    partnersOf.postings = NO_POSTINGS;
    partnersOf.found = NO_TOPICS;
  } else walkNeighbours(paper, postings, near, NEAR_DISTANCE, found);
}

const NO_POSTINGS: readonly Posting[] = [];
const NO_TOPICS: unknown[] = [];

/** What `addIfNear` (a Map.forEach callback, so not a closure) works on. */
const partnersOf: { paper: PreparedPaper | null; postings: readonly Posting[]; found: unknown[] } = { paper: null, postings: NO_POSTINGS, found: [] };

function addIfNear(topics: unknown, partner: string): void {
  const others = partnersOf.paper!.postings.get(partner);
  if (others !== undefined && anyNear(partnersOf.postings, others)) partnersOf.found.push(topics);
}

/** Whether an occurrence in `a` and one in `b` are in one field, within `NEAR_DISTANCE`, apart. */
function anyNear(a: readonly Posting[], b: readonly Posting[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const field = p >>> 21;
    const at = (p >>> 1) & 0xfffff;
    const to = at + (p & 1);
    for (let j = 0; j < b.length; j++) {
      const q = b[j]!;
      if (q >>> 21 !== field) continue;
      const from = (q >>> 1) & 0xfffff;
      if (from - at > NEAR_DISTANCE || at - from > NEAR_DISTANCE) continue;
      // Not overlapping: the other word ends before this one starts, or starts after it ends.
      if (from + (q & 1) < at || from > to) return true;
    }
  }
  return false;
}

/**
 * For each occurrence, adds the `lists` under the words around it: with `distance` 0 the word (or
 * compound) right after it, else every word or compound within `distance` positions not overlapping it.
 */
function walkNeighbours<T>(paper: PreparedPaper, postings: readonly Posting[], lists: ReadonlyMap<string, T>, distance: number, found: T[]): void {
  for (let n = 0; n < postings.length; n++) {
    const p = postings[n]!;
    const field = paper.fields[p >>> 21];
    if (field === undefined) continue;
    const at = (p >>> 1) & 0xfffff;
    const to = at + (p & 1);
    const tokens = field.tokens;
    const compounds = field.compounds;
    if (distance === 0) {
      const token = tokens[to + 1];
      if (token !== undefined) report(lists, token.stem, found);
      const compound = compounds.size > 0 ? compounds.get(to + 1) : undefined;
      if (compound !== undefined) report(lists, compound.stem, found);
      continue;
    }
    const from = Math.max(0, at - distance);
    const last = Math.min(tokens.length - 1, at + distance);
    for (let j = from; j <= last; j++) if (j < at || j > to) report(lists, tokens[j]!.stem, found);
    if (compounds.size === 0) continue;
    for (let j = from; j <= last; j++) {
      if (j + 1 >= at && j <= to) continue;
      const compound = compounds.get(j);
      if (compound !== undefined) report(lists, compound.stem, found);
    }
  }
}

function report<T>(lists: ReadonlyMap<string, T>, stem: string, found: T[]): void {
  const topics = lists.get(stem);
  if (topics !== undefined) found.push(topics);
}
