/** What the matcher reports about one paper for one channel: the input of ranking and compose. */
import type { ArchivedPaper } from "./paper.js";

export interface FieldSpan {
  /** title, tldr, abstract, motivation, method, result, conclusion, authors, categories. */
  field: string;
  /** Character offsets into the paper's original field text. */
  start: number;
  end: number;
}

export interface PaperMatch {
  paper: ArchivedPaper;
  /** Ids of the channel's topics that matched. */
  topicIds: number[];
  /** The words that matched, as they appear in the paper (for "matched: …"). */
  terms: string[];
  spans: FieldSpan[];
  /** Ranking score: strong topics (title hit, typed field or category) first, then more topics, then evidence. Higher is better. */
  score: number;
  /** Why it matched, for people: "title hit", "only mentioned in passing: '…such as X…'". */
  reasons?: string[];
}

/** Best first: score, then the newer paper, then id for a stable order. */
export function rankMatches(matches: PaperMatch[]): PaperMatch[] {
  return [...matches].sort(
    (a, b) => b.score - a.score || b.paper.lastSeen.localeCompare(a.paper.lastSeen) || a.paper.id.localeCompare(b.paper.id),
  );
}
