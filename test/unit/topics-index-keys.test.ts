import { describe, expect, it } from "vitest";
import { alternativeKeys } from "../../src/core/topics/index/alternative-keys.js";
import {
  authorKey,
  categoryKey,
  cjkCharsKey,
  decodeKey,
  encodeKey,
  keyKind,
  nearKey,
  pairKey,
  qualifiedKey,
  titleKey,
  wordKey,
} from "../../src/core/topics/index/keys.js";
import type { IndexKey } from "../../src/core/topics/index/keys.js";
import { TopicIndex } from "../../src/core/topics/index/topic-index.js";
import { matchNaive } from "../../src/core/topics/reference/naive.js";
import { forEachCjkRun, preparePaper } from "../../src/core/topics/text/prepare.js";
import { cjkPairCode, cjkTripleCode, forEachCjk } from "../../src/core/topics/text/text.js";
import { compiled, paper } from "./topics-fixtures.js";

describe("index key encoding", () => {
  const keys: Array<[IndexKey, string]> = [
    [{ kind: "word", stem: "cach" }, "cach"],
    [{ kind: "title", stem: "cach" }, "t:cach"],
    [{ kind: "author", word: "han" }, "n:han"],
    [{ kind: "category", value: "cs.ar", prefix: false }, "k:cs.ar"],
    [{ kind: "category", value: "cs.", prefix: true }, "k:cs.*"],
    [{ kind: "cjk", codes: [0x91cf] }, "c:量"],
    [{ kind: "cjk", codes: [0x91cf, 0x5316] }, "c:量化"],
    [{ kind: "cjk", codes: [0x5927, 0x8bed, 0x8a00] }, "c:大语言"],
    [{ kind: "cjk", codes: [0x20000] }, "c:\u{20000}"],
    [{ kind: "pair", first: "kv", second: "cach" }, "b:kv cach"],
    [{ kind: "near", first: "cach", second: "kv" }, "w:cach kv"],
    [{ kind: "example", id: "2512.09277" }, "l:2512.09277"],
    [{ kind: "qualified", category: "cs.dc", key: { kind: "word", stem: "serv" } }, "q:cs.dc\u0001serv"],
    [{ kind: "qualified", category: "cs.dc", key: { kind: "title", stem: "gpu" } }, "q:cs.dc\u0001t:gpu"],
  ];

  it.each(keys)("%j is spelled %j and read back as itself", (key, text) => {
    expect(encodeKey(key)).toBe(text);
    expect(decodeKey(text)).toEqual({ ok: true, key });
    expect(keyKind(text)).toBe(key.kind);
  });

  it("the builders spell what encodeKey spells", () => {
    expect(wordKey("cach")).toBe(encodeKey({ kind: "word", stem: "cach" }));
    expect(titleKey("cach")).toBe(encodeKey({ kind: "title", stem: "cach" }));
    expect(authorKey("han")).toBe(encodeKey({ kind: "author", word: "han" }));
    expect(categoryKey("cs.", true)).toBe(encodeKey({ kind: "category", value: "cs.", prefix: true }));
    expect(cjkCharsKey(0x91cf, 0x5316)).toBe(encodeKey({ kind: "cjk", codes: [0x91cf, 0x5316] }));
    expect(pairKey("kv", "cach")).toBe(encodeKey({ kind: "pair", first: "kv", second: "cach" }));
    expect(qualifiedKey("cs.dc", "serv")).toBe(encodeKey({ kind: "qualified", category: "cs.dc", key: { kind: "word", stem: "serv" } }));
  });

  it("a near key is one key for both orders of its words; a pair key keeps its order", () => {
    expect(nearKey("kv", "cach")).toBe(nearKey("cach", "kv"));
    expect(pairKey("kv", "cach")).not.toBe(pairKey("cach", "kv"));
  });

  it.each([
    ["x:foo", "unknown-key-prefix"],
    ["Q:foo", "unknown-key-prefix"],
    ["ab:foo", "unknown-key-prefix"],
    [":foo", "unknown-key-prefix"],
    ["q:cs.dc\u0001z:foo", "unknown-key-prefix"],
    ["", "malformed-key"],
    ["t:", "malformed-key"],
    ["b:kv", "malformed-key"],
    ["w:kv ", "malformed-key"],
    ["c:", "malformed-key"],
    ["c:大语言模", "malformed-key"],
    ["q:serv", "malformed-key"],
  ])("refuses %j (%s)", (text, code) => {
    expect(decodeKey(text)).toEqual({ ok: false, error: { code, key: text } });
  });
});

