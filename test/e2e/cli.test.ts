/** The built CLI as a black box, on a copy of the seeds: what a new user runs. */
import { spawn } from "node:child_process";
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, CLI, ensureBuilt, ROOT, runCli, workspace } from "../helpers/cli.js";

beforeAll(() => ensureBuilt(), 120_000);

async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const SEED_COUNTS: Record<string, number> = { "2025-09-08.md": 58, "2025-10-23.md": 107, "2025-12-11.md": 82, "2026-01-06.md": 162 };

describe("paperboy CLI", { timeout: 120_000 }, () => {
  it("parse --json prints {date, papers, warnings} with the seeds' paper counts", () => {
    for (const [file, count] of Object.entries(SEED_COUNTS)) {
      const result = runCli(null, ["parse", join(ROOT, "seeds", file), "--json"]);
      expect(result.status, result.stderr).toBe(0);
      const parsed = JSON.parse(result.stdout) as { date: string; papers: Array<{ id: string }>; warnings: unknown[] };
      expect(parsed.date).toBe(file.slice(0, 10));
      expect(parsed.papers).toHaveLength(count);
      expect(parsed.papers.every((paper) => /^\d{4}\.\d{4,5}$/.test(paper.id))).toBe(true);
    }
  });

  it("rejects a file that is not a digest with one line and a non-zero exit, storing nothing", () => {
    const ws = workspace({}, { seeds: false });
    writeFileSync(join(ws.seeds, "notes.md"), "# My notes\n\nNothing to see here.\n");
    const result = runCli(ws, ["ingest", join(ws.seeds, "notes.md")]);
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n").at(-1)).toMatch(/not a digest/);
    const search = runCli(ws, ["search", "notes", "--json"]);
    expect(JSON.parse(search.stdout)).toEqual([]);
  });

  it("ingests, is idempotent, and searches the archive", () => {
    const ws = workspace();
    const first = runCli(ws, ["ingest", ws.seeds, "--json"]);
    expect(first.status, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout) as { files: Array<{ outcome: string }>; papers: number };
    expect(report.files.map((file) => file.outcome)).toEqual(["new", "new", "new", "new"]);
    const again = JSON.parse(runCli(ws, ["ingest", ws.seeds, "--json"]).stdout) as { files: Array<{ outcome: string }>; papers: number };
    expect(again.files.map((file) => file.outcome)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(again.papers).toBe(report.papers);
    const search = runCli(ws, ["search", "kv", "cache", "--limit", "3", "--json"]);
    const hits = JSON.parse(search.stdout) as Array<{ id: string; title: string; terms: string[] }>;
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(3);
    expect(hits[0]!.terms.join(" ").toLowerCase()).toMatch(/kv/);
  });

  it("match prints matching papers with their matched terms", () => {
    const result = runCli(null, ["match", "RAG", join(ROOT, "seeds", "2026-01-06.md"), "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const matches = JSON.parse(result.stdout) as Array<{ title: string; terms: string[] }>;
    expect(matches.length).toBeGreaterThan(0);
    for (const match of matches) expect(match.terms.join(" ")).toMatch(/RAG|Retrieval/i);
  });

  it("manages channels: subscribe, set, channels, unsubscribe, with clear errors", () => {
    const ws = workspace();
    expect(runCli(ws, ["subscribe", "console:news", "kv cache, moe"]).status).toBe(0);
    expect(runCli(ws, ["set", "console:news", "schedule", "08:30", "Europe/Berlin", "weekdays"]).status).toBe(0);
    expect(runCli(ws, ["set", "console:news", "max", "3"]).status).toBe(0);
    expect(runCli(ws, ["set", "console:news", "language", "en"]).status).toBe(0);
    expect(runCli(ws, ["set", "console:news", "match", "broad"]).status).toBe(0);
    const channels = JSON.parse(runCli(ws, ["channels", "--json"]).stdout) as Array<{ id: string; topics: string[]; settings: Record<string, unknown> }>;
    expect(channels).toHaveLength(1);
    expect(channels[0]).toMatchObject({ id: "console:news", topics: ["kv cache", "moe"], settings: { time: "08:30", timezone: "Europe/Berlin", days: "weekdays", maxPapers: 3, language: "en", match: "broad", learn: "auto" } });
    expect(runCli(ws, ["unsubscribe", "console:news", "1"]).status).toBe(0);
    expect((JSON.parse(runCli(ws, ["channels", "--json"]).stdout) as Array<{ topics: string[] }>)[0]!.topics).toEqual(["moe"]);

    const bad = [
      runCli(ws, ["subscribe", "console:news", '"kv cache']),
      runCli(ws, ["subscribe", "nowhere", "kv"]),
      runCli(ws, ["set", "console:news", "max", "9000"]),
      runCli(ws, ["set", "console:news", "timezone", "Mars/Base"]),
      runCli(ws, ["set", "console:news", "language", "klingon"]),
      runCli(ws, ["unsubscribe", "console:news", "7"]),
    ];
    for (const result of bad) {
      expect(result.status).not.toBe(0);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/^paperboy: /);
    }
  });

  it("render --json prints the payloads per platform", () => {
    const ws = workspace();
    runCli(ws, ["ingest", ws.seeds]);
    runCli(ws, ["subscribe", "slack:T1/C1", "kv cache, llm serving"]);
    const slack = JSON.parse(runCli(ws, ["render", "slack:T1/C1", "--json"]).stdout) as Array<{ blocks: unknown[]; text: string }>;
    expect(slack.length).toBeGreaterThan(0);
    expect(slack[0]!.blocks.length).toBeGreaterThan(0);
    const discord = JSON.parse(runCli(ws, ["render", "slack:T1/C1", "--platform", "discord", "--json"]).stdout) as Array<{ allowed_mentions: unknown }>;
    expect(discord.every((body) => JSON.stringify(body.allowed_mentions) === JSON.stringify({ parse: [] }))).toBe(true);
    const fromFile = runCli(ws, ["render", "slack:T1/C1", "--digest", join(ws.seeds, "2025-09-08.md"), "--platform", "console"]);
    expect(fromFile.stdout).toContain("2025-09-08");
  });

  it("npm start's demo: ingests the seeds, posts to every demo channel, picks up a new file, stops on SIGINT", async () => {
    const ws = workspace({}, { seeds: false });
    // The demo's own configuration (console channels from config/default.json), in a temp folder.
    const demo = JSON.parse(readFileSync(join(ROOT, "config", "default.json"), "utf8"));
    writeFileSync(join(ws.configDir, "default.json"), JSON.stringify({ ...demo, db: ws.db, digests: ws.seeds, logLevel: "warn" }));
    for (const name of ["2025-09-08.md", "2025-12-11.md"]) copyFileSync(join(ROOT, "seeds", name), join(ws.seeds, name));
    const port = await freePort();
    const child = spawn(process.execPath, [CLI, "--config-dir", ws.configDir, "start"], { cwd: ws.dir, env: { ...cleanEnv(), PORT: String(port) } });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    const channels = (demo.console.channels as Array<{ name: string }>).map((c) => c.name);
    const waitFor = async (predicate: () => boolean, ms: number) => {
      for (let waited = 0; waited < ms && !predicate(); waited += 100) await new Promise((r) => setTimeout(r, 100));
      return predicate();
    };
    try {
      expect(await waitFor(() => channels.every((name) => out.includes(`[#${name}]`)), 20_000), out).toBe(true);
      expect(out).toContain("2025-12-11");
      expect(await waitFor(() => out.length > 0, 1000)).toBe(true);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(new RegExp(`paperboy_deliveries_total\\{outcome="delivered"\\} ${channels.length}`));
      expect(metrics).toMatch(/paperboy_archive_papers \d+/);
      const before = out.length;
      copyFileSync(join(ROOT, "seeds", "2026-01-06.md"), join(ws.seeds, "2026-01-06.md"));
      expect(await waitFor(() => out.slice(before).includes("2026-01-06"), 20_000), out.slice(before)).toBe(true);
    } finally {
      child.kill("SIGINT");
    }
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(0);
  }, 60_000);
});
