/** The built CLI on inputs that are odd, hostile or broken: what users meet when a folder or file is wrong. */
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, CLI, ensureBuilt, ROOT, runCli, workspace } from "../helpers/cli.js";
import { addOddEntries, ODD_ENTRIES } from "../helpers/odd-entries.js";

beforeAll(() => ensureBuilt(), 120_000);

const SEED = (name: string) => join(ROOT, "seeds", name);

async function waitFor(predicate: () => boolean, ms: number): Promise<boolean> {
  for (let waited = 0; waited < ms && !predicate(); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
  return predicate();
}

describe("odd entries in a digests folder", { timeout: 120_000 }, () => {
  it("ingest <folder> skips each odd entry with one line naming it and ingests the good digest", () => {
    const ws = workspace({}, { seeds: false });
    copyFileSync(SEED("2025-09-08.md"), join(ws.seeds, "2025-09-08.md"));
    addOddEntries(ws.seeds);
    const result = runCli(ws, ["ingest", ws.seeds, "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { files: Array<{ file: string; papers: number }>; skipped: Array<{ file: string; code: string }> };
    expect(report.files.map((f) => [f.file, f.papers])).toEqual([["2025-09-08.md", 58]]);
    expect(Object.fromEntries(report.skipped.map((s) => [s.file.slice(ws.seeds.length + 1), s.code]))).toEqual(ODD_ENTRIES);
    for (const name of Object.keys(ODD_ENTRIES)) expect(result.stderr.split(`${name}:`).length - 1, result.stderr).toBe(1);
  });

  it("parse of a FIFO, a directory or a dangling symlink fails at once with what it is", () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-odd-"));
    addOddEntries(dir);
    const cases: Array<[string, RegExp]> = [
      ["fifo.md", /not a regular file \(a FIFO\)/],
      ["dangling.md", /dangling symlink/],
      ["self.md", /symlink loop/],
      ["huge.md", /larger than a digest can be/],
    ];
    for (const [name, message] of cases) {
      const result = runCli(null, ["parse", join(dir, name)]);
      expect(result.signal, `${name} hung`).toBeNull();
      expect(result.status, name).toBe(1);
      expect(result.stderr.trim().split("\n"), name).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    }
  });

  it("start keeps running beside odd entries and a symlink loop that appears later, and ingests new digests", async () => {
    // A 5-second poll: a file added before the watcher is ready is found by the poll (and every poll
    // re-checks the odd entries, which must still be reported once).
    const ws = workspace({ sources: { folderPollSeconds: 5 }, console: { enabled: true, channels: [{ name: "all", topics: ["learning"], settings: { mode: "instant" } }] } }, { seeds: false });
    copyFileSync(SEED("2025-09-08.md"), join(ws.seeds, "2025-09-08.md"));
    addOddEntries(ws.seeds);
    const child = spawn(process.execPath, [CLI, "--config-dir", ws.configDir, "start"], { cwd: ws.dir, env: { ...cleanEnv(), PORT: "0" } });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    let exited = false;
    child.on("exit", () => (exited = true));
    try {
      expect(await waitFor(() => out.includes("2025-09-08") || exited, 30_000), err).toBe(true);
      expect(exited, err).toBe(false);
      symlinkSync("later-b.md", join(ws.seeds, "later-a.md"));
      symlinkSync("later-a.md", join(ws.seeds, "later-b.md"));
      const before = out.length;
      copyFileSync(SEED("2025-12-11.md"), join(ws.seeds, "2025-12-11.md"));
      expect(await waitFor(() => out.slice(before).includes("2025-12-11") || exited, 30_000), err).toBe(true);
      expect(exited, err).toBe(false);
      for (const name of Object.keys(ODD_ENTRIES)) expect(err.split(`${name}`).length - 1, `${name} in ${err}`).toBe(1);
    } finally {
      child.kill("SIGINT");
    }
    await new Promise((resolve) => (exited ? resolve(null) : child.on("exit", resolve)));
  });
});

describe("links in a digest", { timeout: 60_000 }, () => {
  it("parse builds each paper's link from its arXiv id and warns about the digest's own link", () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-links-"));
    const file = join(dir, "2026-01-01.jsonl");
    writeFileSync(file, JSON.stringify({ id: "2601.00001", title: "T", abs: "https://arxiv.org.evil.example/abs/2601.00001", code_url: "javascript:alert(1)" }) + "\n");
    const result = runCli(null, ["parse", file, "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as { papers: Array<{ url: string; codeUrl: string | null }>; warnings: Array<{ code: string; line: number }> };
    expect(parsed.papers).toMatchObject([{ url: "https://arxiv.org/abs/2601.00001", codeUrl: null }]);
    expect(parsed.warnings.map((w) => [w.code, w.line])).toEqual([["url_mismatch", 1], ["bad_code_url", 1]]);
  });
});
