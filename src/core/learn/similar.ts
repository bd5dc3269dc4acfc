/**
 * Similarity between papers for `like:<arXiv id>` topics: the cosine of their TF-IDF vectors (both are
 * unit length, so the cosine is their dot product). The thresholds per match strictness were read off
 * the labelled dev set (../shared/eval, 1,079 papers): of random pairs of papers, half are below 0.016,
 * 99% below 0.058 and 99.9% below 0.096; two papers on one narrow subject (speculative decoding) share
 * 0.15–0.20, while a typical paper's closest neighbour on a broad subject (LLM agents) is at 0.07–0.09.
 * So `strict` keeps close siblings, `balanced` what random pairs almost never reach, `broad` the same
 * neighbourhood at the risk of a stray paper or two per digest.
 */
import type { MatchStrictness } from "../channel.js";
import type { Paper } from "../paper.js";
import type { TermWeight } from "./channel-model.js";
import { dot, type Vocabulary } from "./tfidf.js";

export const SIMILARITY_THRESHOLDS: Readonly<Record<MatchStrictness, number>> = { strict: 0.15, balanced: 0.1, broad: 0.07 };

export interface Neighbour<P extends Paper> {
  paper: P;
  similarity: number;
}

export interface Similarity {
  /** Cosine of the two papers' TF-IDF vectors, 0..1. */
  similarity(a: Paper, b: Paper): number;
  /** The `k` candidates most similar to `paper` (never the paper itself), most similar first. */
  nearest<P extends Paper>(paper: Paper, candidates: readonly P[], k: number): Array<Neighbour<P>>;
  isSimilar(paper: Paper, other: Paper, strictness: MatchStrictness): boolean;
  /** The terms both papers share, by their share of the similarity, largest first. */
  sharedTerms(a: Paper, b: Paper, limit?: number): TermWeight[];
}

export function createSimilarity(vocabulary: Vocabulary): Similarity {
  const similarity = (a: Paper, b: Paper): number => dot(vocabulary.vector(a).values, vocabulary.vector(b).values);
  return {
    similarity,
    nearest(paper, candidates, k) {
      const scored = candidates
        .filter((candidate) => candidate.id !== paper.id)
        .map((candidate) => ({ paper: candidate, similarity: similarity(paper, candidate) }))
        .filter((neighbour) => neighbour.similarity > 0);
      scored.sort((a, b) => b.similarity - a.similarity || (a.paper.id < b.paper.id ? -1 : 1));
      return scored.slice(0, Math.max(0, k));
    },
    isSimilar(paper, other, strictness) {
      return paper.id !== other.id && similarity(paper, other) >= SIMILARITY_THRESHOLDS[strictness];
    },
    sharedTerms(a, b, limit = 8) {
      const va = vocabulary.vector(a);
      const vb = vocabulary.vector(b);
      const shared: Array<{ key: string; term: TermWeight }> = [];
      for (const [key, value] of va.values) {
        const other = vb.values.get(key);
        if (other !== undefined) shared.push({ key, term: { term: va.labels.get(key) ?? key, weight: Math.round(value * other * 1000) / 1000 } });
      }
      shared.sort((x, y) => y.term.weight - x.term.weight || (x.key < y.key ? -1 : 1));
      return shared.slice(0, limit).map(({ term }) => term);
    },
  };
}
