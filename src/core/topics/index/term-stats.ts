/**
 * How common an index key is among papers, to pick each topic's rarest required term. Estimates only
 * steer performance, never results: any choice of key is correct, a rare one is just cheaper.
 */
import { COMMON_KEYS } from "./common-keys.js";
import { forEachBigram, forEachCjkBigram, paperCjkChars } from "../text/prepare.js";
import { cjkCharsKey, decodeKey, encodeKey, pairKey, wordKey } from "./keys.js";
import type { PreparedPaper } from "../text/prepare.js";

export interface TermStats {
  /** Estimated fraction of papers having the key (0..1). */
  frequency(key: string): number;
}

/** Built-in estimates: measured frequencies of common keys in real digests, and rules for the rest. */
export const DEFAULT_TERM_STATS: TermStats = { frequency: defaultFrequency };

let common: Map<string, number> | null = null;

function defaultFrequency(key: string): number {
  common ??= new Map(COMMON_KEYS.split(" ").map((entry) => {
    const at = entry.lastIndexOf("=");
    return [entry.slice(0, at), Number(entry.slice(at + 1)) / 1000] as const;
  }));
  const known = common.get(key);
  if (known !== undefined) return known;
  const decoded = decodeKey(key);
  if (!decoded.ok) return 1;
  const k = decoded.key;
  switch (k.kind) {
    case "category":
      return k.prefix ? 0.9 : 0.2;
    case "cjk":
      // A pair: rarer than its rarer character; three in a row: rarer than its rarer pair.
      if (k.codes.length < 2) return 0.05;
      if (k.codes.length === 2) return Math.min(...k.codes.map((code) => defaultFrequency(cjkCharsKey(code)))) * 0.2;
      return Math.min(defaultFrequency(cjkCharsKey(k.codes[0]!, k.codes[1]!)), defaultFrequency(cjkCharsKey(k.codes[1]!, k.codes[2]!))) * 0.2;
    case "author":
      return 0.002;
    // A word in the title: about a tenth as common as anywhere in the paper.
    case "title":
      return defaultFrequency(wordKey(k.stem)) * 0.1;
    // Pairs of words: rarer than either word; unknown pairs are rare.
    case "pair":
      return 0.002;
    // Two words near each other: rarer than the rarer of them.
    case "near":
      return Math.min(defaultFrequency(wordKey(k.first)), defaultFrequency(wordKey(k.second))) * 0.2;
    // No paper lists an example's key (index-keys.ts), so a like: topic is filed there and never verified.
    case "example":
      return 0;
    case "qualified":
      return defaultFrequency(encodeKey(k.key)) * 0.2;
    case "word":
      // Unknown words: rarer the longer they are.
      return key.length <= 3 ? 0.01 : 0.003;
  }
}

/** Frequencies measured on a sample of papers (e.g. the last weeks of the archive), with defaults behind. */
export function termStatsFromPapers(papers: PreparedPaper[]): TermStats {
  const counts = new Map<string, number>();
  const count = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const paper of papers) {
    for (const key of paper.keys) count(key);
    for (const code of paperCjkChars(paper)) count(cjkCharsKey(code));
    const pairs = new Set<string>();
    forEachBigram(paper, (first, second) => pairs.add(pairKey(first, second)));
    forEachCjkBigram(paper, (first, second) => pairs.add(cjkCharsKey(first, second)));
    for (const pair of pairs) count(pair);
  }
  const n = Math.max(1, papers.length);
  return {
    frequency(key: string): number {
      const count = counts.get(key);
      // Unseen in the sample: the smaller of half a paper and the built-in estimate.
      return count === undefined ? Math.min(0.5 / n, defaultFrequency(key)) : count / n;
    },
  };
}
