/** The substring baseline: the query as a case-insensitive substring of title + TL;DR + abstract. */
import type { LabelledQuery } from "./score.js";

/** One line of ../shared/eval/papers.jsonl (the fields the baseline reads). */
export interface LabelledPaper {
  id: string;
  title: string;
  tldr: string;
  abstract: string;
}

export function substringPredictions(queries: readonly LabelledQuery[], papers: readonly LabelledPaper[]): Map<string, string[]> {
  const texts = papers.map((p) => ({ id: p.id, text: `${p.title} ${p.tldr} ${p.abstract}`.toLowerCase() }));
  const out = new Map<string, string[]>();
  for (const { query } of queries) {
    const needle = query.toLowerCase();
    out.set(query, texts.filter((p) => p.text.includes(needle)).map((p) => p.id));
  }
  return out;
}
