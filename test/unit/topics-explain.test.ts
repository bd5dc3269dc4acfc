import { describe, expect, it } from "vitest";
import { explain } from "../../src/core/topics/engine/explain.js";
import { describeMatch, verifyTopic } from "../../src/core/topics/engine/match.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { topicEvidence } from "../../src/core/topics/engine/evidence.js";
import { scoreMatch } from "../../src/core/topics/engine/score.js";
import { compiled, paper } from "./topics-fixtures.js";

const surveyPaper = paper({
  title: "Diffusion Models: A Survey",
  abstract: "We survey diffusion models and their KV-caches.",
  tldr: "本文综述了扩散模型",
  authors: ["Song Han", "Hannah Li"],
  categories: ["cs.LG", "cs.AI"],
});

describe("rule 8: matches record where each clause hit", () => {
  it.each([
    ["a word in the title", "diffusion", "title", "Diffusion"],
    ["a hyphenated phrase in the abstract", "kv cache", "abstract", "KV-caches"],
    ["a Chinese term in the TL;DR", "扩散模型", "tldr", "扩散模型"],
    ["an author name", "author:han", "author", "Han"],
    ["a category", "cat:cs.AI", "cat", "cs.AI"],
  ])("%s: %s", (_name, topic, field, text) => {
    const match = verifyTopic(compiled(topic), preparePaper(surveyPaper));
    const hit = match!.clauses[0]!.hits.find((h) => h.field === field)!;
    expect(hit.text).toBe(text);
    if (field === "cat" || field === "author") return;
    expect(surveyPaper[field as "title" | "abstract" | "tldr"]!.slice(hit.start, hit.end)).toBe(text);
  });

  it("author spans point into that author's name", () => {
    const match = verifyTopic(compiled('author:"song han"'), preparePaper(surveyPaper))!;
    const hit = match.clauses[0]!.hits[0]!;
    expect(hit).toMatchObject({ field: "author", index: 0, text: "Song Han" });
    expect(surveyPaper.authors[hit.index!]!.slice(hit.start, hit.end)).toBe("Song Han");
  });

  it("matched terms list distinct words (case-insensitively) as written, title first", () => {
    const match = verifyTopic(compiled("diffusion model"), preparePaper(surveyPaper))!;
    expect(match.terms).toEqual(["Diffusion Models", "扩散模型"]);
  });

  it("hits are listed title first, then by position", () => {
    const p = paper({ title: "LLM", abstract: "LLM and LLMs", tldr: "LLM" });
    const hits = describeMatch(compiled("llm"), preparePaper(p)).clauses[0]!.hits;
    expect(hits.map((h) => `${h.field}@${h.start}`)).toEqual(["title@0", "tldr@0", "abstract@0", "abstract@8"]);
  });

  it("negative clauses are not listed as hits of a match", () => {
    const match = verifyTopic(compiled("diffusion -transformer"), preparePaper(surveyPaper))!;
    expect(match.clauses.map((c) => c.source)).toEqual(["diffusion"]);
  });
});

describe("explain: why a topic matches a paper or not", () => {
  it.each([
    ["a match names the field, the score and its reasons", "diffusion", true, "matches (score 4): 'diffusion' found in title (\"Diffusion\"), abstract; title hit; 1 abstract sentence"],
    ["an exclusion that hit", "diffusion -survey", false, "needs 'survey' absent but found in title (\"Survey\"), abstract"],
    ["a missing phrase", "kv cache compression", false, "no 'kv cache compression' in any field"],
    ["a missing fielded term", "title:cache", false, "no 'cache' in title"],
    ["a missing author", "author:smith", false, "no author named 'smith'"],
    ["a wrong category", "cat:cs.AR", false, "not in category 'cs.AR' (paper: cs.LG, cs.AI)"],
    ["alternatives are listed", "(pruning | sparsity)", false, "no 'pruning' or 'sparsity' in any field"],
    ["quoted terms keep their quotes", '"diffusions"', false, 'no "diffusions" in any field'],
  ])("%s: %s", (_name, topic, matched, summary) => {
    const result = explain(topic, surveyPaper);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.matched).toBe(matched);
    expect(result.summary).toBe(summary);
  });

  it("every clause is explained, in order", () => {
    const result = explain("diffusion cat:cs.LG -author:smith", surveyPaper);
    expect(result.ok && result.clauses.map((c) => [c.source, c.ok])).toEqual([
      ["diffusion", true],
      ["cat:cs.LG", true],
      ["-author:smith", true],
    ]);
  });

  it("a bad topic explains its syntax error", () => {
    const result = explain("titel:x", surveyPaper);
    expect(!result.ok && result.error.code).toBe("unknown-field");
  });
});

describe("scoreMatch ranks title hits above body hits, more topics above fewer", () => {
  const score = (fields: Parameters<typeof paper>[0], topics: string[]): number => {
    const p = preparePaper(paper(fields));
    return scoreMatch(
      topics.flatMap((t) => {
        const topic = compiled(t);
        const match = verifyTopic(topic, p);
        return match === null ? [] : [topicEvidence(topic, p, match)];
      }),
    );
  };

  it("a title hit beats several body hits", () => {
    expect(score({ title: "Pruning" }, ["pruning"])).toBeGreaterThan(score({ abstract: "pruning pruning pruning" }, ["pruning"]));
  });

  it("two matched topics beat one (both in the body)", () => {
    const fields = { abstract: "pruning and quantization" };
    expect(score(fields, ["pruning", "quantization"])).toBeGreaterThan(score(fields, ["pruning"]));
  });

  it("more body sentences break ties; hits within one sentence count once", () => {
    expect(score({ abstract: "We use pruning. Pruning helps." }, ["pruning"])).toBeGreaterThan(score({ abstract: "pruning" }, ["pruning"]));
    expect(score({ abstract: "pruning, pruning" }, ["pruning"])).toBe(score({ abstract: "pruning" }, ["pruning"]));
  });

  it("a category clause the channel typed ranks like a title hit", () => {
    const manyBodySentences = { abstract: "We study pruning. Pruning is hard. Our pruning wins. Pruning again." };
    expect(score({ abstract: "pruning", categories: ["cs.AR"] }, ["pruning cat:cs.AR"])).toBeGreaterThan(score(manyBodySentences, ["pruning"]));
    expect(score({ abstract: "pruning" }, ["title:pruning"])).toBe(0);
    expect(score({ title: "Pruning" }, ["title:pruning"])).toBeGreaterThan(score(manyBodySentences, ["pruning"]));
  });

  it("no matches score zero", () => {
    expect(scoreMatch([])).toBe(0);
  });
});
