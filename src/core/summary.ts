/** The short text a card shows: the TL;DR, or the abstract's first sentences when the TL;DR is missing. */
import type { Paper } from "./paper.js";

// Abbreviations that end in a period without ending a sentence.
const NOT_SENTENCE_END = /(?:\be\.g|\bi\.e|\bet al|\bvs|\bcf|\bFig|\bEq|\bSec|\bNo|\bapprox|\bresp|\bw\.r\.t|\b[A-Z])\.$/;

/** Offsets where each of the first `count` sentences ends (exclusive), found without regex backtracking. */
export function firstSentencesEnd(text: string, count: number): number {
  let found = 0;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char !== "." && char !== "!" && char !== "?") continue;
    const next = text[i + 1];
    if (next !== undefined && next !== " " && next !== "\n") continue;
    if (char === "." && NOT_SENTENCE_END.test(text.slice(Math.max(0, i - 8), i + 1))) continue;
    found += 1;
    if (found === count) return i + 1;
  }
  return text.length;
}

export interface Summary {
  field: "tldr" | "abstract" | null;
  text: string;
  /** Where `text` starts in the field's original text (for highlight spans). */
  offset: number;
}

export function cardSummary(paper: Paper, sentences = 2): Summary {
  if (paper.tldr) return { field: "tldr", text: paper.tldr, offset: 0 };
  if (paper.abstract) {
    const end = firstSentencesEnd(paper.abstract, sentences);
    const text = paper.abstract.slice(0, end).trimEnd();
    return { field: "abstract", text: end < paper.abstract.length ? `${text} …` : text, offset: 0 };
  }
  return { field: null, text: "", offset: 0 };
}

export function shortenAuthors(authors: string[], keep = 3): string {
  if (authors.length === 0) return "unknown authors";
  if (authors.length <= keep) return authors.join(", ");
  return `${authors.slice(0, keep).join(", ")} et al.`;
}
