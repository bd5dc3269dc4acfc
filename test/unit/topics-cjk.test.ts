import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { AMBIGUOUS_CJK } from "../../src/core/topics/engine/cjk-bridges.js";
import { matchNaive } from "../../src/core/topics/reference/naive.js";
import { TopicIndex } from "../../src/core/topics/index/topic-index.js";
import { clauseHits, verifyTopic } from "../../src/core/topics/engine/match.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { segmentCjk } from "../../src/core/topics/text/segment.js";
import { SYNONYM_GROUPS } from "../../src/core/topics/engine/synonyms.js";
import { hasCjk } from "../../src/core/topics/text/text.js";
import { compiled, paper } from "./topics-fixtures.js";

type Row = [name: string, topic: string, fields: Partial<Paper>, matches: boolean];

/** Papers here have a Chinese title unless a row gives one: no English text unless the row adds it. */
function check([, topic, fields, expected]: Row): void {
  const p = paper({ title: "论文", ...fields });
  expect(verifyTopic(compiled(topic), preparePaper(p)) !== null).toBe(expected);
}

describe("segmentation: words with spans", () => {
  it.each([
    ["细节能力", ["细节", "能力"]],
    ["本文采用联邦学习框架", ["本文", "采用", "联邦", "学习", "框架"]],
    ["压缩KV-缓存", ["压缩", "KV", "-", "缓存"]],
  ])("%s", (text, words) => {
    const segments = segmentCjk(text);
    expect(segments.map((s) => s.word)).toEqual(words);
    for (const s of segments) expect(text.slice(s.start, s.end)).toBe(s.word);
  });
});

describe("rule 5: CJK terms match whole segmented words", () => {
  it.each<Row>([
    ["节能 is not inside 细节能力", "节能", { tldr: "提升了模型的细节能力" }, false],
    ["节能 as a word", "节能", { tldr: "一种节能的硬件设计" }, true],
    ["联邦学习 in a sentence", "联邦学习", { tldr: "本文采用联邦学习框架进行训练" }, true],
    ["a term spanning two segmented words (联邦/学习)", "联邦学习", { motivation: "现有联邦学习方法效率低" }, true],
    ["a term that is half of a word run is not matched across a word boundary", "邦学", { tldr: "本文采用联邦学习框架" }, false],
    ["punctuation between the characters still separates words", "节能", { tldr: "细节，能力" }, false],
    ["mixed Latin and CJK", "KV缓存", { tldr: "压缩KV 缓存的方法" }, true],
    ["Latin glued to the term", "KV缓存", { tldr: "压缩KV-缓存" }, true],
    ["kana: substring, as before", "データ", { tldr: "ビッグデータ解析" }, true],
    ["hangul: substring, as before", "학습", { tldr: "연합학습 방법" }, true],
  ])("%s: %s", (...row) => check(row));

  it("the hit's span is the matched word in the original text", () => {
    const text = "我们，采用 联邦学习。";
    const p = preparePaper(paper({ title: "论文", tldr: text }));
    const hits = clauseHits(compiled('"联邦学习"').clauses[0]!, p);
    expect(hits.map((h) => text.slice(h.start, h.end))).toEqual(["联邦学习"]);
  });

  it("the index finds exactly what the naive matcher finds", () => {
    const topics = ["节能", "联邦学习", "能力", "推理", "蒸馏"];
    const papers = [
      paper({ title: "论文", tldr: "提升了模型的细节能力" }),
      paper({ title: "论文", tldr: "一种节能的联邦学习方法" }),
      paper({ title: "A reasoning benchmark for models", tldr: "提升推理能力" }),
      paper({ title: "论文", tldr: "使用知识蒸馏" }),
    ].map(preparePaper);
    const index = new TopicIndex<number>();
    topics.forEach((t, i) => index.add(i, t));
    const fromIndex = index.matchPapers(papers).map((m) => m.matches.map((x) => x.id).sort());
    const naive = matchNaive(topics.map((t, i) => ({ id: i, topic: compiled(t) })), papers).map((m) => m.matches.map((x) => x.id).sort());
    expect(fromIndex).toEqual(naive);
    expect(naive).toEqual([[2], [0, 1], [2], [4]]);
  });
});

describe("rule 5: ambiguous translations need the English text to agree", () => {
  const reasoning = "We study multi-step reasoning in large language models.";
  const inference = "We speed up LLM inference on edge GPUs.";
  it.each<Row>([
    ["推理 with 'reasoning' in the abstract", "推理", { title: "Thinking Models", tldr: "提升模型的推理能力", abstract: reasoning }, false],
    ["推理 with 'inference' in the abstract", "推理", { title: "Fast Models", tldr: "加速模型推理", abstract: inference }, true],
    ["推理 in a Chinese-only paper", "推理", { tldr: "加速模型推理" }, true],
    ["a Chinese title quoting an acronym is no English text", "推理", { title: "基于LLM的推理加速" }, true],
    ["confirmation also from the title", "推理", { title: "Inference at the Edge of Scale", tldr: "边缘推理", abstract: "We study it." }, true],
    ["quoted: the characters exactly, no confirmation", '"推理"', { title: "Thinking Models", tldr: "推理能力", abstract: reasoning }, true],
    ["代理 = proxy is not an agent", "代理", { title: "Proxy Models", tldr: "使用代理模型评估", abstract: "A proxy model predicts accuracy." }, false],
    ["代理 = agent", "代理", { title: "Web Agents", tldr: "网页代理", abstract: "An LLM agent browses the web." }, true],
    ["蒸馏 used loosely", "蒸馏", { title: "Scene Graphs", tldr: "蒸馏出关键信息", abstract: "We extract key facts from scenes." }, false],
    ["蒸馏 confirmed by 'distillation'", "蒸馏", { title: "Small Students", tldr: "知识蒸馏", abstract: "Distillation of a teacher into a student." }, true],
    ["'distill' = extract does not confirm 蒸馏", "蒸馏", { title: "Agent Memory", tldr: "蒸馏出经验", abstract: "We distill reusable insights from past runs." }, false],
    ["蒸馏 also finds English-only papers", "蒸馏", { title: "Knowledge Distillation for Detection", abstract: "x" }, true],
    ["unambiguous terms need no confirmation", "联邦学习", { title: "A Study of Privacy", tldr: "联邦学习", abstract: "We study privacy in distributed training." }, true],
    ["a confirmed term must still be a word", "蒸馏", { title: "Distillation", tldr: "蒸馏器" }, true],
  ])("%s: %s", (...row) => check(row));

  it("every one-way Chinese member of the synonym table is flagged ambiguous", () => {
    const flagged = new Set(AMBIGUOUS_CJK.map((e) => e.term));
    const oneWay = SYNONYM_GROUPS.flatMap((g) => g.oneWay ?? []).filter(hasCjk);
    expect(oneWay.length).toBeGreaterThan(0);
    for (const term of oneWay) expect(flagged, term).toContain(term);
  });

  it("every flagged entry names its English forms and its other senses", () => {
    for (const entry of AMBIGUOUS_CJK) {
      expect(hasCjk(entry.term), entry.term).toBe(true);
      expect(entry.english.length, entry.term).toBeGreaterThan(0);
      for (const form of entry.english) expect(hasCjk(form), form).toBe(false);
      expect(entry.otherSenses.length, entry.term).toBeGreaterThan(0);
    }
  });
});
