/** `paperboy related` as a black box: ingest the seeds into a temporary database, ask for a topic's terms. */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, workspace } from "../helpers/cli.js";

beforeAll(() => ensureBuilt(), 120_000);

interface Report {
  topic: string;
  matching: number;
  all: number;
  terms: Array<{ term: string; kind: string; inMatching: number; inAll: number; lift: number }>;
}

describe("paperboy related", { timeout: 120_000 }, () => {
  it("lists terms of the matching papers by lift, with their counts", () => {
    const ws = workspace();
    expect(runCli(ws, ["ingest", ws.seeds]).status).toBe(0);
    const result = runCli(ws, ["related", "kv cache", "--min-support", "2", "--limit", "8", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.topic).toBe("kv cache");
    // The same papers `search` finds in the archive.
    const search = JSON.parse(runCli(ws, ["search", "kv cache", "--limit", "500", "--json"]).stdout) as unknown[];
    expect(report.matching).toBe(search.length);
    expect(report.all).toBeGreaterThan(report.matching);
    expect(report.terms.length).toBeGreaterThan(0);
    expect(report.terms.length).toBeLessThanOrEqual(8);
    for (const t of report.terms) {
      expect(t.inMatching).toBeGreaterThanOrEqual(2);
      expect(t.inAll).toBeGreaterThanOrEqual(t.inMatching);
      expect(Math.abs(t.lift - t.inMatching / report.matching / (t.inAll / report.all))).toBeLessThanOrEqual(0.0051);
      expect(["kv", "cache", "kv cache"]).not.toContain(t.term.toLowerCase());
    }
    const lifts = report.terms.map((t) => t.lift);
    expect(lifts).toEqual([...lifts].sort((a, b) => b - a));
  });

  it("subscribe hints at a new topic's related terms from the latest digest, and only when papers match", () => {
    const ws = workspace();
    expect(runCli(ws, ["ingest", ws.seeds]).status).toBe(0);
    const result = runCli(ws, ["subscribe", "console:news", "federated, quantum chromodynamics"]);
    expect(result.status, result.stderr).toBe(0);
    const hints = result.stdout.split("\n").filter((line) => line.startsWith("Papers about"));
    expect(hints).toHaveLength(1);
    expect(hints[0]).toMatch(/^Papers about federated also say: [^,]+, [^,]+, [^,]+$/);
  });

  it.each([
    ["two topics", ["related", "kv cache, moe"]],
    ["a bad limit", ["related", "kv cache", "--limit", "0"]],
    ["a bad topic", ["related", '"kv cache']],
  ])("refuses %s with a usage error", (_name, args) => {
    const ws = workspace({}, { seeds: false });
    const result = runCli(ws, args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^paperboy: /);
  });
});
