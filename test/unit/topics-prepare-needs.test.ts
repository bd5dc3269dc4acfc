import { describe, expect, it } from "vitest";
import { createTopicTools } from "../../src/core/topic-tools.js";
import type { ArchivedPaper } from "../../src/core/paper.js";
import { generateTopics } from "../../src/core/topics/generate-topics.js";
import { describeMatch, topicHolds } from "../../src/core/topics/match.js";
import { preparePaper, preparePaperFor } from "../../src/core/topics/prepare.js";
import type { PreparedPaper } from "../../src/core/topics/prepare.js";
import { PREPARE_ALL, topicNeeds } from "../../src/core/topics/prepare-needs.js";
import { compiled, seedPapers } from "./topics-fixtures.js";

const papers = seedPapers();
const full = papers.map(preparePaper);

describe("preparing only what a topic reads", () => {
  it("lists the fields a topic's words come from, authors only for author clauses", () => {
    expect(topicNeeds([compiled("title:llm")])).toEqual({ words: new Set(["title"]), authors: false });
    expect(topicNeeds([compiled("author:han cat:cs.AR")])).toEqual({ words: new Set(), authors: true });
    expect(topicNeeds([compiled('"联邦学习"')])).toEqual({ words: new Set(), authors: false });
    expect(topicNeeds([compiled("tldr:cache -abstract:survey")]).words).toEqual(new Set(["tldr", "abstract"]));
    expect(topicNeeds([compiled("kv cache"), compiled("author:han")])).toBe(PREPARE_ALL);
  });

  it("decides and explains every seed topic exactly as a fully prepared paper does", () => {
    const texts = [...generateTopics(papers, 400, 7), "title:llm -survey", "author:han", "tldr:(gpu | fpga)", "联邦学习", "cat:cs.AR"];
    // Papers prepared once per distinct set of needs (a handful), not once per topic.
    const byNeeds = new Map<string, PreparedPaper[]>();
    const mismatches: string[] = [];
    let holding = 0;
    for (const text of texts) {
      const topic = compiled(text);
      const needs = topicNeeds([topic]);
      const key = `${[...needs.words].sort().join(",")}|${needs.authors}`;
      let partial = byNeeds.get(key);
      if (partial === undefined) byNeeds.set(key, (partial = papers.map((paper) => preparePaperFor(paper, needs))));
      for (let i = 0; i < papers.length; i++) {
        const holds = topicHolds(topic, full[i]!);
        if (topicHolds(topic, partial[i]!) !== holds) mismatches.push(`${text} on ${papers[i]!.id}`);
        else if (holds) {
          holding++;
          if (JSON.stringify(describeMatch(topic, partial[i]!)) !== JSON.stringify(describeMatch(topic, full[i]!))) mismatches.push(`${text} hits on ${papers[i]!.id}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(holding).toBeGreaterThan(100);
    expect(byNeeds.size).toBeGreaterThan(3);
  });

  it("matchTopics (the search path) finds what a full index finds", () => {
    const tools = createTopicTools();
    const archived = papers as ArchivedPaper[];
    for (const text of ["title:llm", "author:han", "量化", "kv cache -survey", "cat:cs.AR"]) {
      const topic = compiled(text);
      const expected = papers.filter((_, i) => topicHolds(topic, full[i]!)).map((p) => p.id);
      const got = tools.matchTopics([{ id: 1, channelId: "", text, createdAt: "" }], archived).map((m) => m.paper.id);
      expect(got, text).toEqual(expected);
    }
  });
});
