/** The built CLI's error replies: each names the real problem and what to do, in one line. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli, workspace } from "../helpers/cli.js";

beforeAll(() => ensureBuilt(), 120_000);

const oneLine = (stderr: string) => expect(stderr.trim().split("\n"), stderr).toHaveLength(1);

describe("CLI errors that say what is wrong", { timeout: 120_000 }, () => {
  it("replies point to paperboy channels, the command that exists", () => {
    const ws = workspace({}, { seeds: false });
    const added = runCli(ws, ["subscribe", "console:news", "kv cache"]);
    expect(added.stdout).toContain("paperboy channels");
    expect(added.stdout).not.toContain("paperboy list");
    const missing = runCli(ws, ["unsubscribe", "console:news", "5"]);
    expect(missing.stderr).toContain("paperboy channels");
    expect(missing.stderr).not.toContain("paperboy list");
  });

  it("set, unsubscribe and render on an unknown channel fail without creating it", () => {
    const ws = workspace({}, { seeds: false });
    for (const args of [["set", "console:typo", "max", "3"], ["unsubscribe", "console:typo", "all"], ["render", "console:typo"]]) {
      const result = runCli(ws, args);
      expect(result.status, args.join(" ")).toBe(2);
      oneLine(result.stderr);
      expect(result.stderr).toMatch(/no channel console:typo — paperboy channels lists them/);
    }
    expect(JSON.parse(runCli(ws, ["channels", "--json"]).stdout)).toEqual([]);
  });

  it("topics may start with '-', directly or after --", () => {
    const ws = workspace({}, { seeds: false });
    expect(runCli(ws, ["subscribe", "console:news", "diffusion", "-survey"]).status).toBe(0);
    expect(runCli(ws, ["subscribe", "console:news", "--", "gan", "-review"]).status).toBe(0);
    const channels = JSON.parse(runCli(ws, ["channels", "--json"]).stdout) as Array<{ topics: string[] }>;
    expect(channels[0]!.topics).toEqual(["diffusion -survey", "gan -review"]);
  });

  it("set max with a word says what to type instead of zod's wording", () => {
    const ws = workspace({}, { seeds: false });
    runCli(ws, ["subscribe", "console:news", "kv cache"]);
    const result = runCli(ws, ["set", "console:news", "max", "abc"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/max: expected a whole number from 1 to 500, e\.g\. 15, got 'abc'/);
    expect(result.stderr).not.toMatch(/NaN|received/);
  });

  it("render --digest <empty folder> names the folder instead of crashing", () => {
    const ws = workspace({}, { seeds: false });
    runCli(ws, ["subscribe", "console:news", "kv cache"]);
    const empty = join(ws.dir, "empty");
    mkdirSync(empty);
    const result = runCli(ws, ["render", "console:news", "--digest", empty]);
    expect(result.status).toBe(1);
    oneLine(result.stderr);
    expect(result.stderr).toContain(`no .md or .jsonl digest in ${empty}`);
    expect(result.stderr).not.toMatch(/undefined/);
  });

  it("ingest of an unreachable URL names the URL and the cause", () => {
    const ws = workspace({}, { seeds: false });
    const result = runCli(ws, ["ingest", "http://127.0.0.1:1/2026-01-06.md"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/could not fetch http:\/\/127\.0\.0\.1:1\/2026-01-06\.md: bad port/);
  });

  it("ingest --json lists rejections as {file, code, message} without the file name twice", () => {
    const ws = workspace({}, { seeds: false });
    writeFileSync(join(ws.seeds, "2026-01-06.md"), "# My notes\n\nNothing here.\n");
    const result = runCli(ws, ["ingest", ws.seeds, "--json"]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout) as { rejected: Array<{ file: string; code: string; message: string }> };
    expect(report.rejected).toEqual([{ file: "2026-01-06.md", code: "not_a_digest", message: expect.stringMatching(/^not a digest: /) }]);
    expect(result.stderr.split("2026-01-06.md").length - 1).toBeLessThanOrEqual(2);
  });

  it("parse <folder> parses every digest in it", () => {
    const result = runCli(null, ["parse", join(ROOT, "seeds")]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.split("\n").filter((line) => /^\S/.test(line))).toEqual([
      "2025-09-08.md: markdown, date 2025-09-08, 58 papers, 0 warnings",
      "2025-10-23.md: markdown, date 2025-10-23, 107 papers, 0 warnings",
      "2025-12-11.md: markdown, date 2025-12-11, 82 papers, 0 warnings",
      "2026-01-06.md: markdown, date 2026-01-06, 162 papers, 0 warnings",
    ]);
  });

  it("configuration problems name the setting and the file", () => {
    const ws = workspace({}, { seeds: false });
    writeFileSync(join(ws.configDir, "local.json"), JSON.stringify({ port: "abc", defaults: { tiemzone: "UTC" } }));
    const result = runCli(ws, ["channels"]);
    expect(result.status).toBe(2);
    oneLine(result.stderr);
    expect(result.stderr).toMatch(/port \(in .*local\.json\): expected a number/);
    expect(result.stderr).toMatch(/defaults\.tiemzone \(in .*local\.json\): unknown setting — did you mean 'timezone'\?/);
    expect(result.stderr).not.toContain("PORT");
    const emptyDb = runCli(ws, ["--db", "sqlite:", "channels"]);
    expect(emptyDb.stderr).toMatch(/db.*expected sqlite:<path>/);
  });

  it("exit codes: 2 for every usage error (commander's and paperboy's), 1 for runtime failures, 0 for help", () => {
    const ws = workspace({}, { seeds: false });
    const usage = [["nosuch"], ["ingest"], ["ingest", "--bogus", "x"], ["search", "kv", "--limit", "0"], ["subscribe", "nowhere", "kv"]];
    for (const args of usage) {
      const result = runCli(ws, args);
      expect(result.status, `${args.join(" ")}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(/^paperboy: /);
    }
    expect(runCli(ws, ["ingest", join(ws.dir, "missing.md")]).status).toBe(1);
    expect(runCli(ws, ["--help"]).status).toBe(0);
    expect(runCli(ws, ["ingest", "--help"]).status).toBe(0);
  });
});
