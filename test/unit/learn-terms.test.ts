/** The terms learning and similarity see in a paper, and their TF-IDF weights. */
import { describe, expect, it } from "vitest";
import { paperTerms } from "../../src/core/learn/terms.js";
import { buildVocabulary, dot } from "../../src/core/learn/tfidf.js";
import { makePaper } from "../helpers/papers.js";

describe("paper terms", () => {
  it("stems words, skips stopwords and bare numbers, and counts the title twice", () => {
    const { counts, labels } = paperTerms(makePaper("1", { title: "Caching keys", abstract: "We propose caches for the 2 keys." }));
    expect(counts.get("cach")).toBe(3);
    expect(counts.get("kei")).toBe(3);
    expect(labels.get("cach")).toBe("caching");
    for (const skipped of ["we", "propos", "the", "for", "2"]) expect(counts.has(skipped)).toBe(false);
  });

  it("pairs neighbouring words across spaces and hyphens, not across punctuation or stopwords", () => {
    const { counts, labels } = paperTerms(makePaper("1", { title: "", abstract: "Speculative decoding. Draft-model verification of tokens" }));
    expect(counts.get("specul decod")).toBe(1);
    expect(labels.get("specul decod")).toBe("speculative decoding");
    expect(counts.get("draft model")).toBe(1);
    expect(counts.has("decod draft")).toBe(false);
    expect(counts.has("verif token")).toBe(false);
  });

  it("pairs neighbouring CJK characters of a Chinese TL;DR", () => {
    const { counts } = paperTerms(makePaper("1", { title: "", tldr: "知识蒸馏" }));
    expect([...counts.keys()].sort()).toEqual(["知识", "蒸馏", "识蒸"].sort());
  });
});

describe("TF-IDF vectors", () => {
  const common = makePaper("1", { title: "Language models", abstract: "Large language models reason." });
  const rare = makePaper("2", { title: "Language models for protein folding", abstract: "Protein folding with language models." });
  const vocabulary = buildVocabulary([common, rare, makePaper("3", { title: "Language models at scale" })]);

  it("are unit length, and weigh a rare term above a common one", () => {
    const vector = vocabulary.vector(rare).values;
    expect(dot(vector, vector)).toBeCloseTo(1, 10);
    expect(vector.get("protein")!).toBeGreaterThan(vector.get("languag")!);
    expect(vocabulary.idf("neverseen")).toBeGreaterThan(vocabulary.idf("protein"));
    expect(vocabulary.documents).toBe(3);
  });
});
