/**
 * Evidence rules against sense errors: Chinese passing cues, negation / comparison / tool roles, hyphen
 * compounds that stay together, summaries without abstract support, bare acronyms, members in capitals.
 */
import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { topicEvidence } from "../../src/core/topics/engine/evidence.js";
import { hyphenCompounds, keepsCompounds } from "../../src/core/topics/engine/hyphen-compounds.js";
import { describeMatch } from "../../src/core/topics/engine/match.js";
import { passingRole } from "../../src/core/topics/engine/passing-roles.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { compiled, paper } from "./topics-fixtures.js";

function evidence(topic: string, fields: Partial<Paper>) {
  const t = compiled(topic);
  const p = preparePaper(paper(fields));
  const match = describeMatch(t, p);
  return match.clauses.every((c) => c.hits.length > 0) ? topicEvidence(t, p, match) : null;
}

const score = (topic: string, fields: Partial<Paper>): number => evidence(topic, fields)?.score ?? 0;

const roleOf = (sentence: string, term: string) => {
  const at = sentence.indexOf(term);
  if (at < 0) throw new Error(`no ${term} in ${sentence}`);
  return passingRole(sentence, at, at + term.length)?.role ?? null;
};

describe("passing roles in Chinese text: reach counted in characters", () => {
  it.each([
    ["list: 如", "传统token压缩方法（如token剪枝、合并、增大补丁尺寸）会丢弃背景信息", "剪枝", "list"],
    ["list: 例如", "现有工作例如知识蒸馏需要教师模型", "知识蒸馏", "list"],
    ["list: X等", "长上下文场景（RAG和ICL等）效率低", "ICL", "list"],
    ["contrast: 无需", "无需教师蒸馏即可生成高质量视频", "蒸馏", "contrast"],
    ["contrast: 而非", "采用多模态大语言模型嵌入器，而非CLIP风格编码器", "CLIP", "contrast"],
    ["comparison: 优于", "优于先前蒸馏和自合成方法", "蒸馏", "comparison"],
    ["tool: 利用X进行评估", "支持开集评估，利用视觉语言模型进行可扩展评估", "视觉语言模型", "tool"],
    ["tool: 通过X评估", "通过LLaVA-OV和GPT-4V评估显示，GIST更和谐", "LLaVA", "tool"],
    ["prior work: 现有方法", "现有方法（融合方法、大视觉语言模型上下文学习）存在局限", "上下文学习", "prior work"],
  ])("%s", (_, sentence, term, role) => {
    expect(roleOf(sentence, term)).toBe(role);
  });

  it.each([
    ["the subject of the sentence", "本文提出一种新的剪枝方法", "剪枝"],
    ["the object of an evaluation", "我们对视觉语言模型进行全面评估", "视觉语言模型"],
    ["a use without judging", "利用视觉语言模型进行推理", "视觉语言模型"],
    ["如 as part of 如何 (how)", "研究如何剪枝大模型", "剪枝"],
    ["a cue before a Chinese comma", "包括三部分，蒸馏模块负责压缩", "蒸馏"],
    ["a cue too far before the hit", "如图所示，在大规模实验中我们的方法显著减少了计算量并采用剪枝", "剪枝"],
  ])("no role: %s", (_, sentence, term) => {
    expect(roleOf(sentence, term)).toBeNull();
  });
});

describe("passing roles in English: negation, comparison, prior approaches, tools", () => {
  it.each([
    ["negation: eliminating the need for", "A cycle objective bounds errors, eliminating the need for teacher-based distillation.", "distillation", "contrast"],
    ["negation: no X", "Inference takes 3 steps with no distillation.", "distillation", "contrast"],
    ["negation: instead depending on", "It neglects structure, instead depending on embeddings or vision-language models.", "vision-language models", "contrast"],
    ["comparison: at par with", "Our models perform at par with in-context learning from GPT-4o.", "in-context learning", "comparison"],
    ["comparison: within N points of", "Accuracy falls within 2-6 points of full in-context learning.", "in-context learning", "comparison"],
    ["prior approaches as subject", "Prior approaches, from fusion-based methods to in-context learning with LVLMs, are limited.", "in-context learning", "prior work"],
    ["tool: as a judge", "We score answers with GPT-4o as a judge.", "GPT-4o", "tool"],
    ["tool: X judges", "Responses are rated by three VLM judges.", "VLM", "tool"],
    ["tool: X score", "We report FID and CLIP score.", "CLIP", "tool"],
    ["negation: does not rely on", "Pinpoint does not rely on multimodal large-language models.", "multimodal large-language models", "contrast"],
    ["tool: validated by", "Gains are validated by LLaVA-OV and GPT-4V ratings.", "LLaVA", "tool"],
    ["tool: evaluated by", "Captions are evaluated by a VLM.", "VLM", "tool"],
  ])("%s", (_, sentence, term, role) => {
    expect(roleOf(sentence, term)).toBe(role);
  });

  it.each([
    ["no as a determiner far from the hit", "There is no free lunch in model compression by pruning.", "pruning"],
    ["a judge that is the subject of study", "We study whether VLMs can be trusted.", "VLMs"],
  ])("no role: %s", (_, sentence, term) => {
    expect(roleOf(sentence, term)).toBeNull();
  });
});

