/** Matching as evidence: passing roles, sentences, acronym senses, concept paths and strictness. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type MatchStrictness } from "../../src/core/channel.js";
import { createChannelMatcher } from "../../src/core/channel-matcher.js";
import type { Paper } from "../../src/core/paper.js";
import { createTopicTools } from "../../src/core/topic-tools.js";
import { topicEvidence } from "../../src/core/topics/engine/evidence.js";
import { explain } from "../../src/core/topics/engine/explain.js";
import { describeMatch } from "../../src/core/topics/engine/match.js";
import { passingRole } from "../../src/core/topics/engine/passing-roles.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { sentenceAround } from "../../src/core/topics/engine/sentences.js";
import { openStore } from "../../src/store/open-store.js";
import { makeArchivedPaper } from "../helpers/papers.js";
import { compiled, paper } from "./topics-fixtures.js";

/** The evidence of `topic` in a paper with the given fields (null when the topic does not occur). */
function evidence(topic: string, fields: Partial<Paper>) {
  const t = compiled(topic);
  const p = preparePaper(paper(fields));
  const match = describeMatch(t, p);
  return match.clauses.every((c) => c.hits.length > 0) ? topicEvidence(t, p, match) : null;
}

const score = (topic: string, fields: Partial<Paper>): number => evidence(topic, fields)?.score ?? 0;

describe("passing roles: the words around a hit in its sentence", () => {
  it.each([
    ["list: such as", "We compare baselines such as CLIP, BLIP and LLaVA.", "LLaVA", "list"],
    ["list: e.g.", "Several methods (e.g. knowledge distillation) exist.", "knowledge distillation", "list"],
    ["list: including", "Many techniques, including pruning, reduce cost.", "pruning", "list"],
    ["contrast: unlike", "Unlike knowledge distillation, our method needs no teacher.", "knowledge distillation", "contrast"],
    ["contrast: rather than", "We merge tokens rather than pruning them.", "pruning", "contrast"],
    ["contrast: beyond", "This goes beyond pruning in scope.", "pruning", "contrast"],
    ["comparison: compared with", "Compared with speculative decoding, it is faster.", "speculative decoding", "comparison"],
    ["comparison: X baselines", "It beats pruning baselines by 2 points.", "pruning", "comparison"],
    ["prior work", "Prior work on continual learning ignores this.", "continual learning", "prior work"],
    ["outlook: future work", "Future work on pruning is left open.", "pruning", "outlook"],
  ])("%s", (_, sentence, term, role) => {
    const at = sentence.indexOf(term);
    expect(passingRole(sentence, at, at + term.length)?.role).toBe(role);
  });

  it.each([
    ["the subject of the sentence", "We propose a pruning method for LLMs.", "pruning"],
    ["a cue too far before the hit", "Unlike most recent approaches that train large dense networks for many days, we study pruning.", "pruning"],
    ["a cue in another clause", "Unlike others, we do this: pruning the network.", "pruning"],
  ])("no role: %s", (_, sentence, term) => {
    const at = sentence.indexOf(term);
    expect(passingRole(sentence, at, at + term.length)).toBeNull();
  });
});

describe("sentences", () => {
  it("end at full stops, but not after an abbreviation such as e.g.", () => {
    const text = "First one. Models, e.g. CLIP, work. Last";
    const at = text.indexOf("CLIP");
    const sentence = sentenceAround(text, at, at + 4);
    expect(text.slice(sentence.start, sentence.end).trim()).toBe("Models, e.g. CLIP, work.");
  });
});

describe("evidence of one topic", () => {
  it("a title hit outweighs body sentences, and a TL;DR hit counts more than one sentence", () => {
    expect(score("pruning", { title: "Pruning LLMs" })).toBeGreaterThan(score("pruning", { abstract: "We use pruning. Pruning helps." }));
    expect(score("pruning", { tldr: "A pruning method." })).toBeGreaterThan(score("pruning", { abstract: "A pruning method." }));
  });

  it("a body sentence counts once, however often it repeats the term", () => {
    expect(score("pruning", { abstract: "pruning, pruning and pruning" })).toBe(score("pruning", { abstract: "pruning" }));
    expect(score("pruning", { abstract: "We prune. Pruning helps." })).toBe(2 * score("pruning", { abstract: "pruning" }));
  });

  it("the generated summaries do not add to what the abstract already says", () => {
    const abstract = "We propose a pruning method.";
    expect(score("pruning", { abstract, method: "A pruning method.", result: "Pruning works." })).toBe(score("pruning", { abstract: "We propose a pruning method. Pruning works." }));
    expect(score("pruning", { abstract, method: "A pruning method." })).toBe(score("pruning", { abstract }));
  });

  it("a passing mention counts little", () => {
    expect(score("knowledge distillation", { abstract: "Unlike knowledge distillation, we train one model." })).toBeLessThan(score("knowledge distillation", { abstract: "We use knowledge distillation to train one model." }));
  });

  it("an acronym the paper defines as something else is no evidence; its own expansion is", () => {
    expect(score("ASR", { abstract: "The attack success rate (ASR) rises to 0.9. ASR is high." })).toBe(0);
    expect(score("ASR", { abstract: "Automatic speech recognition (ASR) is hard. ASR errors matter." })).toBeGreaterThan(1);
    expect(explain("ASR", paper({ abstract: "The attack success rate (ASR) rises to 0.9." }), "broad")).toMatchObject({ matched: false, summary: expect.stringContaining("'ASR' is defined here as 'attack success rate'") });
  });

  it("one clean term per clause, without punctuation, the title's form first", () => {
    expect(evidence("kv cache", { abstract: "the (KV) caches grow. KV caches again." })?.clauses[0]?.term).toBe("KV caches");
    expect(evidence("kv cache", { title: "KV-Cache Offloading", abstract: "kv cache, kv cache" })?.clauses[0]?.term).toBe("KV-Cache");
  });
});

