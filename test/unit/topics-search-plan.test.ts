import { describe, expect, it } from "vitest";
import type { Paper } from "../../src/core/paper.js";
import { TEXT_FIELDS } from "../../src/core/paper.js";
import type { SearchAlternative, SearchPlan } from "../../src/core/ports.js";
import { generateTopics } from "../../src/core/topics/reference/generate-topics.js";
import { topicHolds } from "../../src/core/topics/engine/match.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { searchPlan } from "../../src/core/topics/index/search-plan.js";
import { cjkKey, normalizeText } from "../../src/core/topics/text/text.js";
import { compiled, seedPapers } from "./topics-fixtures.js";

describe("searchPlan: the store's full-text prefilter", () => {
  it.each<[string, string, SearchPlan]>([
    [
      "a stemmed phrase becomes prefixes every word form shares",
      '"kv" caching',
      {
        all: [
          { any: [{ words: ["kv"], prefix: true, prefixes: [true], cjk: false }] },
          { any: [{ words: ["cach"], prefix: true, prefixes: [true], cjk: false }] },
        ],
        categories: [],
        authorWords: [],
      },
    ],
    [
      "categories, author words and fields; exclusions are left to the matcher",
      'title:"llm" cat:cs.* author:"song han" -survey',
      {
        all: [{ any: [{ words: ["llm"], prefix: true, prefixes: [true], cjk: false, field: "title" }] }],
        categories: ["cs.*"],
        authorWords: ["song", "han"],
      },
    ],
    [
      "a quoted Chinese term",
      '"联邦学习"',
      { all: [{ any: [{ words: ["联邦学习"], prefix: false, cjk: true }] }], categories: [], authorWords: [] },
    ],
  ])("%s: %s", (_name, topic, plan) => {
    expect(searchPlan(compiled(topic))).toEqual(plan);
  });

  it("a flexible phrase's words may stand apart; a quoted phrase's may not", () => {
    expect(searchPlan(compiled("time series forecasting")).all[0]!.any[0]).toMatchObject({ words: ["tim", "ser", "forecast"], apart: true });
    expect(searchPlan(compiled('"time series"')).all[0]!.any[0]!.apart).toBeUndefined();
  });

  it("synonyms become alternatives of one group", () => {
    const plan = searchPlan(compiled("moe"));
    expect(plan.all).toHaveLength(1);
    expect(plan.all[0]!.any.map((a) => a.words.join(" "))).toEqual(expect.arrayContaining(["moe", "mixtur expert", "混合专家"]));
  });
});

/** A minimal full-text engine with the plan's documented semantics, standing in for FTS5/tsvector. */
function selects(plan: SearchPlan, paper: Paper): boolean {
  if (plan.categories.length > 0) {
    const cats = paper.categories.map((c) => c.toLowerCase());
    const ok = plan.categories.some((c) => (c.endsWith("*") ? cats.some((x) => x.startsWith(c.slice(0, -1))) : cats.includes(c)));
    if (!ok) return false;
  }
  const authorWords = new Set(normalizeText(paper.authors.join(" ")).split(" "));
  if (!plan.authorWords.every((w) => authorWords.has(w))) return false;
  return plan.all.every((group) => group.any.some((alt) => alternativeSelects(alt, paper)));
}

function alternativeSelects(alt: SearchAlternative, paper: Paper): boolean {
  const fields = TEXT_FIELDS.filter((f) => alt.field === undefined || f === alt.field);
  return fields.some((f) => {
    const text = paper[f];
    if (text === null) return false;
    if (alt.cjk) return cjkKey(text).includes(alt.words[0]!);
    const words = normalizeText(text).split(" ");
    const isPrefix = (i: number): boolean => alt.prefixes?.[i] ?? (alt.prefix && i === alt.words.length - 1);
    const wordAt = (w: string, i: number, at: number): boolean => (isPrefix(i) ? words[at]?.startsWith(w) : words[at] === w) ?? false;
    // Words that may stand apart: each anywhere in the field.
    if (alt.apart === true) return alt.words.every((w, i) => words.some((_, at) => wordAt(w, i, at)));
    return words.some((_, start) => alt.words.every((w, i) => (isPrefix(i) ? words[start + i]?.startsWith(w) : words[start + i] === w)));
  });
}

describe("a plan never misses a paper its topic matches", () => {
  const papers = seedPapers();
  const prepared = papers.map(preparePaper);
  const topics = generateTopics(papers, 400, 9).map(compiled);

  it("over the seed digests with generated topics", () => {
    let matches = 0;
    for (const topic of topics) {
      const plan = searchPlan(topic);
      prepared.forEach((p) => {
        if (!topicHolds(topic, p)) return;
        matches++;
        expect(selects(plan, p.paper), `${topic.text} → ${p.paper.id}`).toBe(true);
      });
    }
    expect(matches).toBeGreaterThan(100);
  });
});
