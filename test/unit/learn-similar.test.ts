/** Similarity for `like:<arXiv id>`: TF-IDF cosine, nearest papers, strictness thresholds, shared terms. */
import { describe, expect, it } from "vitest";
import { MATCH_STRICTNESS } from "../../src/core/channel.js";
import { createSimilarity, SIMILARITY_THRESHOLDS } from "../../src/core/learn/similar.js";
import { buildVocabulary } from "../../src/core/learn/tfidf.js";
import { makeArchivedPaper } from "../helpers/papers.js";
import { BACKGROUND, CORPUS, UNSEEN_DISSIMILAR, UNSEEN_SIMILAR, UNWANTED, WANTED } from "./learn-fixtures.js";

const similarity = createSimilarity(buildVocabulary(CORPUS));
const [tree, selfSpec] = [WANTED[0]!, WANTED[1]!];

describe("paper similarity", () => {
  it("is a cosine: 1 with itself, symmetric, higher for papers on one subject", () => {
    expect(similarity.similarity(tree, tree)).toBeCloseTo(1, 10);
    expect(similarity.similarity(tree, selfSpec)).toBeCloseTo(similarity.similarity(selfSpec, tree), 12);
    expect(similarity.similarity(tree, UNSEEN_SIMILAR)).toBeGreaterThan(similarity.similarity(tree, UNSEEN_DISSIMILAR));
    expect(similarity.similarity(tree, UNWANTED[0]!)).toBeLessThan(0.05);
  });

  it("nearest: the k most similar candidates, most similar first, never the paper itself", () => {
    const nearest = similarity.nearest(UNSEEN_SIMILAR, CORPUS, 4);
    expect(nearest).toHaveLength(4);
    expect(nearest.map((n) => n.paper.id)).not.toContain(UNSEEN_SIMILAR.id);
    expect(nearest.every((n) => WANTED.includes(n.paper))).toBe(true);
    const values = nearest.map((n) => n.similarity);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(similarity.nearest(UNSEEN_DISSIMILAR, CORPUS, 2).every((n) => UNWANTED.includes(n.paper))).toBe(true);
    expect(similarity.nearest(tree, CORPUS, 0)).toEqual([]);
    // Nothing in common: not a neighbour at any distance.
    const unrelated = makeArchivedPaper("2601.00099", "2026-01-06", { title: "Lattice chromodynamics", abstract: "Quarks and gluons on a lattice." });
    expect(similarity.nearest(tree, [unrelated, ...BACKGROUND], 10).map((n) => n.paper.id)).not.toContain(unrelated.id);
  });

  it("isSimilar: stricter settings need more in common", () => {
    expect(SIMILARITY_THRESHOLDS.strict).toBeGreaterThan(SIMILARITY_THRESHOLDS.balanced);
    expect(SIMILARITY_THRESHOLDS.balanced).toBeGreaterThan(SIMILARITY_THRESHOLDS.broad);
    expect(similarity.isSimilar(UNSEEN_SIMILAR, tree, "strict")).toBe(true);
    for (const strictness of MATCH_STRICTNESS) {
      expect(similarity.isSimilar(tree, UNWANTED[0]!, strictness)).toBe(false);
      expect(similarity.isSimilar(tree, tree, strictness)).toBe(false);
    }
    // Some pair of the corpus lies between the broad and the strict threshold: similar only when broad.
    const between = CORPUS.flatMap((a) => CORPUS.map((b) => [a, b] as const)).find(([a, b]) => {
      const value = similarity.similarity(a, b);
      return a.id !== b.id && value >= SIMILARITY_THRESHOLDS.broad && value < SIMILARITY_THRESHOLDS.strict;
    });
    expect(between).toBeDefined();
    expect(similarity.isSimilar(between![0], between![1], "broad")).toBe(true);
    expect(similarity.isSimilar(between![0], between![1], "strict")).toBe(false);
  });

  it("sharedTerms names what two papers have in common, largest share first", () => {
    const shared = similarity.sharedTerms(UNSEEN_SIMILAR, tree);
    expect(shared.map((t) => t.term)).toEqual(expect.arrayContaining(["speculative decoding", "draft model"]));
    expect(shared.map((t) => t.weight)).toEqual([...shared.map((t) => t.weight)].sort((a, b) => b - a));
    expect(similarity.sharedTerms(UNSEEN_SIMILAR, tree, 2)).toHaveLength(2);
    expect(similarity.sharedTerms(tree, UNWANTED[0]!).map((t) => t.term)).not.toContain("speculative");
  });
});
