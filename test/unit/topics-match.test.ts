import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { compileTopicText } from "../../src/core/topics/engine/compile.js";
import { verifyTopic } from "../../src/core/topics/engine/match.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { compiled, paper } from "./topics-fixtures.js";

type Row = [name: string, topic: string, fields: Partial<Paper>, matches: boolean];

function check([, topic, fields, expected]: Row): void {
  expect(verifyTopic(compiled(topic), preparePaper(paper(fields))) !== null).toBe(expected);
}

describe("rule 1: text normalization", () => {
  it.each<Row>([
    ["diacritics removed on both sides", "dejavu", { title: "DéjàVu: Memory" }, true],
    ["hyphen equals space", "kv cache", { abstract: "a KV-cache manager" }, true],
    ["slash equals space", "kv cache", { abstract: "the kv/cache" }, true],
    ["case-insensitive", "Speculative Decoding", { title: "SPECULATIVE DECODING at scale" }, true],
  ])("%s: %s", (...row) => check(row));
});

describe("rule 2: phrases are their words close together within one sentence of one field", () => {
  it.each<Row>([
    ["consecutive", "llm serving", { abstract: "efficient LLM serving systems" }, true],
    ["a few words apart", "llm serving", { abstract: "an LLM for serving" }, true],
    ["any order, stop words ignored", "time series forecasting", { abstract: "forecasting of multivariate time series" }, true],
    ["inflected, reordered", "knowledge distillation", { abstract: "distilling knowledge from a teacher" }, true],
    ["too far apart", "llm serving", { abstract: "an LLM that we train on many tasks before serving" }, false],
    ["not across sentences", "llm serving", { abstract: "We train an LLM. Serving is cheap." }, false],
    ["quoted phrases stay consecutive", '"llm serving"', { abstract: "an LLM for serving" }, false],
    ["quoted phrases keep their order", '"time series"', { abstract: "a series of time steps" }, false],
    ["not across fields", "llm serving", { title: "A new LLM", abstract: "serving at scale" }, false],
    ["in the method field", "graph partitioning", { method: "We use graph partitioning." }, true],
    ["in the conclusion field", "graph partitioning", { conclusion: "graph partitioning works" }, true],
    ["title: restricts to the title", "title:llm", { abstract: "LLM" }, false],
    ["title: in the title", "title:llm", { title: "LLM inference" }, true],
    ["abstract: restricts to the abstract", "abstract:pruning", { title: "Pruning", abstract: "x" }, false],
    ["tldr: restricts to the TL;DR", "tldr:pruning", { tldr: "pruning helps", abstract: "x" }, true],
    ["unfielded clauses do not search authors", "han", { authors: ["Song Han"] }, false],
  ])("%s: %s", (...row) => check(row));
});

describe("rule 3: word forms and acronyms", () => {
  it.each<Row>([
    ["plural through the stemmer", "transformer", { title: "Transformers are graphs" }, true],
    ["inflection through the stemmer", "cache", { abstract: "prefix caching" }, true],
    ["KV cache matches KV-caches", "KV cache", { abstract: "compressing KV-caches" }, true],
    ["transformer does not match transformation", "transformer", { abstract: "a linear transformation" }, false],
    ["RAG does not match storage", "RAG", { abstract: "distributed storage systems" }, false],
    ["RAG does not match ragged (its stem would)", "RAG", { abstract: "ragged batches" }, false],
    ["CLIP does not match clipping (its stem would)", "CLIP", { abstract: "gradient clipping" }, false],
    ["MAP does not match mapping (its stem would)", "MAP", { abstract: "a mapping network" }, false],
    ["RAG does not match average", "RAG", { abstract: "the average latency" }, false],
    ["RAG matches RAG", "RAG", { abstract: "RAG pipelines" }, true],
    ["acronym plural", "LLM", { title: "LLMs as judges" }, true],
    ["plural acronym typed matches the singular", "LLMs", { title: "An LLM judge" }, true],
    ["acronyms are not stemmed", "MoE", { abstract: "moebius strips" }, false],
    ["short words are exact", "rl", { abstract: "url parsing" }, false],
    ["short words are exact (no stem)", "gan", { abstract: "ganglion cells" }, false],
    ["words with digits are exact", "a100", { abstract: "A1000 boards" }, false],
    ["acronym inside hyphenated word", "LLM", { abstract: "LLM-based agents" }, true],
    ["phrase written as one word matches", "pre training", { abstract: "large-scale pretraining" }, true],
    ["hyphenated compound matches the joined word", "pretraining", { abstract: "large-scale pre-training" }, true],
    ["KVCache written together", "kv cache", { title: "KVCache offloading" }, true],
  ])("%s: %s", (...row) => check(row));
});

describe("rule 4: synonyms both ways; quoted terms skip them", () => {
  it.each<Row>([
    ["MoE matches mixture-of-experts", "MoE", { abstract: "sparse mixture-of-experts layers" }, true],
    ["mixture of experts matches MoE", "mixture of experts", { title: "Fast MoE training" }, true],
    ["RAG matches retrieval-augmented generation", "RAG", { abstract: "retrieval-augmented generation" }, true],
    ["KV cache matches key-value cache", "kv cache", { abstract: "the key-value cache" }, true],
    ["LLM matches large language models", "LLM", { abstract: "large language models" }, true],
    ["synonym inside a longer phrase", "moe inference", { abstract: "mixture of experts inference" }, true],
    ["PIM matches processing-in-memory", "PIM", { title: "Processing-in-Memory for GEMV" }, true],
    ["quoted skips synonyms", '"moe"', { abstract: "mixture of experts" }, false],
    ["quoted exact word", '"moe"', { abstract: "our MoE layer" }, true],
    ["quoted words are not stemmed", '"cache"', { abstract: "caching" }, false],
    ["Chinese topic matches the English abstract", "联邦学习", { abstract: "federated learning on edge devices" }, true],
    ["English topic matches a Chinese TL;DR", "federated learning", { tldr: "本文提出一种联邦学习方法" }, true],
    ["ambiguous Chinese words are not added to English topics", "inference", { tldr: "提升推理能力" }, false],
    ["but lead from Chinese to English", "推理", { abstract: "faster inference" }, true],
    ["Chinese synonyms of each other", "投机解码", { tldr: "一种推测解码方法" }, true],
  ])("%s: %s", (...row) => check(row));
});

