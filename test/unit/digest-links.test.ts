/** A digest never chooses where a paper link goes: `url` and `pdfUrl` are built from the arXiv id. */
import { describe, expect, it } from "vitest";
import { parseDigest } from "../../src/core/digest/parse.js";

const record = (fields: Record<string, unknown>) => JSON.stringify({ id: "2601.00001", title: "A paper", ...fields });

describe("paper links from a JSONL digest", () => {
  it.each([
    ["a look-alike host", "https://arxiv.org.evil.example/abs/2601.00001"],
    ["another host", "https://evil.example/abs/2601.00001"],
    ["a script", "javascript:alert(1)"],
    ["another paper", "https://arxiv.org/abs/2601.99999"],
    ["a query", "https://arxiv.org/abs/2601.00001?next=https://evil.example"],
  ])("an abs link to %s is replaced by the arXiv page, with a warning naming the line", (_name, abs) => {
    const digest = parseDigest(`${record({})}\n${record({ id: "2601.00002", abs, pdf: abs })}\n`, "2026-01-01.jsonl");
    expect(digest.papers.map((p) => [p.url, p.pdfUrl])).toEqual([
      ["https://arxiv.org/abs/2601.00001", "https://arxiv.org/pdf/2601.00001"],
      ["https://arxiv.org/abs/2601.00002", "https://arxiv.org/pdf/2601.00002"],
    ]);
    expect(digest.warnings.map((w) => [w.code, w.line])).toEqual([
      ["url_mismatch", 2],
      ["url_mismatch", 2],
    ]);
    expect(digest.warnings[0]!.message).toMatch(/^line 2: paper 2601\.00002: /);
  });

  it("takes the arXiv links the generator writes (versions, http, .pdf) without a warning", () => {
    const lines = [
      record({ abs: "https://arxiv.org/abs/2601.00001", pdf: "https://arxiv.org/pdf/2601.00001" }),
      record({ id: "2601.00002v2", abs: "http://arxiv.org/abs/2601.00002v2", pdf: "https://arxiv.org/pdf/2601.00002v2.pdf" }),
      record({ id: "math/0601001", abs: "https://arxiv.org/abs/math/0601001" }),
    ];
    const digest = parseDigest(lines.join("\n"), "2026-01-01.jsonl");
    expect(digest.warnings).toEqual([]);
    expect(digest.papers.map((p) => p.url)).toEqual(["https://arxiv.org/abs/2601.00001", "https://arxiv.org/abs/2601.00002", "https://arxiv.org/abs/math/0601001"]);
  });

  it("keeps a code_url only when it is https:// to a named host", () => {
    const bad = ["javascript:alert(1)", "http://github.com/x/y", "https://user:pw@github.com/x/y", "https://127.0.0.1/x", "https://localhost/x", "not a url"];
    const lines = [record({ code_url: "https://github.com/example/repo" }), ...bad.map((code_url, i) => record({ id: `2601.0001${i}`, code_url }))];
    const digest = parseDigest(lines.join("\n"), "2026-01-01.jsonl");
    expect(digest.papers.map((p) => p.codeUrl)).toEqual(["https://github.com/example/repo", ...bad.map(() => null)]);
    expect(digest.warnings.map((w) => [w.code, w.line])).toEqual(bad.map((_, i) => ["bad_code_url", i + 2]));
  });
});

describe("paper links from a Markdown digest", () => {
  it("builds the link from the id; a heading link with extras is a warning; a foreign host skips the entry", () => {
    const text = [
      "### [1] [Plain](https://arxiv.org/abs/2601.00001v2)",
      "### [2] [Tracked](https://arxiv.org/abs/2601.00002#@evil.example)",
      "### [3] [Look-alike](https://arxiv.org.evil.example/abs/2601.00003)",
      "### [4] [Script](javascript:alert(1))",
    ].join("\n\n");
    const digest = parseDigest(text, "2026-01-01.md");
    expect(digest.papers.map((p) => [p.id, p.url])).toEqual([
      ["2601.00001", "https://arxiv.org/abs/2601.00001"],
      ["2601.00002", "https://arxiv.org/abs/2601.00002"],
    ]);
    expect(digest.warnings.map((w) => [w.code, w.line])).toEqual([
      ["url_mismatch", 3],
      ["bad_entry", 5],
      ["bad_entry", 7],
    ]);
  });
});
