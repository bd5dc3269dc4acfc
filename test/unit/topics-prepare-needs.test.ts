import { describe, expect, it } from "vitest";
import { createTopicTools } from "../../src/core/topic-tools.js";
import type { ArchivedPaper } from "../../src/core/paper.js";
import { topicEvidence } from "../../src/core/topics/engine/evidence.js";
import { generateTopics } from "../../src/core/topics/reference/generate-topics.js";
import { describeMatch, topicHolds } from "../../src/core/topics/engine/match.js";
import { preparePaper, preparePaperFor } from "../../src/core/topics/text/prepare.js";
import type { PreparedPaper } from "../../src/core/topics/text/prepare.js";
import { meetsThreshold } from "../../src/core/topics/engine/strictness.js";
import { PREPARE_ALL, mayHoldStems, topicNeeds } from "../../src/core/topics/text/prepare-needs.js";
import { matchablePrefix, wordMatches } from "../../src/core/topics/text/words.js";
import type { WordMatcher } from "../../src/core/topics/text/words.js";
import { compiled, seedPapers } from "./topics-fixtures.js";

const papers = seedPapers();
const full = papers.map(preparePaper);

describe("preparing only what a topic reads", () => {
  it("lists the fields a topic's words come from, authors only for author clauses", () => {
    const fields = (text: string) => {
      const needs = topicNeeds([compiled(text)]);
      return { words: needs.words, authors: needs.authors };
    };
    expect(fields("title:llm")).toEqual({ words: new Set(["title"]), authors: false });
    expect(fields("author:han cat:cs.AR")).toEqual({ words: new Set(), authors: true });
    expect(fields('"联邦学习"')).toEqual({ words: new Set(), authors: false });
    expect(fields("tldr:cache -abstract:survey").words).toEqual(new Set(["tldr", "abstract"]));
    const both = topicNeeds([compiled("kv cache"), compiled("author:han")]);
    expect(both.words).toEqual(PREPARE_ALL.words);
    expect(both.authors).toBe(true);
  });

  it("stems only words that could match a topic word", () => {
    const { stems } = topicNeeds([compiled("kv cache -survey")]);
    expect(stems).not.toBeNull();
    for (const word of ["kv", "kvs", "caching", "cached", "surveys", "kvcache", "key", "value"]) expect(stems!(word), word).toBe(true);
    for (const word of ["model", "ca", "su", "memory"]) expect(stems!(word), word).toBe(false);
    // Many topics at once: stemming everything is cheaper than testing many prefixes.
    expect(topicNeeds(generateTopics(papers, 200, 3).map(compiled)).stems).toBeNull();
  });

  it("skips tokenizing an ASCII field only when none of its words (or hyphen compounds) can be stemmed", () => {
    const needs = topicNeeds([compiled("retraining")]);
    expect(mayHoldStems(needs, "We study Re-Training of models.")).toBe(true);
    expect(mayHoldStems(needs, "RETRAINED weights")).toBe(true);
    expect(mayHoldStems(needs, "Nothing relevant here.")).toBe(false);
    // Non-ASCII text may fold into the word (ｒｅｔｒａｉｎ): always tokenized.
    expect(mayHoldStems(needs, "ｒｅｔｒａｉｎ")).toBe(true);
    expect(mayHoldStems(PREPARE_ALL, "anything")).toBe(true);
    const paper = preparePaperFor({ ...papers[0]!, title: "Re-training at scale", abstract: "Nothing relevant here." }, needs);
    expect(paper.fields.find((f) => f.name === "abstract")?.tokens).toEqual([]);
    expect(topicHolds(compiled("retraining"), paper)).toBe(true);
  });

  it("every word a topic word matches starts with its matchable prefix (on the seeds)", () => {
    const matchers = generateTopics(papers, 600, 11)
      .map(compiled)
      .flatMap((t) => t.clauses.flatMap((c) => c.alternatives.flatMap((a) => (a.kind === "phrase" ? a.words : []))));
    const byKey = new Map<string, WordMatcher[]>();
    for (const m of matchers) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
    const violations: string[] = [];
    let checked = 0;
    for (const paper of full) {
      for (const field of paper.fields) {
        for (const token of [...field.tokens, ...field.compounds.values()]) {
          for (const m of byKey.get(token.stem) ?? []) {
            if (!wordMatches(m, token)) continue;
            checked++;
            if (!token.word.startsWith(matchablePrefix(m))) violations.push(`${m.word} ~ ${token.word}`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
    expect(checked).toBeGreaterThan(1000);
  });

  it("decides and explains every seed topic exactly as a fully prepared paper does", () => {
    // A sample of generated topics (each one prepares every seed paper again): enough to cover words,
    // phrases, synonyms and fields without making the test slow on a loaded machine.
    const texts = [...generateTopics(papers, 150, 7).filter((_, i) => i % 5 === 0), "time series forecasting", "title:llm -survey", "author:han", "tldr:(gpu | fpga)", "联邦学习", "cat:cs.AR"];
    // Each topic's own preparation (as a search does it), against the full one.
    const byNeeds = new Map<string, PreparedPaper[]>();
    const mismatches: string[] = [];
    let holding = 0;
    // Every other seed paper: each topic prepares them all again, and half is plenty to compare.
    const sample = papers.flatMap((paper, i) => (i % 2 === 0 ? [{ paper, full: full[i]! }] : []));
    for (const text of texts) {
      const topic = compiled(text);
      const needs = topicNeeds([topic]);
      const key = `${[...needs.words].sort().join(",")}|${needs.authors}|${text}`;
      let partial = byNeeds.get(key);
      if (partial === undefined) byNeeds.set(key, (partial = sample.map(({ paper }) => preparePaperFor(paper, needs))));
      for (let i = 0; i < sample.length; i++) {
        const { paper, full: prepared } = sample[i]!;
        const holds = topicHolds(topic, prepared);
        if (topicHolds(topic, partial[i]!) !== holds) mismatches.push(`${text} on ${paper.id}`);
        else if (holds) {
          holding++;
          if (JSON.stringify(describeMatch(topic, partial[i]!)) !== JSON.stringify(describeMatch(topic, prepared))) mismatches.push(`${text} hits on ${paper.id}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(holding).toBeGreaterThan(20);
    expect(byNeeds.size).toBeGreaterThan(3);
  }, 60_000);

  it("matchTopics (the search path) finds what a full index finds, with the same evidence", () => {
    const tools = createTopicTools();
    const archived = papers as ArchivedPaper[];
    for (const text of ["title:llm", "author:han", "量化", "kv cache -survey", "cat:cs.AR", "language model"]) {
      const topic = compiled(text);
      const enough = (p: PreparedPaper): boolean => topicHolds(topic, p) && meetsThreshold(topicEvidence(topic, p, describeMatch(topic, p)).score, "balanced");
      const expected = papers.filter((_, i) => enough(full[i]!)).map((p) => p.id);
      const got = tools.matchTopics([{ id: 1, channelId: "", text, createdAt: "" }], archived).map((m) => m.paper.id);
      expect(got, text).toEqual(expected);
    }
  });
});
