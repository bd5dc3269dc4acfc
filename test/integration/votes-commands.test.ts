/** /papers vote through the real command handler, a real SQLite file and the seeds' archive. */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import type { CommandContext } from "../../src/core/ports.js";
import { plain, type Post } from "../../src/core/post.js";
import { appTestConfig, testLogger } from "../helpers/app-config.js";

let app: App;
let dir: string;
const now = new Date("2026-01-06T10:00:00Z");
const alice: CommandContext = { channel: { platform: "slack", workspace: "T1", channel: "C1" }, userId: "U1", isManager: false };
const bob: CommandContext = { ...alice, userId: "U2" };
const otherTeam: CommandContext = { channel: { platform: "slack", workspace: "T2", channel: "C1" }, userId: "U1", isManager: false };
/** Each test votes in a channel of its own, so the totals it expects hold in any order. */
const inChannel = (context: CommandContext, channel: string): CommandContext => ({ ...context, channel: { ...context.channel, channel } });

const textOf = (post: Post) => [post.header.title, ...post.intro.map(plain)].join("\n");
const vote = (args: string, context = alice) => app.handleCommand({ name: "vote", args }, context);

beforeAll(async () => {
  const setup = appTestConfig("paperboy-votes-", {});
  dir = setup.dir;
  app = await createApp(setup.config, { logger: testLogger(), clock: { now: () => now } });
  await app.pollSources();
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("/papers vote", () => {
  it("records the vote of the person who asks and answers with the channel's totals", async () => {
    const post = await vote("2601.01186 up");
    expect(post.isError).toBeFalsy();
    expect(post.ephemeral).toBe(true);
    expect(textOf(post)).toContain("Noted — this channel has 1 👍, 0 👎 so far.");
    expect(textOf(post)).toMatch(/once there are 5 of each/);
    expect(await app.store.channelVotes("slack:T1/C1")).toMatchObject([{ paperId: "2601.01186", userId: "U1", value: "up" }]);
  });

  it("lets a person change their vote, and counts each person once", async () => {
    const [aliceHere, bobHere] = [inChannel(alice, "C2"), inChannel(bob, "C2")];
    expect(textOf(await vote("2601.01186 up", aliceHere))).toContain("this channel has 1 👍, 0 👎 so far");
    expect(textOf(await vote("https://arxiv.org/abs/2601.01186v2 down", aliceHere))).toContain("this channel has 0 👍, 1 👎 so far");
    expect(textOf(await vote("2601.01186 👍", bobHere))).toContain("this channel has 1 👍, 1 👎 so far");
    expect(textOf(await vote("2601.01234 down", bobHere))).toContain("this channel has 1 👍, 2 👎 so far");
    const votes = await app.store.channelVotes("slack:T1/C2");
    expect(votes.map(({ paperId, userId, value }) => `${paperId} ${userId} ${value}`).sort()).toEqual(["2601.01186 U1 down", "2601.01186 U2 up", "2601.01234 U2 down"]);
  });

  it("keeps each channel's votes apart", async () => {
    expect(textOf(await vote("2601.01578 down", inChannel(alice, "C3")))).toContain("this channel has 0 👍, 1 👎 so far");
    expect(textOf(await vote("2601.01578 up", inChannel(otherTeam, "C3")))).toContain("this channel has 1 👍, 0 👎 so far");
    expect(await app.store.voteCounts("slack:T1/C3")).toEqual({ up: 0, down: 1 });
  });

  it("stops hinting at the auto threshold once the channel has enough votes of each kind", async () => {
    const ids = (await app.store.digestPapers("2026-01-06")).slice(0, 10).map((p) => p.id);
    let last: Post | null = null;
    for (const [i, id] of ids.entries()) last = await vote(`${id} ${i < 5 ? "up" : "down"}`, { ...inChannel(alice, "C4"), userId: `V${i}` });
    expect(textOf(last!)).not.toMatch(/once there are/);
  });

  it("refuses a missing value, a bad id and a paper outside the archive, with an example", async () => {
    const before = await app.store.voteCounts("slack:T1/C1");
    const missing = await vote("2601.01186");
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/up or down/);
    expect(missing.intro.map(plain).join(" ")).toMatch(/Example: \/papers vote 2512\.09277 up/);
    const sideways = await vote("2601.01186 sideways");
    expect(sideways.isError).toBe(true);
    const bad = await vote("not-an-id up");
    expect(textOf(bad)).toMatch(/'not-an-id' is not an arXiv id/);
    const unknown = await vote("2512.99999 up");
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toMatch(/not in the archive/);
    expect(await app.store.voteCounts("slack:T1/C1")).toEqual(before);
  });

  it("status, list and `set learn` show the mode in effect, with the votes it depends on", async () => {
    const manager = { ...inChannel(alice, "C5"), isManager: true };
    const run = async (name: string, args = "") => textOf(await app.handleCommand({ name, args }, manager));
    await run("subscribe", "kv cache");
    await vote("2601.01186 up", manager);
    expect(await run("status")).toContain("Learning from votes: auto — off until 5 👍 and 5 👎 (1 👍, 0 👎 so far).");
    expect(await run("list")).toContain("learning from votes: auto — off until 5 👍 and 5 👎 (1 👍, 0 👎 so far)");
    expect(await run("set", "learn rank")).toContain("learn is now rank — keyword order until there are both 👍 and 👎 (1 👍, 0 👎 so far).");
    const ids = (await app.store.digestPapers("2026-01-06")).map((p) => p.id).filter((id) => id !== "2601.01186").slice(0, 11);
    for (const [i, id] of ids.entries()) await vote(`${id} ${i < 5 ? "up" : "down"}`, { ...manager, userId: `W${i}` });
    expect(await run("set", "learn auto")).toContain("learn is now auto — ranking by votes (6 👍, 6 👎).");
    expect(await run("status")).toContain("Learning from votes: auto — ranking by votes (6 👍, 6 👎).");
    expect(await run("set", "learn filter")).toContain("learn is now filter — ranking by votes and holding back unwanted papers (6 👍, 6 👎).");
    expect(await run("list")).toContain("learning from votes: filter — ranking by votes and holding back unwanted papers (6 👍, 6 👎)");
    expect(await run("set", "learn off")).toContain("learn is now off.");
  });

  it("is listed in help", async () => {
    const help = await app.handleCommand({ name: "help", args: "" }, alice);
    expect(help.intro.map(plain).join("\n")).toMatch(/\/papers vote <arXiv id> <up\|down>/);
  });
});