describe("the concept table", () => {
  it("a named kind of the concept matches, a little below the concept's own name, with its path", () => {
    const detr = evidence("object detection", { title: "DETR for drones" });
    expect(detr?.score).toBeGreaterThan(0);
    expect(detr!.score).toBeLessThan(score("object detection", { title: "Object detection for drones" }));
    expect(detr?.clauses[0]?.reasons).toContain("DETR — a kind of object detection");
    expect(evidence("state space models", { title: "Mamba in vision" })?.clauses[0]?.reasons).toContain("Mamba — a kind of state space model");
  });

  it("only a topic that IS the concept gets its members", () => {
    expect(evidence("real-time object detection", { title: "DETR for drones" })).toBeNull();
    expect(evidence('"object detection"', { title: "DETR for drones" })).toBeNull();
  });

  it("a member typed in capitals counts only in capitals", () => {
    expect(score("vision-language models", { abstract: "We cut each video clip into frames." })).toBe(0);
    expect(score("vision-language models", { abstract: "We fine-tune CLIP on frames." })).toBeGreaterThan(0);
  });

  it("a one-word member matches only itself: `agentic` is not every agent", () => {
    expect(evidence("LLM agents", { abstract: "Reinforcement learning agents play games." })).toBeNull();
    expect(evidence("LLM agents", { abstract: "An agentic system writes code." })).not.toBeNull();
  });
});

describe("strictness: the channel's `match` setting as a threshold", () => {
  const archived = (id: string, fields: Partial<Paper>) => makeArchivedPaper(id, "2026-01-01", fields);
  const papers = [
    archived("2601.00001", { title: "Pruning large models", abstract: "We prune." }),
    archived("2601.00002", { abstract: "We propose a pruning method for transformers." }),
    archived("2601.00003", { abstract: "Methods such as pruning exist; we quantize instead." }),
  ];
  const topics = [{ id: 1, channelId: "", text: "pruning", createdAt: "" }];
  const ids = (strictness: MatchStrictness) => createTopicTools().matchTopics(topics, papers, strictness).map((m) => m.paper.id).sort();

  it.each<[MatchStrictness, string[]]>([
    ["strict", ["2601.00001"]],
    ["balanced", ["2601.00001", "2601.00002"]],
    ["broad", ["2601.00001", "2601.00002", "2601.00003"]],
  ])("%s", (strictness, expected) => {
    expect(ids(strictness)).toEqual(expected);
  });

  it("why says when a topic is below the channel's threshold", () => {
    const summary = createTopicTools().explain(topics, papers[2]!, "balanced")[0];
    expect(summary?.matched).toBe(false);
    expect(summary?.reasons[0]).toMatch(/below the balanced threshold .*only mentioned in passing: '…Methods such as pruning/);
  });

  const dir = mkdtempSync(join(tmpdir(), "paperboy-evidence-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("the channel matcher applies each channel's own setting, read on every call", async () => {
    const store = await openStore(`sqlite:${join(dir, "archive.db")}`);
    try {
      await store.migrate();
      const strict = await store.ensureChannel({ platform: "console", workspace: "", channel: "strict" }, { ...DEFAULT_SETTINGS, match: "strict" });
      const broad = await store.ensureChannel({ platform: "console", workspace: "", channel: "broad" }, { ...DEFAULT_SETTINGS, match: "broad" });
      await store.addTopics(strict.id, ["pruning"]);
      await store.addTopics(broad.id, ["pruning"]);
      const matcher = createChannelMatcher(store);
      const matched = async (id: string) => ((await matcher.matchAll(papers)).get(id) ?? []).map((m) => m.paper.id).sort();
      expect(await matched(strict.id)).toEqual(["2601.00001"]);
      expect(await matched(broad.id)).toEqual(["2601.00001", "2601.00002", "2601.00003"]);
      await store.updateSettings(strict.id, { match: "balanced" });
      expect(await matched(strict.id)).toEqual(["2601.00001", "2601.00002"]);
    } finally {
      await store.close();
    }
  });
});
