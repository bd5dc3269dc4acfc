/**
 * What real users type, drawn from the corpus itself: title and abstract word runs, acronyms as written
 * in titles, categories, frequent Chinese terms from the TL;DRs, and author names. The topic generator
 * recombines these, so generated topics hit the corpus about as often as real subscriptions would.
 */
import type { Paper } from "../src/core/paper.js";

export interface Vocabulary {
  /** Each title / abstract as its words, in order (original case). */
  titles: string[][];
  abstracts: string[][];
  /** Share of titles containing a lower-cased word: generic single words are skipped. */
  titleShare: Map<string, number>;
  acronyms: string[];
  categories: string[];
  /** Category prefixes like `cs.*`. */
  categoryGroups: string[];
  cjkTerms: string[];
  authors: string[];
}

const WORD_SPLIT = /[^\p{L}\p{N}]+/u;
const ACRONYM = /^(?=(?:.*[A-Z]){2})[A-Z][A-Za-z0-9]{1,6}$/;
const CJK_RUN = /[\p{Script=Han}]{2,}/gu;
/** Frequent characters of Chinese function words: n-grams holding them are not what anyone subscribes to. */
const CJK_FUNCTION = /[的了和在是与并及对中为其将以该从而或等这本提出通过能够实现显著方法问题研究基于一种]/u;

export function buildVocabulary(papers: readonly Paper[]): Vocabulary {
  const titles = papers.map((p) => words(p.title));
  const abstracts = papers.flatMap((p) => (p.abstract ? [words(p.abstract)] : []));
  const titleShare = new Map<string, number>();
  for (const title of titles) for (const w of new Set(title.map((t) => t.toLowerCase()))) titleShare.set(w, (titleShare.get(w) ?? 0) + 1);
  for (const [w, n] of titleShare) titleShare.set(w, n / Math.max(1, titles.length));
  return {
    titles: titles.filter((t) => t.length > 0),
    abstracts,
    titleShare,
    acronyms: frequent(titles.flatMap((t) => t.filter((w) => ACRONYM.test(w))), 3),
    categories: frequent(papers.flatMap((p) => p.categories), 3),
    categoryGroups: frequent(papers.flatMap((p) => p.categories.map((c) => `${c.split(".")[0]}.*`)), 3),
    cjkTerms: cjkTerms(papers),
    authors: frequent(papers.flatMap((p) => p.authors), 1).filter((a) => a.split(" ").length >= 2 && a.length <= 40),
  };
}

function words(text: string): string[] {
  return text.split(WORD_SPLIT).filter((w) => w !== "");
}

/** Items seen at least `min` times, most frequent first (a deterministic order). */
function frequent(items: readonly string[], min: number): string[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n >= min)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([item]) => item);
}

/** 2–4 character Chinese n-grams seen in at least 5 TL;DRs (a sample keeps this quick), minus function words. */
function cjkTerms(papers: readonly Paper[]): string[] {
  const grams: string[] = [];
  const step = Math.max(1, Math.floor(papers.length / 4000));
  for (let i = 0; i < papers.length; i += step) {
    const seen = new Set<string>();
    for (const run of papers[i]!.tldr?.match(CJK_RUN) ?? []) {
      const chars = [...run];
      for (let n = 2; n <= 4; n++) {
        for (let s = 0; s + n <= chars.length; s++) {
          const gram = chars.slice(s, s + n).join("");
          if (!CJK_FUNCTION.test(gram)) seen.add(gram);
        }
      }
    }
    grams.push(...seen);
  }
  // The most frequent n-grams are generic (模型 "model", 数据 "data"): nobody subscribes to those alone.
  return frequent(grams, 5).slice(20, 3000);
}
