/**
 * TF-IDF vectors over a corpus (the archive's papers): sublinear term frequency (1 + ln count) times
 * smoothed inverse document frequency (ln((1 + N) / (1 + df)) + 1), scaled to unit length so that long
 * abstracts weigh no more than short ones. A term the corpus never saw gets the highest idf.
 */
import type { Paper } from "../paper.js";
import { paperTerms } from "./terms.js";

/** A sparse vector: term → value. */
export type SparseVector = Map<string, number>;

export interface PaperVector {
  values: SparseVector;
  /** Term → how it reads in the paper. */
  labels: Map<string, string>;
}

export interface Vocabulary {
  /** Papers the document frequencies were counted on. */
  readonly documents: number;
  idf(term: string): number;
  /** The paper's unit-length TF-IDF vector (memoized per paper object). */
  vector(paper: Paper): PaperVector;
}

/** Counts in how many of `corpus` each term occurs; the corpus should include the papers to be scored. */
export function buildVocabulary(corpus: Iterable<Paper>): Vocabulary {
  const df = new Map<string, number>();
  let documents = 0;
  const cache = new WeakMap<Paper, PaperVector>();
  for (const paper of corpus) {
    documents++;
    for (const term of paperTerms(paper).counts.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const idf = (term: string): number => Math.log((1 + documents) / (1 + (df.get(term) ?? 0))) + 1;
  return {
    documents,
    idf,
    vector(paper: Paper): PaperVector {
      const cached = cache.get(paper);
      if (cached !== undefined) return cached;
      const { counts, labels } = paperTerms(paper);
      const values: SparseVector = new Map();
      let norm = 0;
      for (const [term, count] of counts) {
        const value = (1 + Math.log(count)) * idf(term);
        values.set(term, value);
        norm += value * value;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (const [term, value] of values) values.set(term, value / norm);
      const vector = { values, labels };
      cache.set(paper, vector);
      return vector;
    },
  };
}

/** Dot product of two sparse vectors (iterates the smaller one). */
export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, value] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += value * other;
  }
  return sum;
}
