import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDigest } from "../../src/core/digest/parse.js";
import { parseJsonl } from "../../src/core/digest/parse-jsonl.js";
import { parseMarkdown } from "../../src/core/digest/parse-markdown.js";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/digests/${name}`, import.meta.url), "utf8");
const markdown = fixture("2025-12-11-current-template.md");
const jsonl = fixture("2026-01-16_AI_enhanced_.jsonl");

describe("parseDigest picks the format", () => {
  it.each([
    ["by .md extension", markdown, "2025-12-11.md", "markdown", 2],
    ["by .jsonl extension", jsonl, "2026-01-16_AI_enhanced_.jsonl", "jsonl", 1],
    ["by sniffing JSONL without a known extension", jsonl, "2026-01-16.txt", "jsonl", 1],
    ["by sniffing Markdown without a known extension", markdown, "digest", "markdown", 2],
  ] as const)("%s", (_name, text, file, format, count) => {
    const digest = parseDigest(text, file);
    expect(digest.format).toBe(format);
    expect(digest.papers).toHaveLength(count);
  });

  it.each([
    ["an empty .md file", "", "2026-01-01.md"],
    ["a whitespace-only .md file", "\n\n  \n", "2026-01-01.md"],
    ["an empty .jsonl file", "", "2026-01-01_AI_enhanced_English.jsonl"],
    ["a blank file of unknown type", "\n", "2026-01-01"],
  ])("%s is not a digest: no paper entries found", (_name, text, file) => {
    expect(() => parseDigest(text, file)).toThrow(expect.objectContaining({ code: "not_a_digest", message: expect.stringMatching(/not a digest: no paper entries found/) }));
  });

  it("a table of contents without entries is an empty digest, not an error (DIGESTS.md)", () => {
    expect(parseDigest("<div id=toc></div>\n\n# Table of Contents\n", "2026-01-01.md")).toMatchObject({ date: "2026-01-01", papers: [], warnings: [] });
  });

  it("takes a null date from a file name without one", () => {
    expect(parseDigest(markdown, "latest.md").date).toBeNull();
  });

  it("parses CRLF files like LF files", () => {
    expect(parseMarkdown(markdown.replaceAll("\n", "\r\n"))).toEqual(parseMarkdown(markdown));
  });

  it.each([
    ["plain text without a digest's marks", "hello\nworld\n", "notes.txt"],
    ["a JSON object spread over lines", '{\n  "a": 1\n}\n', "data.json"],
    ["an XML document", '<?xml version="1.0"?><feed></feed>', "feed.xml"],
    ["a JSONL file of non-paper objects", '{"a": 1}\n{"b": 2}\n', "x.jsonl"],
  ])("rejects %s as not_a_digest", (_name, text, file) => {
    expect(() => parseDigest(text, file)).toThrow(expect.objectContaining({ code: "not_a_digest", message: expect.stringContaining(file) }));
  });
});

describe("hostile input stays linear", () => {
  const MB = 1024 * 1024;
  const cases: [string, string, string][] = [
    ["one 8 MB line of brackets", "### [" + "[](".repeat((8 * MB) / 3) + "\n", "rejected"],
    ["many heading-like lines without links", "### [1] [x](\n".repeat(MB / 12), "rejected"],
    ["a huge label-like line", "A".repeat(8 * MB) + ": x\n", "rejected"],
    ["an abstract of 200k short lines", "### [1] [T](https://arxiv.org/abs/2601.00001)\n*A*\n\nAbstract: x\n" + "y\n".repeat(200_000), "parsed 1"],
    ["a huge title", "### [1] [" + "]( [".repeat(MB) + "](https://arxiv.org/abs/2601.00001)\n", "parsed 1"],
    ["a huge JSONL line", '{"id": "2601.00001", "title": "' + "x".repeat(8 * MB) + '"}\n', "parsed 1"],
    ["control characters everywhere", "\x0c\x01a\n".repeat(MB / 4), "rejected"],
    ["deeply nested JSON lines", '{"id": "2601.00001", "title": "T"}\n' + "[".repeat(MB) + "\n" + '{"a":'.repeat(MB / 5) + "\n", "parsed 1"],
  ];
  // Speed is the bench's job (npm run bench, parse scenario): a time limit here would fail on a loaded
  // machine. This checks each hostile input is handled (parsed, or rejected as not a digest) — a
  // backtracking blow-up would not finish within the generous test timeout.
  it.each(cases)("%s is parsed or rejected cleanly", (_name, text, expected) => {
    const name = text.startsWith("{") ? "x.jsonl" : "x.md";
    let outcome: string;
    try {
      const digest = parseDigest(text, name);
      outcome = `parsed ${digest.papers.length}`;
    } catch (error) {
      // Rejecting garbage is fine; crashing with anything else is not.
      expect(error).toMatchObject({ code: "not_a_digest" });
      outcome = "rejected";
    }
    expect(outcome).toBe(expected);
  }, 60_000);
});

describe("parseJsonl on its own", () => {
  it("names the line of each bad record", () => {
    const digest = parseJsonl('{"id": "2601.00001", "title": "T"}\nnot json\n{"id": 5}\n', "2026-01-01");
    expect(digest.papers.map((p) => p.id)).toEqual(["2601.00001"]);
    expect(digest.warnings.map((w) => [w.line, w.code])).toEqual([
      [2, "bad_record"],
      [3, "bad_record"],
    ]);
    expect(digest.warnings[0]?.message).toMatch(/^line 2: /);
  });

  it("accepts authors as one comma-separated string and falls back to a built abs URL", () => {
    const digest = parseJsonl('{"id": "2601.00001v3", "title": " A\\n  title ", "authors": "A, B"}\n');
    expect(digest.papers[0]).toMatchObject({ id: "2601.00001", title: "A title", authors: ["A", "B"], url: "https://arxiv.org/abs/2601.00001", categories: [] });
  });
});
