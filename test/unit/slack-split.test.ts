// Tests for src/platforms/split.ts (shared by the Slack and Discord renderers).
import { describe, expect, it } from "vitest";
import { packSections, splitText, truncate } from "../../src/platforms/split.js";
import { escapedLength } from "../../src/platforms/slack/escape.js";

const squash = (text: string): string => text.replace(/\s+/g, "");

describe("splitText", () => {
  it("returns short text whole and drops empty text", () => {
    expect(splitText("  hello world ", 50)).toEqual(["hello world"]);
    expect(splitText("   ", 50)).toEqual([]);
  });

  it("prefers paragraph, then sentence, then word boundaries", () => {
    expect(splitText("First para.\n\nSecond para.", 15)).toEqual(["First para.", "Second para."]);
    expect(splitText("One two. Three four. Five six.", 20)).toEqual(["One two. Three four.", "Five six."]);
    expect(splitText("alpha beta gamma delta", 11)).toEqual(["alpha beta", "gamma delta"]);
    expect(splitText("第一句。第二句。第三句。", 8)).toEqual(["第一句。第二句。", "第三句。"]);
  });

  it("cuts inside a word only when the word alone is too long, never inside a surrogate pair", () => {
    const chunks = splitText(`${"🚀".repeat(7)} ok`, 4);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(4);
    expect(chunks.join("")).toBe(`${"🚀".repeat(7)}ok`);
    expect(chunks.every((chunk) => !/[\uD800-\uDBFF]$/.test(chunk))).toBe(true);
  });

  it("keeps every non-space character, within the measured limit, for long mixed text", () => {
    const text = Array.from({ length: 400 }, (_, i) => (i % 7 === 0 ? `Sentence ${i} & more <b>.\n\n` : `word${i} `)).join("");
    const chunks = splitText(text, 300, escapedLength);
    for (const chunk of chunks) expect(escapedLength(chunk)).toBeLessThanOrEqual(300);
    expect(squash(chunks.join(""))).toBe(squash(text));
  });

  it("rejects a non-positive limit", () => {
    expect(() => splitText("x", 0)).toThrow(RangeError);
  });
});

describe("truncate", () => {
  it("leaves short text alone and cuts long text with an ellipsis within the limit", () => {
    expect(truncate("short", 10)).toBe("short");
    const cut = truncate("a few words that are too long", 12);
    expect(cut.length).toBeLessThanOrEqual(12);
    expect(cut.endsWith("…")).toBe(true);
  });
});

describe("packSections", () => {
  const item = (value: string, size = 1, count = 1) => ({ value, size, count });

  it("keeps a section together when it fits in an empty message", () => {
    const packed = packSections([[item("a1"), item("a2")], [item("b1"), item("b2"), item("b3")]], { maxCount: 4, maxSize: 100 });
    expect(packed.map((message) => message.map((entry) => entry.value))).toEqual([["a1", "a2"], ["b1", "b2", "b3"]]);
    expect(packed[1]!.every((entry) => entry.section === 1)).toBe(true);
  });

  it("splits a section too big for any message between its items, and respects the size budget", () => {
    const packed = packSections([[item("x", 60), item("y", 60), item("z", 60)]], { maxCount: 10, maxSize: 100 });
    expect(packed.map((message) => message.map((entry) => entry.value))).toEqual([["x"], ["y"], ["z"]]);
  });

  it("throws on an item that cannot fit any message (a renderer bug)", () => {
    expect(() => packSections([[item("huge", 101)]], { maxCount: 10, maxSize: 100 })).toThrow(RangeError);
  });
});
