/** `paperboy feedback` as a black box: votes cast through the store on a real SQLite file, read by the built CLI. */
import { beforeAll, describe, expect, it } from "vitest";
import type { ArchivedPaper } from "../../src/core/paper.js";
import type { VoteValue } from "../../src/core/vote.js";
import type { FeedbackReport } from "../../src/cli/feedback-command.js";
import { openStore } from "../../src/store/open-store.js";
import { ensureBuilt, runCli, workspace, type Workspace } from "../helpers/cli.js";

beforeAll(() => ensureBuilt(), 120_000);

/** Ingests the seeds, subscribes `console:demo` and lets three people vote: LLM papers up, images down. */
async function votedWorkspace(): Promise<{ ws: Workspace; up: ArchivedPaper[]; down: ArchivedPaper[] }> {
  const ws = workspace();
  expect(runCli(ws, ["ingest", ws.seeds]).status).toBe(0);
  expect(runCli(ws, ["subscribe", "console:demo", "kv cache"]).status).toBe(0);
  const store = await openStore(ws.db);
  try {
    const papers: ArchivedPaper[] = [];
    for (const digest of await store.listDigests(10)) papers.push(...(await store.digestPapers(digest.date)));
    const up = papers.filter((p) => /\bLLMs?\b|language model/i.test(p.title)).slice(0, 6);
    const down = papers.filter((p) => /image|segmentation|3D|video|visual/i.test(p.title) && !up.includes(p)).slice(0, 6);
    const cast = async (list: ArchivedPaper[], value: VoteValue, userId: string) => {
      for (const paper of list) await store.recordVote({ channelId: "console:demo", paperId: paper.id, userId, value });
    };
    await cast(up, "up", "U1");
    await cast(down, "down", "U1");
    await cast(up.slice(0, 2), "up", "U2");
    await cast(down.slice(0, 1), "up", "U3");
    return { ws, up, down };
  } finally {
    await store.close();
  }
}

describe("paperboy feedback", { timeout: 120_000 }, () => {
  it("--json: per paper the 👍/👎 counts and title, totals, the learning mode and the model's top terms", async () => {
    const { ws, up, down } = await votedWorkspace();
    expect(up).toHaveLength(6);
    expect(down).toHaveLength(6);
    const result = runCli(ws, ["feedback", "console:demo", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as FeedbackReport;
    expect(report.channel).toBe("console:demo");
    expect(report.totals).toEqual({ up: 9, down: 6, papers: 12, voters: 3 });
    expect(report.learn).toEqual({ setting: "auto", effective: "rank" });
    // The two papers with two 👍 come first, in id order.
    const twice = up.slice(0, 2).map((p) => p.id).sort();
    expect(report.papers.slice(0, 2).map((p) => p.id)).toEqual(twice);
    expect(report.papers.find((p) => p.id === up[0]!.id)).toEqual({ id: up[0]!.id, title: up[0]!.title, up: 2, down: 0, lastVote: expect.stringMatching(/^\d{4}-/) });
    expect(report.papers.find((p) => p.id === down[0]!.id)).toMatchObject({ title: down[0]!.title, up: 1, down: 1 });
    const net = report.papers.map((p) => p.up - p.down);
    expect(net).toEqual([...net].sort((a, b) => b - a));
    expect(report.model).not.toBeNull();
    expect(report.model).toMatchObject({ papers: 12, up: 9, down: 6 });
    expect(report.model!.pushingUp.length).toBeGreaterThan(0);
    expect(report.model!.pushingUp.every((t) => t.weight > 0)).toBe(true);
    expect(report.model!.pushingDown.every((t) => t.weight < 0)).toBe(true);
    // Terms read as words of the papers the channel liked.
    const liked = up.map((p) => `${p.title} ${p.abstract ?? ""} ${p.tldr ?? ""}`.toLowerCase()).join(" ");
    expect(liked).toContain(report.model!.pushingUp[0]!.term.split(" ")[0]!);
  });

  it("prints a readable summary, and no model while the channel has voted only one way", async () => {
    const ws = workspace();
    expect(runCli(ws, ["ingest", ws.seeds]).status).toBe(0);
    expect(runCli(ws, ["subscribe", "console:demo", "kv cache"]).status).toBe(0);
    const store = await openStore(ws.db);
    const [paper] = await store.digestPapers("2026-01-06");
    await store.recordVote({ channelId: "console:demo", paperId: paper!.id, userId: "U1", value: "up" });
    await store.close();
    const text = runCli(ws, ["feedback", "console:demo"]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain("console:demo — 1 👍, 0 👎 on 1 papers from 1 people · learn auto (now off)");
    expect(text.stdout).toContain(`${paper!.id}  ${paper!.title}`);
    expect(text.stdout).toMatch(/model: not trained yet/);
    const json = JSON.parse(runCli(ws, ["feedback", "console:demo", "--json"]).stdout) as FeedbackReport;
    expect(json.model).toBeNull();
  });

  it("an unknown or malformed channel is a usage error (exit 2) in one line", () => {
    const ws = workspace();
    const unknown = runCli(ws, ["feedback", "console:nobody", "--json"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toMatch(/no channel console:nobody/);
    const malformed = runCli(ws, ["feedback", "nowhere"]);
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/not a channel/);
  });
});
