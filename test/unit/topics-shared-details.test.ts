import { describe, expect, it } from "vitest";
import { topicEvidence } from "../../src/core/topics/engine/evidence.js";
import { TopicIndex } from "../../src/core/topics/index/topic-index.js";
import { describeMatch } from "../../src/core/topics/engine/match.js";
import { preparePaper } from "../../src/core/topics/text/prepare.js";
import { paper } from "./topics-fixtures.js";

describe("details shared by every id of one topic", () => {
  const papers = [
    paper({ title: "Serving LLMs with a KV cache", abstract: "Unlike prior LLM serving systems, we compress the KV-cache. Large language models run faster." }),
    paper({ title: "A survey", abstract: "Baselines such as large language models (LLMs) and kv caches are compared." }),
  ].map(preparePaper);
  // Ids 1-3 and 4-5 each share one compiled topic, typed differently.
  const typed: Array<[number, string]> = [
    [1, "LLM"],
    [2, "llm"],
    [3, "LLMs"],
    [4, "kv cache"],
    [5, "KV-cache"],
    [6, "large language models"],
  ];

  it("each id reads the hits and evidence computed for it alone, under the text it typed", () => {
    const index = new TopicIndex<number>();
    for (const [id, text] of typed) index.add(id, text);
    let checked = 0;
    for (const prepared of papers) {
      for (const m of index.matchPaper(prepared)) {
        const text = typed.find(([id]) => id === m.id)![1];
        // What an unshared result computes: its own topic's hits under its own text.
        const alone = describeMatch(m.topic, prepared, text);
        expect(m.text).toBe(text);
        expect(m.match).toEqual(alone);
        expect(m.evidence).toEqual(topicEvidence(m.topic, prepared, alone));
        expect(m.match).toBe(m.match);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
