import { describe, expect, it } from "vitest";
import { compileTopicText } from "../../src/core/topics/engine/compile.js";
import type { CompiledTopic } from "../../src/core/topics/engine/compile.js";
import { generateTopics } from "../../src/core/topics/reference/generate-topics.js";
import { TopicIndex } from "../../src/core/topics/index/topic-index.js";
import { matchNaive } from "../../src/core/topics/reference/naive.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { termStatsFromPapers } from "../../src/core/topics/index/term-stats.js";
import { paper, seedPapers } from "./topics-fixtures.js";

const papers = seedPapers();
const prepared = papers.map(preparePaper);

function pairs(results: Array<{ paper: { paper: { id: string } }; matches: Array<{ id: number }> }>): string[] {
  return results.flatMap((r) => r.matches.map((m) => `${r.paper.paper.id}#${m.id}`)).sort();
}

describe("the index finds exactly what the naive matcher finds", () => {
  const texts = [
    ...generateTopics(papers, 3000, 42),
    // Hand-written shapes the generator does not cover.
    "kv cache",
    "KV-cache",
    "moe",
    "MoE -survey",
    "RAG",
    "联邦学习",
    "量化",
    "author:han",
    'author:"song han"',
    "cat:cs.AR",
    "cat:cs.*",
    "cat:cs.* -cat:cs.LG",
    "(speculative decoding | draft model) title:llm",
    "title:(gpu | fpga) cat:cs.DC",
    "large language models serving",
    "memory bandwidth",
    "mixture of experts inference",
    "KV缓存",
    "模型",
    "学",
    "推测解码",
    "大语言模型 -cat:cs.LG",
    "multivariate",
    "pretraining data",
  ];
  const topics = texts.map((text, id) => {
    const result = compileTopicText(text);
    if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
    return { id, topic: result.topic };
  });
  const naive = pairs(matchNaive(topics, prepared));

  it("on the real seed digests, with default term statistics", () => {
    const index = new TopicIndex<number>();
    for (const { id, topic } of topics) index.add(id, topic);
    expect(naive.length).toBeGreaterThan(1000);
    expect(pairs(index.matchPapers(prepared))).toEqual(naive);
  });

  it("with statistics measured on the papers (any key choice is correct)", () => {
    const index = new TopicIndex<number>({ stats: termStatsFromPapers(prepared) });
    for (const { id, text } of texts.map((text, id) => ({ id, text }))) expect(index.add(id, text)).toBeNull();
    expect(pairs(index.matchPapers(prepared))).toEqual(naive);
  });
});

describe("incremental add and remove", () => {
  const p = preparePaper(paper({ title: "Fast KV-cache compression for LLM serving", categories: ["cs.DC"] }));

  it("a topic added later matches without re-preparing papers", () => {
    const index = new TopicIndex<number>();
    expect(index.matchPaper(p)).toEqual([]);
    index.add(1, "kv cache");
    expect(index.matchPaper(p).map((m) => m.id)).toEqual([1]);
  });

  it("removing a topic stops its matches; other ids of the same topic stay", () => {
    const index = new TopicIndex<string>();
    index.add("a", "KV cache");
    index.add("b", "kv-cache");
    expect(index.distinct).toBe(1);
    expect(index.matchPaper(p).map((m) => m.id).sort()).toEqual(["a", "b"]);
    expect(index.remove("a")).toBe(true);
    expect(index.matchPaper(p).map((m) => m.id)).toEqual(["b"]);
    index.remove("b");
    expect(index.matchPaper(p)).toEqual([]);
    expect(index.distinct).toBe(0);
  });

  it("adding an id again with the same topic keeps it (text or compiled)", () => {
    const index = new TopicIndex<number>();
    index.add(1, "kv cache");
    index.add(1, "kv cache");
    expect(index.matchPaper(p).map((m) => m.id)).toEqual([1]);
    const result = compileTopicText("kv cache");
    if (!result.ok) throw new Error(result.error.message);
    index.add(1, result.topic);
    expect(index.matchPaper(p).map((m) => m.id)).toEqual([1]);
    expect(index.size).toBe(1);
    expect(index.add(1, "(kv")).not.toBeNull();
    expect(index.matchPaper(p).map((m) => m.id)).toEqual([1]);
  });

  it("adding an id again replaces its topic", () => {
    const index = new TopicIndex<number>();
    index.add(1, "diffusion");
    index.add(1, "kv cache");
    expect(index.size).toBe(1);
    expect(index.matchPaper(p).map((m) => m.match.topic)).toEqual(["kv cache"]);
  });

  it("each id keeps its own text in its matches", () => {
    const index = new TopicIndex<number>();
    index.add(1, "LLM");
    index.add(2, "llm");
    expect(index.matchPaper(p).map((m) => `${m.id}:${m.match.topic}`).sort()).toEqual(["1:LLM", "2:llm"]);
  });

  it("an invalid topic is returned as an error and not added", () => {
    const index = new TopicIndex<number>();
    expect(index.add(1, 'title:"kv')).toMatchObject({ code: "unclosed-quote" });
    expect(index.size).toBe(0);
  });

  it("matches carry hits with spans into the original text", () => {
    const index = new TopicIndex<number>();
    index.add(1, "kv cache cat:cs.DC");
    const [m] = index.matchPaper(p);
    const hit = m!.match.clauses[0]!.hits[0]!;
    expect(hit).toMatchObject({ field: "title", text: "KV-cache" });
    expect(p.paper.title.slice(hit.start, hit.end)).toBe("KV-cache");
    expect(m!.match.clauses[1]!.hits[0]).toMatchObject({ field: "cat", text: "cs.DC" });
  });
});

describe("compiled topics can be shared", () => {
  it("accepts a compiled topic", () => {
    const compiled: CompiledTopic = (compileTopicText("moe") as { ok: true; topic: CompiledTopic }).topic;
    const index = new TopicIndex<number>();
    index.add(7, compiled);
    expect(index.matchPaper(paper({ abstract: "mixture-of-experts" })).map((m) => m.id)).toEqual([7]);
  });
});

describe("flexible phrases are filed under keys every match contains", () => {
  it.each([
    ["time series forecasting", "We study forecasting of multivariate time series."],
    ["knowledge distillation", "Distilling knowledge from a teacher helps."],
    ["object detection", "A DETR variant for drones."],
  ])("%s ← %s", (topic, abstract) => {
    const index = new TopicIndex<number>();
    index.add(1, topic);
    expect(index.matchPaper(preparePaper(paper({ abstract }))).map((m) => m.id)).toEqual([1]);
  });
});
