import { describe, expect, it } from "vitest";
import { cjkText, hasCjk, isAcronymTyped, normalizeText, stemWord, tokenize } from "../../src/core/topics/text/text.js";
import { sameWordForm, sharedPrefix } from "../../src/core/topics/text/word-forms.js";

describe("rule 1: normalization", () => {
  it.each([
    ["diacritics are removed", "DéjàVu", "dejavu"],
    ["decomposed diacritics do not split words", "De\u0301ja\u0300Vu", "dejavu"],
    ["NFKC folds full-width letters", "ＲＡＧ", "rag"],
    ["NFKC folds ligatures", "ﬁne-tuning", "fine tuning"],
    ["hyphen, space and slash all separate", "KV-cache KV cache kv/cache", "kv cache kv cache kv cache"],
    ["punctuation separates", "(MoE), LLMs.", "moe llms"],
    ["digits stay in words", "A100 GPUs, FP8", "a100 gpus fp8"],
  ])("%s: %s", (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe("tokenization keeps spans into the original text", () => {
  it("spans cover the original characters, accents included", () => {
    const text = "Évaluer  KV-caches";
    expect(tokenize(text).map((t) => [t.word, text.slice(t.start, t.end)])).toEqual([
      ["evaluer", "Évaluer"],
      ["kv", "KV"],
      ["caches", "caches"],
    ]);
  });

  it("CJK characters are not words: they separate the Latin words around them", () => {
    expect(tokenize("METRO提出了MoE路由").map((t) => t.word)).toEqual(["metro", "moe"]);
  });

  it("CJK text drops separators and maps back to original offsets", () => {
    const text = "基于 KV-缓存";
    const cjk = cjkText(text);
    expect(cjk.text).toBe("基于kv缓存");
    const at = cjk.text.indexOf("kv缓存");
    expect(text.slice(cjk.starts[at]!, cjk.ends[at + 3]!)).toBe("KV-缓存");
  });

  it.each([
    ["Chinese", "联邦学习", true],
    ["Japanese kana", "トランスフォーマー", true],
    ["Korean", "연합 학습", true],
    ["English", "federated learning", false],
  ])("CJK detection: %s", (_name, text, expected) => {
    expect(hasCjk(text)).toBe(expected);
  });
});

describe("rule 3: word forms", () => {
  it.each([
    ["plural", "transformer", "Transformers"],
    ["gerund", "cache", "caching"],
    ["-ies plural", "study", "studies"],
    ["past tense", "quantize", "quantized"],
    ["action noun and participle", "quantization", "quantized"],
    ["doubled consonant", "model", "modelling"],
    ["typed gerund finds the agent noun", "scheduling", "scheduler"],
    ["agent noun plural", "accelerator", "accelerators"],
  ])("same word form (%s): %s ~ %s", (_name, a, b) => {
    const wa = normalizeText(a);
    const wb = normalizeText(b);
    expect(stemWord(wa)).toBe(stemWord(wb));
    expect(sameWordForm(wa, wb)).toBe(true);
  });

  it.each([
    ["agent noun vs action noun", "transformer", "transformation"],
    ["related but different words", "general", "generative"],
    ["compiler vs compilation", "compiler", "compilation"],
    ["a typed agent noun is a thing, not the verb", "accelerator", "accelerating"],
    ["a typed agent noun does not find the gerund", "scheduler", "scheduling"],
    ["optimizer vs optimized", "optimizer", "optimized"],
  ])("not the same word form (%s): %s ≁ %s", (_name, a, b) => {
    expect(stemWord(a) === stemWord(b) && sameWordForm(a, b)).toBe(false);
  });

  it.each([
    ["short words", "rl", true],
    ["three letters", "moe", true],
    ["all capitals", "LORA", true],
    ["inner capitals", "MoE", true],
    ["digits", "gpt4", true],
    ["capitalized first letter only", "Transformer", false],
    ["lower case", "diffusion", false],
  ])("acronym as typed (%s): %s", (_name, typed, expected) => {
    expect(isAcronymTyped(typed)).toBe(expected);
  });

  it.each([
    ["caching", "cach"],
    ["study", "stud"],
    ["modelling", "model"],
  ])("prefix shared by all accepted forms of %s is %s", (word, prefix) => {
    expect(sharedPrefix(word)).toBe(prefix);
  });
});
