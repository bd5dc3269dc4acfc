/** Which day a file is stored as: a re-issue that lost most of its papers, undated files, bad dates. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli, workspace } from "../helpers/cli.js";

beforeAll(() => ensureBuilt(), 120_000);

const FULL = readFileSync(join(ROOT, "seeds", "2026-01-06.md"), "utf8");
const TOC_ONLY = "<div id=toc></div>\n\n# Table of Contents\n";

interface Report {
  files: Array<{ file: string; outcome: string; papers: number; storedPapers?: number; reason?: string }>;
  rejected: Array<{ file: string; code: string; message: string }>;
}

/** The day's file in a folder of its own, so each version can be ingested alone. */
function version(dir: string, name: string, text: string): string {
  mkdirSync(join(dir, name), { recursive: true });
  const file = join(dir, name, "2026-01-06.md");
  writeFileSync(file, text);
  return file;
}

describe("re-issued digests", { timeout: 120_000 }, () => {
  it("keeps the stored day when a truncated or TOC-only file arrives, says so, and replaces it with --replace", () => {
    const ws = workspace({}, { seeds: false });
    const full = version(ws.dir, "full", FULL);
    expect(runCli(ws, ["ingest", full]).status).toBe(0);

    const truncated = version(ws.dir, "truncated", FULL.slice(0, Math.floor(FULL.length * 0.3)));
    const kept = runCli(ws, ["ingest", truncated, "--json"]);
    expect(kept.status, kept.stderr).toBe(0);
    const report = JSON.parse(kept.stdout) as Report;
    expect(report.files[0]).toMatchObject({ outcome: "kept", storedPapers: 162 });
    expect(report.files[0]!.papers).toBeLessThan(81);
    expect(kept.stderr).toMatch(/kept the stored digest of 2026-01-06 \(162 papers\).*--replace/);

    const toc = runCli(ws, ["ingest", version(ws.dir, "toc", TOC_ONLY), "--json"]);
    expect((JSON.parse(toc.stdout) as Report).files[0]).toMatchObject({ outcome: "kept", papers: 0, storedPapers: 162 });

    // The stored version is still the full file.
    expect((JSON.parse(runCli(ws, ["ingest", full, "--json"]).stdout) as Report).files[0]!.outcome).toBe("unchanged");

    const replaced = runCli(ws, ["ingest", truncated, "--replace", "--json"]);
    expect((JSON.parse(replaced.stdout) as Report).files[0]!.outcome).toBe("updated");
  });

  it("rejects an empty file as not a digest and leaves the stored day alone", () => {
    const ws = workspace({}, { seeds: false });
    expect(runCli(ws, ["ingest", version(ws.dir, "full", FULL)]).status).toBe(0);
    const empty = runCli(ws, ["ingest", version(ws.dir, "empty", "")]);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/not a digest: no paper entries found/);
    expect((JSON.parse(runCli(ws, ["ingest", join(ws.dir, "full", "2026-01-06.md"), "--json"]).stdout) as Report).files[0]!.outcome).toBe("unchanged");
  });

  it("the service keeps the larger version too, with a warning in the log", () => {
    const ws = workspace({}, { seeds: false });
    writeFileSync(join(ws.seeds, "2026-01-06.md"), FULL);
    expect(runCli(ws, ["deliver"]).status).toBe(0);
    writeFileSync(join(ws.seeds, "2026-01-06.md"), FULL.slice(0, Math.floor(FULL.length * 0.3)));
    const second = runCli(ws, ["deliver"]);
    expect(second.stderr).toMatch(/reissue_kept/);
    expect(second.stderr).toMatch(/kept the stored digest of 2026-01-06 \(162 papers\)/);
    writeFileSync(join(ws.seeds, "2026-01-06.md"), FULL);
    expect((JSON.parse(runCli(ws, ["ingest", ws.seeds, "--json"]).stdout) as Report).files[0]!.outcome).toBe("unchanged");
  });
});

describe("dates", { timeout: 120_000 }, () => {
  const ONE = readFileSync(join(ROOT, "seeds", "2025-09-08.md"), "utf8");
  const TWO = readFileSync(join(ROOT, "seeds", "2025-12-11.md"), "utf8");

  it("two undated files in one folder are both rejected, naming the problem, instead of one replacing the other", () => {
    const ws = workspace({}, { seeds: false });
    writeFileSync(join(ws.seeds, "latest.md"), ONE);
    writeFileSync(join(ws.seeds, "digest.md"), TWO);
    const result = runCli(ws, ["ingest", ws.seeds, "--json"]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.files).toEqual([]);
    expect(report.rejected.map((r) => [r.file, r.code])).toEqual([["digest.md", "undated"], ["latest.md", "undated"]]);
    expect(report.rejected[0]!.message).toMatch(/no date in the file name.*YYYY-MM-DD\.md/);
  });

  it("an undated file does not replace a day that came from another file", () => {
    const ws = workspace({}, { seeds: false });
    const a = join(ws.dir, "a.md");
    const b = join(ws.dir, "b.md");
    writeFileSync(a, ONE);
    writeFileSync(b, TWO);
    expect(runCli(ws, ["ingest", a, "--date", "2026-01-06"]).status).toBe(0);
    const second = runCli(ws, ["ingest", b, "--date", "2026-01-06"]);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(/the digest of 2026-01-06 came from .*a\.md/);
    expect(runCli(ws, ["ingest", b, "--date", "2026-01-06", "--replace"]).status).toBe(0);
  });

  it("accepts only real calendar dates, with a one-line error and the usage exit code", () => {
    const ws = workspace({}, { seeds: false });
    const file = join(ws.dir, "latest.md");
    writeFileSync(file, ONE);
    const cases = [
      runCli(ws, ["ingest", file, "--date", "2026-13-45"]),
      runCli(ws, ["ingest", file, "--date", "2026-02-30"]),
      runCli(ws, ["parse", file, "--date", "yesterday"]),
      runCli(ws, ["render", "console:x", "--digest", "2026-13-45"]),
    ];
    for (const result of cases) {
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/must be a real date as YYYY-MM-DD/);
    }
  });
});
