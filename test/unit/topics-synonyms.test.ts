import { describe, expect, it } from "vitest";
import { TopicIndex } from "../../src/core/topics/index/topic-index.js";
import { topicHolds } from "../../src/core/topics/engine/match.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { SYNONYM_GROUPS } from "../../src/core/topics/engine/synonyms.js";
import { hasCjk } from "../../src/core/topics/text/text.js";
import { compiled, paper, seedPapers } from "./topics-fixtures.js";

/** A paper saying `term` in its abstract (English) or TL;DR (CJK), with nothing else around it. */
function saying(term: string) {
  return preparePaper(hasCjk(term) ? paper({ tldr: `本文研究${term}。` }) : paper({ abstract: `We study ${term} here.` }));
}

describe("rule 4: every synonym group works in both directions", () => {
  const pairs = SYNONYM_GROUPS.flatMap((group) =>
    group.terms.flatMap((a) => group.terms.filter((b) => b !== a).map((b) => [a, b] as const)),
  );

  it.each(pairs)("%s finds %s", (topic, written) => {
    expect(topicHolds(compiled(topic), saying(written))).toBe(true);
  });

  it.each(SYNONYM_GROUPS.flatMap((g) => (g.oneWay ?? []).map((w) => [w, g.terms[0]!] as const)))(
    "one-way %s still finds %s",
    (topic, written) => {
      expect(topicHolds(compiled(topic), saying(written))).toBe(true);
    },
  );

  it.each(SYNONYM_GROUPS.flatMap((g) => (g.oneWay ?? []).map((w) => [g.terms[0]!, w] as const)))(
    "but %s is not expanded to the ambiguous %s",
    (topic, written) => {
      expect(topicHolds(compiled(topic), saying(written))).toBe(false);
    },
  );
});

describe("quoted terms skip synonyms", () => {
  it.each([
    ['"MoE"', "mixture of experts"],
    ['"RAG"', "retrieval-augmented generation"],
    ['"联邦学习"', "federated learning"],
    ['"large language model"', "LLM"],
  ])("%s does not find %s", (topic, written) => {
    expect(topicHolds(compiled(topic), saying(written))).toBe(false);
  });
});

describe("spans of every match on the seed digests point at the matched words", () => {
  it("each hit's text is the slice of its field at its span", () => {
    const papers = seedPapers();
    const index = new TopicIndex<number>();
    ["kv cache", "moe", "llm", "联邦学习", "graph neural network", "author:han", "pre-training", "GPU", "量化"].forEach((t, i) => index.add(i, t));
    let checked = 0;
    for (const { paper: p, matches } of index.matchPapers(papers)) {
      for (const m of matches) {
        for (const hit of m.match.clauses.flatMap((c) => c.hits)) {
          const source = hit.field === "author" ? p.paper.authors[hit.index!]! : hit.field === "cat" ? hit.text : p.paper[hit.field]!;
          expect(source.slice(hit.start, hit.end)).toBe(hit.text);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});
