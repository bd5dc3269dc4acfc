import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDigest } from "../../src/core/digest/parse.js";
import type { Paper } from "../../src/core/paper.js";

const dir = new URL("../fixtures/digests/", import.meta.url);
const parseFixture = (name: string) => parseDigest(readFileSync(new URL(name, dir), "utf8"), name);
const noAi = { tldr: null, motivation: null, method: null, result: null, conclusion: null };

interface Case {
  file: string;
  behaviour: string;
  date: string | null;
  format: "markdown" | "jsonl";
  papers: Partial<Paper>[];
  /** `code@line` of every warning, in order. */
  warnings: string[];
}

const cases: Case[] = [
  {
    file: "2025-12-11-current-template.md",
    behaviour: "current template: sections, Main category, details block, one-line paragraphs",
    date: "2025-12-11",
    format: "markdown",
    papers: [
      {
        id: "2512.09277",
        title: "Efficient MoE Serving in the Memory-Bound Regime: Balance Activated Experts, Not Tokens",
        authors: ["Yanpeng Yu", "Haiyue Ma", "Krish Agarwal"],
        categories: ["cs.DC"],
        url: "https://arxiv.org/abs/2512.09277",
        tldr: "METRO提出了一种新的令牌路由算法，用于内存受限的MoE模型服务。",
        motivation: "现有专家并行方法通过平衡各GPU处理的令牌数量来解决负载不均衡问题。",
        method: "提出METRO算法，在内存受限场景下平衡每个GPU上激活的专家数量而非令牌数量。",
        result: "METRO相比EPLB将解码延迟降低11-22%。",
        conclusion: "平衡专家激活数量比平衡令牌数量更有效。",
        abstract:
          "Expert Parallelism (EP) permits Mixture of Experts (MoE) models to scale beyond a single GPU. To address load imbalance across GPUs in EP, existing approaches aim to balance the number of tokens each GPU processes.\n\nWe propose Minimum Expert Token ROuting, a novel token-routing algorithm for high-performance expert-parallel MoE serving in the memory-bound regime.",
      },
      { id: "2512.09202", categories: ["cs.LG"], authors: ["Jinming Lu", "Jiayi Tian", "Yequan Zhao", "Hai Li", "Zheng Zhang"] },
    ],
    warnings: [],
  },
  {
    file: "2025-03-20-task-template.md",
    behaviour: "March 2025 template: Task: as TL;DR, no TOC/[N]/Main category, Motivation outside <details>, wrapped abstract",
    date: "2025-03-20",
    format: "markdown",
    papers: [
      {
        id: "2503.14603",
        categories: [],
        tldr: "构建高质量的企业阿拉伯语应用大语言模型（LLMs）",
        motivation: "由于阿拉伯语数字化数据的有限可用性，构建高质量的企业阿拉伯语应用大语言模型仍然具有挑战性。",
        method: "提出了一种数据合成和精炼策略。",
        abstract:
          "Building high-quality large language models (LLMs) for enterprise Arabic applications remains challenging due to the limited availability of digitized Arabic data.",
      },
      { id: "2503.14620", tldr: "评估搜索扩展生成机制对生成帖子和回复能力的影响。", conclusion: "提出的机制能够有效生成自然的帖子和回复。" },
    ],
    warnings: [],
  },
  {
    file: "2025-04-20-tldr-template.md",
    behaviour: "April 2025 template: TLDR: label",
    date: "2025-04-20",
    format: "markdown",
    papers: [{ id: "2504.12308", categories: ["cs.CL"], tldr: "研究探讨了隐私掩码技术在数据隐私中的应用。", conclusion: "需改进模型性能评估标准。" }],
    warnings: [],
  },
  {
    file: "2025-09-08-placeholders.md",
    behaviour: "failed AI fields (Error, newer placeholders, empty values) become null; wrapped abstract keeps its paragraph break",
    date: "2025-09-08",
    format: "markdown",
    papers: [
      { id: "2509.04883", ...noAi, abstract: "Blinks in electroencephalography (EEG) are often treated as unwanted artifacts. However, recent studies have demonstrated that blink rate and its variability are important physiological markers." },
      {
        id: "2603.18480",
        ...noAi,
        categories: ["cs.CV"],
        abstract:
          "Large language models (LLMs) rely on key-value (KV) caches for efficient autoregressive decoding; however, cache size grows linearly with context length.\n\nWe propose a simple, yet effective, KV cache compression framework based on attention-guided, layer-adaptive composite tokens.",
      },
      { id: "2603.18481", ...noAi, abstract: null },
    ],
    warnings: [],
  },
  {
    file: "2026-03-21-all-failed.md",
    behaviour: "a day where every entry failed still yields every paper, without AI fields",
    date: "2026-03-21",
    format: "markdown",
    papers: [
      { id: "2603.18480", ...noAi, abstract: "Inferring human engagement from gameplay video is important for game design." },
      { id: "2603.18481", ...noAi, authors: ["Aditi Naiknaware", "Salimeh Sekeh"] },
    ],
    warnings: [],
  },
  {
    file: "2026-02-14-toc-only.md",
    behaviour: "the 41-byte table-of-contents-only digest is zero papers, no error",
    date: "2026-02-14",
    format: "markdown",
    papers: [],
    warnings: [],
  },
  {
    file: "2026-05-06-tricky-titles.md",
    behaviour: "titles with ], [ and ]( and LaTeX; authors with * and _; empty author list",
    date: "2026-05-06",
    format: "markdown",
    papers: [
      { id: "2605.03031", title: "Cyclic codes over the ring Z2[u,v](u2(1+u),v2(1+v2))", authors: ["Abdul Aziz Snoubara", "Baraa Al_Maradni", "Haya Al_Naal"], categories: ["cs.IT"] },
      {
        id: "2512.23324",
        title: "On Conformant Planning and Model-Checking of $\\exists^*\\forall^*$ Hyperproperties",
        authors: ["Jane *Star* Doe", "_Under_Score_"],
        categories: ["cs.LO"],
        tldr: "研究$μ\\mathsf{P}$超性质的规划。",
      },
      { id: "2601.19622", title: "[Re] Algorithmic Prompt-Augmentation for A* Search [and more]", categories: ["cs.AI"] },
      { id: "2601.00329", title: "Sparse Coalition Structure Generation: $\\ell_1$ Relaxations", authors: [] },
    ],
    warnings: [],
  },
  {
    file: "2026-01-02-multiline-fields.md",
    behaviour: "multi-line fields keep lists and paragraph breaks; control characters are stripped and reported",
    date: "2026-01-02",
    format: "markdown",
    papers: [
      {
        id: "2601.00001",
        method: "1. 构建IMDD-1M数据集。\n2. 训练扩散式视觉语言基础模型。\n3. 轻量级微调。",
        result: "1. 创建了首个数据集。\n\n2. 模型仅需5%以下的数据，损失为 rac{1}{2}。",
        conclusion: "数据集为工业检测提供了可扩展的方案。",
        abstract: "We present IMDD-1M, the first large-scale Industrial Multimodal Defect Dataset comprising 1,000,000 aligned image-text pairs.",
      },
    ],
    warnings: ["control_chars@31"],
  },
  {
    file: "2026-01-20-duplicates.md",
    behaviour: "a paper twice in one file (even with a version suffix) is kept once, the first, with a warning",
    date: "2026-01-20",
    format: "markdown",
    papers: [
      { id: "2512.09309", tldr: "第一次出现。", categories: ["cs.DC"] },
      { id: "2512.09202", tldr: "第三个条目。" },
    ],
    warnings: ["duplicate_paper@25"],
  },
  {
    file: "2025-11-03-fork-template.md",
    behaviour: "a fork's template: bold labels, unknown fields skipped with one warning, section as category, bad heading skipped",
    date: "2025-11-03",
    format: "markdown",
    papers: [
      {
        id: "2511.01234",
        categories: ["cs.RO"],
        tldr: "Robots learn dexterous skills from human videos.",
        motivation: "Videos of humans are abundant.",
        method: "Retarget hand poses to a robot hand.",
        result: "80% success on five tasks.",
        conclusion: "Video is a scalable source of robot skills.",
        abstract: "We learn dexterous manipulation from human video.",
      },
      { id: "2511.04321", categories: ["cs.RO"], tldr: "冰面上的腿式运动。", abstract: "We study legged locomotion on ice." },
    ],
    warnings: ["unknown_field@17", "bad_entry@31"],
  },
  {
    file: "2026-02-02-ids.md",
    behaviour: "versions are dropped from ids and links, old-style ids kept (link built from the id), an invalid id skips the entry",
    date: "2026-02-02",
    format: "markdown",
    papers: [
      { id: "2510.08567", url: "https://arxiv.org/abs/2510.08567" },
      { id: "math/0601001", categories: ["math.AG"], url: "https://arxiv.org/abs/math/0601001" },
      { id: "math.GT/0309136", categories: [], url: "https://arxiv.org/abs/math.GT/0309136" },
    ],
    warnings: ["bad_entry@20"],
  },
  {
    file: "2026-01-15_AI_enhanced_Chinese.jsonl",
    behaviour: "JSONL: cross-lists, comment/pdf/code fields, placeholders, `task`, bad lines and duplicates",
    date: "2026-01-15",
    format: "jsonl",
    papers: [
      {
        id: "2601.09291",
        categories: ["cs.GR", "cs.CV"],
        authors: ["Sooyeun Yang", "Cheyul Im", "Jee Won Lee"],
        url: "https://arxiv.org/abs/2601.09291",
        method: "1. 多视角一致性\n2. 空间关系",
        abstract:
          "3D Gaussian Splatting (3DGS) is a technique to create high-quality, real-time 3D scenes from images.\n\nWe introduce TIDI-GS, a new training framework designed to eliminate these floaters.",
        comment: "Accepted at 3DV 2026",
        pdfUrl: "https://arxiv.org/pdf/2601.09291",
        codeUrl: "https://github.com/example/tidi-gs",
        codeStars: 123,
      },
      { id: "2602.24024", ...noAi, comment: null, codeUrl: null, codeStars: null },
      { id: "2503.14603", tldr: "构建高质量的企业阿拉伯语应用大语言模型", abstract: "Building high-quality large language models (LLMs) for enterprise Arabic applications remains challenging." },
    ],
    warnings: ["bad_record@2", "bad_record@6", "duplicate_paper@7"],
  },
  {
    file: "2026-01-16_AI_enhanced_.jsonl",
    behaviour: "JSONL named with an empty language still carries its date",
    date: "2026-01-16",
    format: "jsonl",
    papers: [{ id: "2602.24024", categories: ["cs.GT"] }],
    warnings: [],
  },
];

