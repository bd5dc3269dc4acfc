import { describe, expect, it } from "vitest";
import { formatTopicError } from "../../src/core/topics/engine/ast.js";
import { DEFAULT_TOPIC_LIMITS } from "../../src/core/topics/engine/limits.js";
import { parseTopic } from "../../src/core/topics/engine/parse.js";
import { parseTopicList, splitTopicList } from "../../src/core/topics/engine/topic-list.js";

function shape(text: string): unknown {
  const result = parseTopic(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.topic.clauses.map((c) => ({
    neg: c.negated,
    field: c.field,
    alts: c.alternatives.map((a) => (a.quoted ? `"${a.text}"` : a.text)),
  }));
}

describe("topic syntax: clauses", () => {
  it.each([
    ["consecutive bare words form one phrase", "kv cache", [{ neg: false, field: null, alts: ["kv cache"] }]],
    [
      "a field clause after a phrase",
      "llm serving cat:cs.DC",
      [
        { neg: false, field: null, alts: ["llm serving"] },
        { neg: false, field: "cat", alts: ["cs.DC"] },
      ],
    ],
    [
      "'-' excludes a clause",
      "diffusion -survey",
      [
        { neg: false, field: null, alts: ["diffusion"] },
        { neg: true, field: null, alts: ["survey"] },
      ],
    ],
    [
      "alternatives in parentheses, then a fielded clause",
      "(speculative decoding | draft model) title:llm",
      [
        { neg: false, field: null, alts: ["speculative decoding", "draft model"] },
        { neg: false, field: "title", alts: ["llm"] },
      ],
    ],
    ["a quoted phrase after a field", 'author:"song han"', [{ neg: false, field: "author", alts: ['"song han"'] }]],
    ["a category prefix", "cat:cs.*", [{ neg: false, field: "cat", alts: ["cs.*"] }]],
    ["a quoted word", '"moe"', [{ neg: false, field: null, alts: ['"moe"'] }]],
    ["Chinese text", "联邦学习", [{ neg: false, field: null, alts: ["联邦学习"] }]],
    [
      "a category is one word; the next word starts a new clause",
      "cat:cs.AR fpga",
      [
        { neg: false, field: "cat", alts: ["cs.AR"] },
        { neg: false, field: null, alts: ["fpga"] },
      ],
    ],
    [
      "negated fielded alternatives",
      "-title:(survey | review) diffusion",
      [
        { neg: true, field: "title", alts: ["survey", "review"] },
        { neg: false, field: null, alts: ["diffusion"] },
      ],
    ],
    ["nested parentheses flatten", "((a b | c) | d)", [{ neg: false, field: null, alts: ["a b", "c", "d"] }]],
    ["field names are case-insensitive", "Title:llm", [{ neg: false, field: "title", alts: ["llm"] }]],
    ["a space after the field colon is tolerated", "title: llm", [{ neg: false, field: "title", alts: ["llm"] }]],
    ["hyphens inside words are not exclusions", "kv-cache", [{ neg: false, field: null, alts: ["kv-cache"] }]],
  ])("%s: %s", (_name, text, expected) => {
    expect(shape(text)).toEqual(expected);
  });
});

describe("topic syntax: errors name the position (1-based) and carry an example", () => {
  it.each([
    ["unclosed quote", 'title:"kv cache', "unclosed-quote", 'unclosed quote at 7: "kv cache', 6],
    ["unknown field", "titel:llm", "unknown-field", "unknown field 'titel' — fields are title, abstract, tldr, author, cat, like", 0],
    ["only negative clauses", "-survey", "no-positive-clause", "a topic needs at least one positive clause", 0],
    ["empty alternative", "(a | | b)", "empty-alternative", "empty alternative at 6", 5],
    ["empty parentheses", "()", "empty-alternative", "empty alternative at 2", 1],
    ["unclosed parenthesis", "(a | b", "unclosed-parenthesis", "unbalanced parentheses: '(' at 1 is never closed", 0],
    ["stray closing parenthesis", "a) b", "unbalanced-parenthesis", "unbalanced parentheses: ')' at 2 has no '('", 1],
    ["bar outside parentheses", "a | b", "misplaced-bar", "'|' outside parentheses at 3", 2],
    ["field without a term", "llm title:", "missing-term", "'title:' needs a term at 11", 10],
    ["empty quote", 'llm ""', "empty-quote", "empty quote at 5", 4],
    ["no letters or digits", "+++", "no-words", "no letters or digits in '+++' at 1", 0],
    ["not a category", "cat:cs/AR", "bad-category", "'cs/AR' is not a category at 5", 4],
    ["exclusion inside parentheses", "(a | -b)", "misplaced-operator", "'-' and fields go before the parentheses, at 6", 5],
    ["empty topic", "   ", "empty-topic", "empty topic", 0],
  ])("%s: %s", (_name, text, code, message, position) => {
    const result = parseTopic(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code, message, position });
    expect(result.error.example).not.toBe("");
    expect(formatTopicError(result.error)).toBe(`${message} — e.g. ${result.error.example}`);
  });

  it("the unclosed-quote example closes the quote", () => {
    const result = parseTopic('title:"kv cache');
    expect(!result.ok && result.error.example).toBe('title:"kv cache"');
  });
});

describe("topic limits", () => {
  it("defaults are 200 characters per topic and 50 topics per channel", () => {
    expect(DEFAULT_TOPIC_LIMITS).toEqual({ maxTopicLength: 200, maxTopics: 50 });
  });

  it("a topic over the length limit is rejected, at the limit accepted", () => {
    expect(parseTopic("a".repeat(200)).ok).toBe(true);
    const result = parseTopic("a".repeat(201));
    expect(!result.ok && result.error).toMatchObject({ code: "topic-too-long", message: "topic is 201 characters; the limit is 200" });
  });

  it("limits are configurable", () => {
    expect(parseTopic("kv cache", { maxTopicLength: 5, maxTopics: 1 }).ok).toBe(false);
    const list = parseTopicList("a1, b2", { maxTopicLength: 200, maxTopics: 1 });
    expect(!list.ok && list.errors[0]!.error.code).toBe("too-many-topics");
  });

  it("the topic count includes the channel's existing topics", () => {
    expect(parseTopicList("kv cache", DEFAULT_TOPIC_LIMITS, 49).ok).toBe(true);
    const result = parseTopicList("kv cache, moe", DEFAULT_TOPIC_LIMITS, 49);
    expect(!result.ok && result.errors[0]!.error.message).toBe("too many topics: 51; the limit is 50 per channel");
  });
});

describe("topic lists", () => {
  it.each([
    ["commas separate topics", "kv cache, llm serving, moe", ["kv cache", "llm serving", "moe"]],
    ["not inside quotes", '"a, b" c, d', ['"a, b" c', "d"]],
    ["empty pieces are dropped", "a,, b ,", ["a", "b"]],
    ["full-width commas separate too", "量化，剪枝", ["量化", "剪枝"]],
  ])("%s", (_name, input, expected) => {
    expect(splitTopicList(input).map((t) => t.text)).toEqual(expected);
  });

  it("positions point at each topic in the input", () => {
    expect(splitTopicList("a,  bc")).toEqual([
      { text: "a", position: 0 },
      { text: "bc", position: 4 },
    ]);
  });

  it("every bad topic of a list is reported at once", () => {
    const result = parseTopicList('kv cache, titel:x, "open');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.topic, e.error.code])).toEqual([
      ["titel:x", "unknown-field"],
      ['"open', "unclosed-quote"],
    ]);
  });
});
