/**
 * The terms a paper is about, for learning and similarity: stemmed words and neighbouring word pairs of
 * the title, abstract and TL;DR (the project's tokenizer and stemmer, so "caches" and "cache" are one
 * term), and neighbouring character pairs of CJK text (a Chinese TL;DR has no spaces). The title counts
 * twice: it names the subject, the abstract also describes the setting.
 */
import type { Paper } from "../paper.js";
import { forEachCjk, tokenize } from "../topics/text/text.js";
import { STOPWORDS } from "./stopwords.js";

export interface PaperTerms {
  /** Term → occurrences. Keys: a stem, two stems joined by a space, or two CJK characters. */
  counts: Map<string, number>;
  /** Term → how it reads in this paper (the first surface form seen), for explanations. */
  labels: Map<string, string>;
}

const TITLE_WEIGHT = 2;

/** A word worth a term: not a stopword, not a lone letter, not a bare number. */
function isContentWord(word: string): boolean {
  return word.length > 1 && !STOPWORDS.has(word) && !/^\d+$/.test(word);
}

export function paperTerms(paper: Paper): PaperTerms {
  const terms: PaperTerms = { counts: new Map(), labels: new Map() };
  addText(terms, paper.title, TITLE_WEIGHT);
  addText(terms, paper.abstract ?? "", 1);
  addText(terms, paper.tldr ?? "", 1);
  return terms;
}

function add(terms: PaperTerms, key: string, label: string, times: number): void {
  terms.counts.set(key, (terms.counts.get(key) ?? 0) + times);
  if (!terms.labels.has(key)) terms.labels.set(key, label);
}

function addText(terms: PaperTerms, text: string, times: number): void {
  if (text === "") return;
  let previous: { stem: string; word: string; end: number } | null = null;
  for (const token of tokenize(text)) {
    if (!isContentWord(token.word)) {
      previous = null;
      continue;
    }
    add(terms, token.stem, token.word, times);
    // A pair only across plain spacing or a hyphen: not across a sentence or a clause.
    if (previous !== null && /^[\s-]+$/.test(text.slice(previous.end, token.start))) {
      add(terms, `${previous.stem} ${token.stem}`, `${previous.word} ${token.word}`, times);
    }
    previous = { stem: token.stem, word: token.word, end: token.end };
  }
  let last = -1;
  forEachCjk(text, (code) => {
    if (code >= 0 && last >= 0) {
      const pair = String.fromCodePoint(last, code);
      add(terms, pair, pair, times);
    }
    last = code;
  });
}
