/**
 * How common an index key is among papers, to pick each topic's rarest required term. Estimates only
 * steer performance, never results: any choice of key is correct, a rare one is just cheaper.
 */
import { COMMON_KEYS } from "./common-keys.js";
import { forEachBigram, forEachCjkBigram, paperCjkChars } from "./prepare.js";
import { bigramKey } from "./words.js";
import type { PreparedPaper } from "./prepare.js";

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
  if (key.startsWith("k:")) return key.endsWith("*") ? 0.9 : 0.2;
  if (key.startsWith("c:")) {
    const chars = [...key.slice(2)];
    if (chars.length < 2) return 0.05;
    // A pair: rarer than its rarer character.
    return Math.min(...chars.map((ch) => defaultFrequency(`c:${ch}`))) * 0.2;
  }
  if (key.startsWith("n:")) return 0.002;
  // A word in the title: about a tenth as common as anywhere in the paper.
  if (key.startsWith("t:")) return defaultFrequency(key.slice(2)) * 0.1;
  // Pairs of words: rarer than either word; unknown pairs are rare.
  if (key.startsWith("b:")) return 0.002;
  // Unknown words: rarer the longer they are.
  return key.length <= 3 ? 0.01 : 0.003;
}

/** Frequencies measured on a sample of papers (e.g. the last weeks of the archive), with defaults behind. */
export function termStatsFromPapers(papers: PreparedPaper[]): TermStats {
  const counts = new Map<string, number>();
  const count = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const paper of papers) {
    for (const key of paper.keys) count(key);
    for (const code of paperCjkChars(paper)) count(`c:${String.fromCodePoint(code)}`);
    const pairs = new Set<string>();
    forEachBigram(paper, (first, second) => pairs.add(bigramKey(first, second)));
    forEachCjkBigram(paper, (first, second) => pairs.add(`c:${String.fromCodePoint(first, second)}`));
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