describe("near keys: a flexible phrase of two or three words is filed under its words near each other", () => {
  it("lists one near key per two words of a short flexible phrase, none for longer ones", () => {
    const [twoWords] = compiled("time series").clauses[0]!.alternatives;
    expect(alternativeKeys(twoWords!).filter((k) => keyKind(k) === "near")).toEqual([nearKey("time", "seri")]);
    const [fourWords] = compiled("graph neural network pruning").clauses[0]!.alternatives;
    expect(alternativeKeys(fourWords!).filter((k) => keyKind(k) === "near")).toEqual([]);
  });

  // Words at the edges of the window, hyphen compounds, a word twice, other sentences.
  const texts = [
    "Forecasting of multivariate time series with transformers.",
    "Time is short; we study long series of sensor readings here.",
    "Series a b time.",
    "Series a b c time and more.",
    "Time a b c d series.",
    "We forecast series over time, and time-series forecasting at scale.",
    "Pre-training data for pretraining language models: data about pre-training.",
    "Model modeling and models of a model.",
    "Serving large language models with a kv-cache and a cache of kv pairs.",
    "Knowledge from a teacher: distilling the knowledge of a large teacher model.",
    "Graph a b neural c network pruning with graph pruning and neural networks.",
  ];
  const topics = [
    "time series",
    "time series forecasting",
    "series forecasting",
    "pretraining data",
    "pre training data",
    "model modeling",
    "kv cache serving",
    "knowledge distillation teacher",
    "graph neural network pruning",
    "title:time series",
    "time series cat:cs.LG",
    "time series -survey",
  ].map((text, id) => ({ id, topic: compiled(text) }));
  const papers = texts.map((abstract, i) => preparePaper(paper({ title: i % 2 === 0 ? abstract : "A paper", abstract, categories: ["cs.LG"] })));

  it("finds exactly what the naive matcher finds", () => {
    const index = new TopicIndex<number>();
    for (const { id, topic } of topics) index.add(id, topic);
    const found = (results: Array<{ matches: Array<{ id: number }> }>) => results.map((r) => r.matches.map((m) => m.id).sort((a, b) => a - b));
    const naive = found(matchNaive(topics, papers));
    expect(naive.flat().length).toBeGreaterThan(10);
    expect(found(index.matchPapers(papers))).toEqual(naive);
  });
});

describe("CJK runs of two and three characters, as papers list them", () => {
  const chinese = preparePaper(paper({ title: "大语言模型的推测解码", tldr: "本文提出一种大语言-模型推理加速方法。KV缓存量化", abstract: "Speculative decoding." }));

  it("visits every pair and every run of three neighbouring characters, separators dropped, never across a Latin word", () => {
    const expected: string[] = [];
    for (const field of chinese.fields) {
      const codes: number[] = [];
      forEachCjk(field.text, (code) => codes.push(code));
      for (let i = 1; i < codes.length; i++) {
        const [before, previous, code] = [codes[i - 2] ?? -1, codes[i - 1]!, codes[i]!];
        if (previous >= 0 && code >= 0) expected.push(`${cjkPairCode(previous, code)}/${before >= 0 ? cjkTripleCode(before, previous, code) : -1}`);
      }
    }
    const visited: string[] = [];
    forEachCjkRun(chinese, true, (pair, triple) => visited.push(`${pair}/${triple}`));
    expect(expected.filter((v) => !v.endsWith("/-1")).length).toBeGreaterThan(10);
    expect(visited).toEqual(expected);
    // 言-模 across a hyphen is a run (and 语言模 one of three); 缓存 after the Latin KV starts a new one.
    const code = (ch: string) => ch.codePointAt(0)!;
    expect(visited).toContain(`${cjkPairCode(code("言"), code("模"))}/${cjkTripleCode(code("语"), code("言"), code("模"))}`);
    expect(visited).toContain(`${cjkPairCode(code("缓"), code("存"))}/-1`);
    const pairsOnly: string[] = [];
    forEachCjkRun(chinese, false, (pair, triple) => pairsOnly.push(`${pair}/${triple}`));
    expect(pairsOnly).toEqual(expected.map((v) => v.replace(/\/.*$/, "/-1")));
  });

  it("matching with it finds what the naive matcher finds", () => {
    const topics = ["大语言模型", "语言模型推理", "模型推理加速", "推测解码", "KV缓存", "缓存量化", "模型的推", "推理 加速"].map((text, id) => ({ id, topic: compiled(text) }));
    const fresh = preparePaper(chinese.paper);
    const index = new TopicIndex<number>();
    for (const { id, topic } of topics) index.add(id, topic);
    const ids = (matches: Array<{ id: number }>) => matches.map((m) => m.id).sort((a, b) => a - b);
    const naive = ids(matchNaive(topics, [fresh])[0]!.matches);
    expect(naive.length).toBeGreaterThan(3);
    expect(ids(index.matchPaper(fresh))).toEqual(naive);
  });
});