describe("hyphen compounds stay together", () => {
  it.each([
    ["in-context learning", "in-context learning improves", true],
    ["in-context learning", "learning in context, in context learning", true],
    ["in-context learning", "in the context of learning to guide", false],
    ["vision-language models", "vision MoE (ImageNet) and language models", false],
    ["vision-language models", "VisionLanguage models", true],
    ["in-context learning", "ICL", true],
    ["kv cache", "cache of the kv", true],
  ])("%s in '%s': %s", (topic, text, expected) => {
    expect(keepsCompounds(hyphenCompounds(topic), text)).toBe(expected);
  });

  it("a flexible hit that splits the compound is no evidence; one that keeps it is", () => {
    expect(score("in-context learning", { abstract: "We work in the context of learning to guide, a framework." })).toBe(0);
    expect(score("vision-language models", { abstract: "Experiments on vision MoE (ImageNet) and language models validate it." })).toBe(0);
    expect(score("in-context learning", { abstract: "We study in-context learning in transformers." })).toBeGreaterThanOrEqual(1);
    expect(evidence("in-context learning", { abstract: "We work in the context of learning to guide." })?.clauses[0]?.reasons.join(" ")).toContain("stand apart");
  });
});

describe("the TL;DR and summaries need the title or the abstract behind them", () => {
  it.each<[string, Partial<Paper>, "below" | "at least"]>([
    ["a TL;DR hit alone", { tldr: "Prunes Gaussians outside the surface band.", abstract: "We reconstruct surfaces with 3D Gaussians." }, "below"],
    ["three summary sentences alone", { abstract: "An essay on science.", method: "Argues for continual learning.", result: "Continual learning matters.", conclusion: "Continual learning is key." }, "below"],
    ["a TL;DR hit with an abstract sentence", { tldr: "A pruning method.", abstract: "We propose a pruning method." }, "at least"],
    ["a TL;DR hit of a paper without an abstract", { tldr: "Prunes Gaussians outside the surface band." }, "at least"],
    ["a Chinese term without an English form, in an English abstract's paper", { tldr: "提出一种图像去噪框架", abstract: "We build a robot that acts in homes." }, "at least"],
  ])("%s", (_, fields, expected) => {
    const topic = fields.method !== undefined ? "continual learning" : fields.tldr?.includes("去噪") ? "图像去噪" : "pruning";
    if (expected === "below") expect(score(topic, fields)).toBeLessThan(1);
    else expect(score(topic, fields)).toBeGreaterThanOrEqual(1);
  });
});

it("why says when the summaries are unsupported", () => {
  expect(evidence("pruning", { tldr: "Prunes Gaussians.", abstract: "We reconstruct surfaces." })?.clauses[0]?.reasons).toContain("not in the title or an abstract sentence: the TL;DR and summaries count less");
});

describe("a bare acronym needs its expansion's most distinctive word somewhere in the paper", () => {
  it.each<[string, Partial<Paper>, boolean]>([
    ["ASR", { abstract: "The attack lifts mean ASR from 0.278 to 0.731 on aligned LLMs. Mean ASR reaches 0.924." }, false],
    ["ASR", { title: "Long-form speech instruction following", abstract: "Re-ranking is highly effective for ASR." }, true],
    ["knowledge distillation", { abstract: "We propose KD-Brain, a graph model that encodes prior knowledge. KD-Brain reaches the state of the art." }, false],
    ["knowledge distillation", { abstract: "We propose KD for detectors. A teacher is distilled into a student." }, true],
  ])("%s: %j counts: %s", (topic, fields, counts) => {
    if (counts) expect(score(topic, fields)).toBeGreaterThanOrEqual(1);
    else expect(score(topic, fields)).toBeLessThan(1);
  });

  it("says why", () => {
    expect(evidence("ASR", { abstract: "Mean ASR rises to 0.9 under attack." })?.clauses[0]?.reasons).toContain("'ASR' is never spelled out here, nor its words");
  });
});

describe("a member typed in capitals needs capitals in the paper", () => {
  it.each<[string, boolean]>([
    ["We rely on the CT-Clip text encoder for reports.", false],
    ["Clip embeddings are averaged.", false],
    ["We rely on the CLIP text encoder for reports.", true],
    ["We fine-tune LLaVA on charts.", true],
  ])("%s → %s", (abstract, counts) => {
    expect(score("vision-language models", { abstract }) > 0).toBe(counts);
  });
});