describe("rule 5: CJK terms match as words", () => {
  it.each<Row>([
    ["联邦学习 in a Chinese TL;DR", "联邦学习", { tldr: "提出了一种新的联邦学习框架", abstract: "A new framework." }, true],
    ["in the motivation", "联邦学习", { motivation: "现有联邦学习方法效率低" }, true],
    ["mixed Latin and CJK", "KV缓存", { tldr: "压缩KV 缓存的方法" }, true],
    ["absent", "联邦学习", { tldr: "强化学习" }, false],
  ])("%s: %s", (...row) => check(row));
});

describe("rule 6: authors match within one name, word by word", () => {
  it.each<Row>([
    ["author:han matches Song Han", "author:han", { authors: ["Song Han"] }, true],
    ["author:han does not match Hannah Li", "author:han", { authors: ["Hannah Li"] }, false],
    ["phrase within one name", 'author:"song han"', { authors: ["Song Han", "Li Wei"] }, true],
    ["phrase not across two names", 'author:"song han"', { authors: ["Wei Song", "Han Li"] }, false],
    ["diacritics in names", "author:muller", { authors: ["Jörg Müller"] }, true],
    ["authors are not text", "author:transformer", { title: "Transformer" }, false],
  ])("%s: %s", (...row) => check(row));
});

describe("rule 7: categories", () => {
  it.each<Row>([
    ["primary category", "cat:cs.AR", { categories: ["cs.AR"] }, true],
    ["cross-list", "cat:cs.AR", { categories: ["cs.LG", "cs.AR"] }, true],
    ["case-insensitive", "cat:CS.ar", { categories: ["cs.AR"] }, true],
    ["other category", "cat:cs.AR", { categories: ["cs.DC"] }, false],
    ["prefix cs.*", "cat:cs.*", { categories: ["cs.DC"] }, true],
    ["prefix does not match another archive", "cat:cs.*", { categories: ["math.OC"] }, false],
    ["exact is not a prefix", "cat:cs.A", { categories: ["cs.AR"] }, false],
    ["an archive name means its categories", "cat:math", { categories: ["math.OC"] }, true],
    ["an archive name is not a prefix of other archives", "cat:math", { categories: ["math-ph"] }, false],
    ["categories without a dot match exactly", "cat:quant-ph", { categories: ["quant-ph"] }, true],
    ["phrase in a category", "llm serving cat:cs.DC", { categories: ["cs.DC"], title: "LLM serving" }, true],
    ["phrase in another category", "llm serving cat:cs.DC", { categories: ["cs.LG"], title: "LLM serving" }, false],
  ])("%s: %s", (...row) => check(row));
});

describe("clauses: AND, exclusion, alternatives", () => {
  it.each<Row>([
    ["diffusion without survey", "diffusion -survey", { title: "Diffusion models" }, true],
    ["diffusion -survey excludes surveys", "diffusion -survey", { title: "Diffusion models: a survey" }, false],
    ["exclusion uses word forms", "diffusion -survey", { abstract: "diffusion", title: "Surveying diffusion" }, false],
    ["every clause must hold", "pruning cat:cs.AR", { title: "Pruning", categories: ["cs.LG"] }, false],
    ["first alternative", "(speculative decoding | draft model) title:llm", { title: "LLM speculative decoding" }, true],
    ["second alternative", "(speculative decoding | draft model) title:llm", { title: "LLM", abstract: "a draft model" }, true],
    ["alternatives need the other clause", "(speculative decoding | draft model) title:llm", { abstract: "LLM draft model" }, false],
    ["fielded exclusion", "pruning -title:survey", { title: "Pruning", abstract: "unlike a survey" }, true],
  ])("%s: %s", (...row) => check(row));
});

describe("typed acronyms are never stemmed", () => {
  // Each paper word shares the acronym's stem, so a stemmed acronym WOULD match it: the rows above can fail.
  it.each([
    ["RAG", "ragged"],
    ["CLIP", "clipping"],
    ["MAP", "mapping"],
  ])("%s ≠ %s, while the lower-case word typed as a word matches it", (acronym, word) => {
    expect(verifyTopic(compiled(acronym), preparePaper(paper({ abstract: `the ${word} part` })))).toBeNull();
    expect(verifyTopic(compiled(acronym.toLowerCase() + "s"), preparePaper(paper({ abstract: `the ${word} part` })))).not.toBeNull();
  });
});

describe("long topics compile and match in near-linear work", () => {
  it.each([
    ["one synonym word repeated", "pruning"],
    ["many synonym groups", "efficient llm serving with kv cache and moe inference on gpu for rag pipelines"],
  ])("a 1,000-word topic: %s", (_, words) => {
    const list = words.split(" ");
    const text = Array.from({ length: 1000 }, (_, i) => list[i % list.length]).join(" ");
    const result = compileTopicText(text, { maxTopicLength: 100_000, maxTopics: 50 });
    expect(result.ok).toBe(true);
    if (result.ok) expect(verifyTopic(result.topic, preparePaper(paper({ abstract: "short text about pruning" })))).toBeNull();
  });
});
