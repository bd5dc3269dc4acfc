/** tools.titleFilter: false only where the query cannot hit the title (search skips verifying those). */
import { describe, expect, it } from "vitest";
import { createTopicTools } from "../../src/core/topic-tools.js";
import { makeArchivedPaper } from "../helpers/papers.js";

const tools = createTopicTools();
const paper = (title: string) => makeArchivedPaper("2601.00001", "2026-01-06", { title, authors: ["Ada Lovelace"], abstract: "Speculative decoding in the abstract only." });

describe("title filter", () => {
  it.each([
    ["speculative decoding", "Faster Speculative Decoding", true],
    ["speculative decoding", "An unrelated title", false],
    ["decoding speculative", "Speculative decoders, revisited", true],
    ["abstract:speculative decoding", "Speculative decoding", false],
    ["title:speculative decoding", "Speculative decoding", true],
    ["speculative decoding -survey", "A survey", false],
    ["author:lovelace", "Anything", false],
    ["(kv cache | speculative decoding)", "KV cache eviction", true],
    ["LLM", "Large language models at scale", true],
    // An ambiguous Chinese term is confirmed by the abstract, which the filter does not read: it may hit.
    ["推理", "An unrelated title", true],
  ])("%s in %s → %s", (query, title, expected) => {
    expect(tools.titleFilter(query)(paper(title))).toBe(expected);
  });
});
