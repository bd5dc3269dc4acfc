import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseDigest } from "../../src/core/digest/parse.js";

const seeds = new URL("../../seeds/", import.meta.url);

// The expected counts are the number of entry headings; the seeds contain no duplicate ids, so they are
// also the number of distinct papers.
describe("seed digests", () => {
  it.each([
    ["2025-09-08.md", 58, 2],
    ["2025-10-23.md", 107, 0],
    ["2025-12-11.md", 82, 0],
    ["2026-01-06.md", 162, 0],
  ])("%s parses to %i papers (%i with a failed TL;DR), no warnings", (file, count, failedTldr) => {
    const digest = parseDigest(readFileSync(new URL(file, seeds), "utf8"), file);
    expect(digest.date).toBe(file.slice(0, 10));
    expect(digest.papers).toHaveLength(count);
    expect(new Set(digest.papers.map((p) => p.id)).size).toBe(count);
    expect(digest.warnings).toEqual([]);
    expect(digest.papers.filter((p) => p.tldr === null)).toHaveLength(failedTldr);
    for (const p of digest.papers) {
      expect(p.title).not.toBe("");
      expect(p.authors.length).toBeGreaterThan(0);
      expect(p.categories).toHaveLength(1);
      expect(p.url).toBe(`https://arxiv.org/abs/${p.id}`);
      expect(p.abstract).not.toBeNull();
    }
  });
});
