import { describe, expect, it } from "vitest";
import { relatedHints } from "../../src/core/related-archive.js";
import { relatedTerms, termKeys } from "../../src/core/related-terms.js";
import { createTopicTools } from "../../src/core/topic-tools.js";
import { makeArchivedPaper } from "../helpers/papers.js";

// Four papers about KV cache eviction against sixteen others; every count below can be checked by eye.
const matching = [
  makeArchivedPaper("2601.00001", "2026-01-01", { title: "Cache Eviction", abstract: "We study KV cache eviction with paged attention for the model." }),
  makeArchivedPaper("2601.00002", "2026-01-01", { abstract: "KV cache eviction and paged attention in a model.", tldr: "节省显存" }),
  makeArchivedPaper("2601.00003", "2026-01-01", { abstract: "Paged attention makes KV cache eviction cheap for any model.", tldr: "降低显存占用" }),
  makeArchivedPaper("2601.00004", "2026-01-01", { abstract: "A KV cache eviction policy for the model." }),
];
const background = [
  ...Array.from({ length: 5 }, (_, i) => makeArchivedPaper(`2601.001${i}0`, "2026-01-01", { abstract: "Attention in a vision model." })),
  ...Array.from({ length: 11 }, (_, i) => makeArchivedPaper(`2601.002${String(i).padStart(2, "0")}`, "2026-01-01", { abstract: "A language model for translation." })),
];

const row = (t: { term: string; inMatching: number; inAll: number; lift: number }) => [t.term, t.inMatching, t.inAll, t.lift];

describe("related terms: lift = P(term | matching) / P(term | all)", () => {
  it("ranks by lift, then support, then term; counts are papers, not occurrences", () => {
    const terms = relatedTerms(matching, background, { limit: 20, minSupport: 2, exclude: termKeys("kv cache") });
    expect(terms.map(row)).toEqual([
      ["cache eviction", 4, 4, 5],
      ["eviction", 4, 4, 5],
      ["paged", 3, 3, 5],
      ["paged attention", 3, 3, 5],
      ["显存", 2, 2, 5],
      ["attention", 3, 8, 1.88],
      ["model", 4, 20, 1],
    ]);
  });

  it.each([
    ["minimum support drops terms of one paper", { limit: 20, minSupport: 3 }, (t: string[]) => !t.includes("显存") && !t.includes("policy")],
    ["without a support floor, single-paper terms appear", { limit: 50, minSupport: 1 }, (t: string[]) => t.includes("policy")],
    ["the limit keeps the top", { limit: 2, minSupport: 2 }, (t: string[]) => t.length === 2],
    ["the topic's own words are left out", { limit: 50, minSupport: 1, exclude: termKeys("kv cache") }, (t: string[]) => !t.includes("kv") && !t.includes("cache") && !t.includes("kv cache")],
    ["without exclusion they are there", { limit: 50, minSupport: 1 }, (t: string[]) => t.includes("kv cache")],
  ])("%s", (_name, options, holds) => {
    expect(holds(relatedTerms(matching, background, options).map((t) => t.term))).toBe(true);
  });

  it("a paper in both sets counts once in all", () => {
    const terms = relatedTerms(matching, [...background, ...matching], { limit: 1, minSupport: 2, exclude: termKeys("kv cache") });
    expect(row(terms[0]!)).toEqual(["cache eviction", 4, 4, 5]);
  });

  it("no matching papers, no terms", () => {
    expect(relatedTerms([], background, { limit: 5, minSupport: 1 })).toEqual([]);
  });

  it("the subscribe hint: top three for a topic with enough matches, none for one without", () => {
    const hints = relatedHints(createTopicTools(), ["kv cache", "quantum chromodynamics"], [...matching, ...background]);
    expect(hints.get("kv cache")?.map((t) => t.term)).toEqual(["cache eviction", "eviction", "paged"]);
    expect(hints.has("quantum chromodynamics")).toBe(false);
  });
});
