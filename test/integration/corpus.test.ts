import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDigest } from "../../src/core/digest/parse.js";

// Half a year of real digests (DIGESTS.md, "Data you have"). It lives outside the repo and is never
// committed, so the suite skips when it is not there.
const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const tarPath = process.env["PAPERBOY_CORPUS_TAR"] ?? resolve(repoRoot, "../shared/corpus/dw-dengwei-digests.tar.xz");
const hasCorpus = existsSync(tarPath);
if (!hasCorpus) console.warn(`corpus test skipped: ${tarPath} not found (set PAPERBOY_CORPUS_TAR to run it)`);

/** Entry heading ids, counted independently of the parser: `### … (https://arxiv.org/abs/<id>)` at line end. */
function headingIds(text: string): string[] {
  const ids: string[] = [];
  for (const line of text.split("\n")) {
    if (!line.startsWith("### ")) continue;
    const m = /\(https?:\/\/(?:www\.)?arxiv\.org\/abs\/([^()\s]+)\)\s*$/.exec(line);
    if (m?.[1] !== undefined) ids.push(m[1].replace(/v\d+$/, ""));
  }
  return ids;
}

function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith(ext)) out.push(join(entry.parentPath, entry.name));
  }
  return out.sort();
}

describe.skipIf(!hasCorpus)("real corpus", () => {
  let dir = "";

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "paperboy-corpus-"));
    execFileSync("tar", ["-xJf", tarPath, "-C", dir]);
  }, 120_000);

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it("turns every entry heading of every Markdown digest into a paper", () => {
    const files = filesUnder(dir, ".md");
    expect(files.length).toBeGreaterThan(100);
    const problems: string[] = [];
    const warnings = new Map<string, number>();
    let entries = 0;
    let papers = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const expected = new Set(headingIds(text));
      entries += headingIds(text).length;
      let digest;
      try {
        digest = parseDigest(text, file);
      } catch (error) {
        problems.push(`${file}: threw ${String(error)}`);
        continue;
      }
      papers += digest.papers.length;
      for (const w of digest.warnings) warnings.set(w.code, (warnings.get(w.code) ?? 0) + 1);
      const got = new Set(digest.papers.map((p) => p.id));
      const missing = [...expected].filter((id) => !got.has(id));
      const extra = [...got].filter((id) => !expected.has(id));
      if (missing.length > 0 || extra.length > 0) problems.push(`${file}: missing ${missing.join(",")} extra ${extra.join(",")}`);
      if (digest.date === null) problems.push(`${file}: no date`);
    }
    console.log(`corpus: ${files.length} Markdown files, ${entries} entries, ${papers} papers, warnings ${JSON.stringify(Object.fromEntries(warnings))}`);
    expect(problems).toEqual([]);
  }, 60_000);

  it("turns every line of every JSONL digest into a paper", () => {
    const files = filesUnder(dir, ".jsonl");
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const lines = text.split("\n").filter((l) => l.trim() !== "").length;
      const digest = parseDigest(text, file);
      expect({ file, papers: digest.papers.length, warnings: digest.warnings }).toEqual({ file, papers: lines, warnings: [] });
      expect(digest.papers.every((p) => p.categories.length > 0)).toBe(true);
    }
  }, 60_000);
});
