/**
 * The reviewed table of AMBIGUOUS Chinese bridge words: Chinese terms whose English translation depends
 * on the sense (推理 is "inference" in a systems paper and "reasoning" in an LLM paper). Chinese TL;DRs
 * are machine-written and use such words loosely, so a topic's ambiguous term counts in a paper only when
 * the paper's English text (title, abstract) carries the English form — or when the paper has no English
 * text at all, where the Chinese word is all there is. The English forms are also matched directly: a
 * topic 蒸馏 finds "distillation" in English-only digests too.
 *
 * Every `oneWay` Chinese member of the synonym table (synonyms.ts) must be listed here (a test checks):
 * that flag says "do not add this to English topics" for the same reason.
 */
export interface AmbiguousCjk {
  /** The Chinese word as written (one table per term; folded like any topic term). */
  term: string;
  /**
   * English forms that confirm it, in topic syntax: bare words match their inflections and synonyms, a
   * quoted form only itself.
   */
  english: string[];
  /** The other senses, the reason the word is ambiguous (for review). */
  otherSenses: string;
}

export const AMBIGUOUS_CJK: readonly AmbiguousCjk[] = [
  { term: "推理", english: ["inference"], otherSenses: "reasoning (推理能力), logical deduction" },
  { term: "代理", english: ["agent"], otherSenses: "proxy (代理模型 = surrogate/proxy model), delegate" },
  { term: "智能体", english: ["agent"], otherSenses: "RL and game-theory agents, embodied robots" },
  { term: "蒸馏", english: ['"distillation"', '"distillations"', "knowledge distillation"], otherSenses: "'distil' = extract (distill insights, R1-Distill models), loose use in generated summaries" },
  { term: "量化", english: ["quantization"], otherSenses: "quantitative (量化分析, 量化评估)" },
  { term: "稀疏", english: ["sparse", "sparsity"], otherSenses: "sparse views, sparse rewards, sparse annotations" },
  { term: "注意力", english: ["attention"], otherSenses: "human or visual attention, attention as focus" },
  { term: "注意力机制", english: ["attention"], otherSenses: "attention in the everyday sense" },
  { term: "大模型", english: ["LLM", "large model", "foundation model"], otherSenses: "any large vision or multimodal model" },
  { term: "微调", english: ["fine-tuning", "finetuning"], otherSenses: "small adjustment, calibration" },
  { term: "问答", english: ["question answering", "QA"], otherSenses: "dialogue, interview, FAQ" },
  { term: "幻觉", english: ["hallucination"], otherSenses: "optical illusion, perception studies" },
];