describe("digest fixtures", () => {
  it.each(cases)("$file: $behaviour", (c) => {
    const digest = parseFixture(c.file);
    expect(digest.date).toBe(c.date);
    expect(digest.format).toBe(c.format);
    expect(digest.papers).toHaveLength(c.papers.length);
    c.papers.forEach((expected, i) => expect(digest.papers[i]).toMatchObject(expected));
    expect(digest.warnings.map((w) => `${w.code}@${w.line}`)).toEqual(c.warnings);
    for (const w of digest.warnings) expect(w.message.length).toBeGreaterThan(0);
  });

  it("every fixture paper has the full Paper shape with no placeholder text", () => {
    for (const c of cases) {
      for (const p of parseFixture(c.file).papers) {
        expect(Object.keys(p)).toEqual(expect.arrayContaining(["id", "title", "authors", "categories", "url", "tldr", "motivation", "method", "result", "conclusion", "abstract"]));
        for (const v of [p.tldr, p.motivation, p.method, p.result, p.conclusion, p.abstract]) {
          expect(v === null || !/^(Error|Summary generation failed|Processing failed)$/.test(v)).toBe(true);
        }
      }
    }
  });
});

describe("files that are not digests", () => {
  it.each([
    ["not-a-digest-binary.md", /binary content/],
    ["not-a-digest-random.md", /no table of contents/],
    ["not-a-digest-page.md", /HTML/],
    ["not-a-digest-array.jsonl", /JSON array/],
    ["not-a-digest-pretty.jsonl", /no line is a paper record/],
  ])("%s is rejected as not_a_digest naming the file", (file, reason) => {
    expect(() => parseFixture(file)).toThrow(expect.objectContaining({ code: "not_a_digest", message: expect.stringMatching(reason) }));
    expect(() => parseFixture(file)).toThrow(new RegExp(`^${file.replace(".", "\\.")}: `));
  });
});
