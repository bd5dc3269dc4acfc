/**
 * The real app (createApp → the real Bolt app in Socket Mode, OAuth installations in SQLite) against the
 * fake Slack: every /papers subcommand, scheduled deliveries across two workspaces, limits, hostile text,
 * rate limits, a removed channel and an uninstall.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelRef } from "../../src/core/channel.js";
import type { SlackPlatform } from "../../src/platforms/slack/slack.js";
import { SLACK_LIMITS } from "../../src/platforms/slack/limits.js";
import { FakeSlack, type FakeMessage, type FakeTeam, type Reply } from "./fakes/slack.js";
import { blockTexts } from "./fakes/slack-validate.js";
import { digestMarkdown, startSlackTestApp, textOf, type SlackTestApp } from "./fakes/slack-setup.js";

const ADMIN = "UADMIN";

// Two fixtures, each with its own fake Slack and app: the command tests read an archive holding only the
// seeds (so "the latest digest" is 2026-01-06 whatever ran before), the delivery tests add digests of
// their own. Every test subscribes the channels it uses, so any order works.
let fake: FakeSlack;
let t1: FakeTeam;
let t2: FakeTeam;
let t3: FakeTeam;
let env: SlackTestApp;

async function startFixture(): Promise<void> {
  fake = await FakeSlack.start();
  t1 = fake.addTeam("T1");
  t2 = fake.addTeam("T2");
  t3 = fake.addTeam("T3");
  const appToken = fake.addAppToken();
  for (const channel of ["CHELP", "CSUBS", "CLOOK", "CSET", "CISO", "CA", "CB", "CKEEP", "CBIG", "CBAD", "CSTORM", "CGONE", "CREC", "CLOST"]) fake.addChannel("T1", channel);
  fake.addChannel("T1", "COUT", { member: false });
  fake.addChannel("T2", "CA");
  fake.addChannel("T2", "CISO");
  fake.addChannel("T3", "CA");
  env = await startSlackTestApp({
    fake,
    now: new Date("2026-01-06T08:00:00Z"),
    installs: [t1, t2, t3],
    slack: { appToken, clientId: "111.222", clientSecret: "client-secret", stateSecret: "state-secret", managers: [ADMIN] },
  });
}

async function stopFixture(): Promise<void> {
  await env?.close();
  await fake?.close();
}

/** Runs a slash command and returns the text of its (single) ephemeral reply. */
async function papers(team: string, channel: string, text: string, user = ADMIN): Promise<string> {
  const replies = await fake.slashCommand(team, channel, user, text);
  expect(replies).toHaveLength(1);
  expect(replies[0]!.body["response_type"]).toBe("ephemeral");
  return textOf(replies[0]!.body);
}

const topicsOf = async (id: string) => (await env.app.store.listTopics(id)).map((topic) => topic.text);
const settingsOf = async (id: string) => (await env.app.store.getChannel(id))?.settings;

/**
 * Subscribes a channel, then ingests a digest a minute later: a channel's first post holds the digests
 * that arrived after it was created, so the post is this digest whatever other tests ingested before.
 */
async function subscribeThenIngest(channel: string, topic: string, date: string, markdown: string): Promise<void> {
  await papers("T1", channel, `subscribe ${topic}`);
  env.clock.set(new Date(env.clock.now().getTime() + 60_000));
  const [report] = await env.app.ingestFiles([{ name: `${date}.md`, source: `test:${date}`, text: markdown }]);
  expect(report?.outcome).toBe("new");
}

describe("Slack over Socket Mode, two workspaces installed with OAuth", () => {
  beforeAll(startFixture);
  afterAll(stopFixture);

  // ------------------------------------------------------------ commands

  it("acks /papers help over the socket and answers with an ephemeral usage list", async () => {
    const before = fake.acks.length;
    const timelineStart = fake.timeline.length;
    const text = await papers("T1", "CHELP", "help");
    expect(fake.acks.length).toBe(before + 1);
    // The envelope is acked (Slack's 3-second rule) before the answer is computed and sent.
    expect(fake.timeline.slice(timelineStart).map((entry) => entry.split(" ")[0])).toEqual(["ack", "reply"]);
    expect(fake.acks[before]!.payload ?? {}).toEqual({});
    for (const sub of ["subscribe", "unsubscribe", "list", "search", "paper", "digest", "why", "schedule", "set", "pause / resume", "status"]) {
      expect(text).toContain(`\`/papers ${sub}`);
    }
    // Empty text is help too.
    expect(await papers("T1", "CHELP", "")).toBe(text);
  });

  it("subscribes, lists and unsubscribes topics", async () => {
    const subscribed = await papers("T1", "CSUBS", "subscribe language model, federated");
    expect(subscribed).toContain("Subscribed to 2 topics");
    expect(subscribed).toMatch(/`federated` — would have matched \d+ papers in the 2026-01-06 digest/);
    expect(await topicsOf("slack:T1/CSUBS")).toEqual(["language model", "federated"]);

    const list = await papers("T1", "CSUBS", "list");
    expect(list).toContain("1. `language model`");
    expect(list).toContain("2. `federated`");

    expect(await papers("T1", "CSUBS", "unsubscribe 1")).toContain("Removed 1 topic");
    expect(await topicsOf("slack:T1/CSUBS")).toEqual(["federated"]);
    expect(await papers("T1", "CSUBS", "list")).not.toContain("language model");
  });

  it("answers search, paper, digest and why from the archive", async () => {
    await papers("T1", "CLOOK", "subscribe federated");

    const search = await papers("T1", "CLOOK", "search diffusion");
    expect(search).toContain("Search: diffusion");
    expect(search.match(/\*<https:\/\/arxiv\.org\/abs\/[\d.]+\|/g)).toHaveLength(5);

    const paper = await papers("T1", "CLOOK", "paper 2601.01186");
    expect(paper).toContain("*<https://arxiv.org/abs/2601.01186|Analog Weight Update Rule in Ferroelectric Hafnia");
    for (const label of ["*Motivation*", "*Method*", "*Result*", "*Conclusion*"]) expect(paper).toContain(label);

    const digest = await papers("T1", "CLOOK", "digest 2026-01-06");
    expect(digest).toContain("arXiv digest · 2026-01-06");
    expect(digest).toContain("topics: `federated`");
    expect(digest).toContain("*<https://arxiv.org/abs/2601.01793|Distributed Federated Learning");

    expect(await papers("T1", "CLOOK", "why 2601.01186")).toContain("matches none of this channel's topics");
    expect(await papers("T1", "CLOOK", "why 2601.01793")).toContain("federated");
  });

  it("changes the schedule and settings, pauses, resumes and reports status", async () => {
    await papers("T1", "CSET", "subscribe federated");
    expect(await papers("T1", "CSET", "schedule 08:30 Europe/Berlin weekdays")).toContain("08:30 Europe/Berlin, Monday to Friday");
    expect(await papers("T1", "CSET", "set max 3")).toContain("max is now 3");
    expect(await papers("T1", "CSET", "set format full")).toContain("format is now full");
    expect(await settingsOf("slack:T1/CSET")).toMatchObject({ time: "08:30", timezone: "Europe/Berlin", days: "weekdays", maxPapers: 3, format: "full", paused: false });

    expect(await papers("T1", "CSET", "pause")).toContain("Paused");
    expect((await settingsOf("slack:T1/CSET"))?.paused).toBe(true);
    expect(await papers("T1", "CSET", "resume")).toContain("Resumed");
    expect((await settingsOf("slack:T1/CSET"))?.paused).toBe(false);

    const status = await papers("T1", "CSET", "status");
    expect(status).toContain("Latest digest: 2026-01-06");
    expect(status).toContain("08:30 Europe/Berlin");

    expect(await papers("T1", "CSET", "set max banana")).toContain("⚠️");
  });

  it("keeps workspaces apart: the same channel id in another team is another channel", async () => {
    await papers("T1", "CISO", "subscribe federated");
    expect(await papers("T2", "CISO", "list")).not.toContain("federated");
    expect(await topicsOf("slack:T2/CISO")).toEqual([]);
  });

  it("refuses changes from a member who is not in slack.managers, and allows reading", async () => {
    const refused = await papers("T1", "CHELP", "subscribe moe", "UBOB");
    expect(refused).toContain("Only channel managers");
    expect(await topicsOf("slack:T1/CHELP")).toEqual([]);
    expect(await papers("T1", "CHELP", "pause", "UBOB")).toContain("Only channel managers");
    expect(await papers("T1", "CHELP", "list", "UBOB")).toContain("Topics of this channel");
  });

  it("tells the user to invite the bot before subscribing a channel it is not in", async () => {
    expect(await papers("T1", "COUT", "subscribe federated")).toContain("/invite @paperboy");
    expect(await topicsOf("slack:T1/COUT")).toEqual([]);
  });

  // ------------------------------------------------------------ deliveries

  it("delivers the scheduled digest to three channels in two workspaces, each with its own token", async () => {
    await papers("T1", "CA", "subscribe language model");
    await papers("T1", "CB", "subscribe federated");
    await papers("T2", "CA", "subscribe diffusion");
    const report = await env.app.deliverDue(new Date("2026-01-06T09:01:00Z"));
    expect(report.failed).toBe(0);

    for (const [team, channel, topic] of [[t1, "CA", "language model"], [t1, "CB", "federated"], [t2, "CA", "diffusion"]] as const) {
      const posted = fake.posted(team.id, channel);
      expect(posted.length, `${team.id}/${channel}`).toBeGreaterThanOrEqual(1);
      const first = posted[0]!;
      expect(first.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: expect.stringContaining("arXiv digest · 2026-01-06"), emoji: true } });
      expect(blockTexts(first.blocks)).toContain(`topics: \`${topic}\``);
      expect(textOf(first.body)).toMatch(/\*<https:\/\/arxiv\.org\/abs\/2601\.\d+\|/);
      expect(first.body).toMatchObject({ unfurl_links: false, unfurl_media: false, metadata: { event_type: "paperboy_post" } });
      expect(first.text).toContain("arXiv digest");
      // Each workspace's post went out with that workspace's own bot token.
      const calls = fake.calls("chat.postMessage").filter((call) => call.body["channel"] === channel && call.error === null);
      expect(calls.some((call) => call.headers.authorization === `Bearer ${team.botToken}`)).toBe(true);
    }
    const delivery = await env.app.store.lastDelivery("slack:T2/CA");
    expect(delivery?.state).toBe("sent");
    expect(delivery?.messages.map((message) => message.ref)).toEqual(fake.posted("T2", "CA").map((message) => message.ts));
  });

  it("does not post again when a recovering send finds the earlier attempt by its metadata key", async () => {
    const slack = env.app.platforms.get("slack")!;
    const ref: ChannelRef = { platform: "slack", workspace: "T1", channel: "CREC" };
    const [message] = slack.render({ header: { title: "Recovery test" }, intro: [], cards: [], notes: [], overflow: null, format: "compact", ephemeral: false });
    const first = await slack.send(ref, message!, { key: "recovery:0", replyTo: null, recovering: false });
    const again = await slack.send(ref, message!, { key: "recovery:0", replyTo: null, recovering: true });
    expect(again).toBe(first);
    expect(fake.posted("T1", "CREC")).toHaveLength(1);
    // A thread reply is looked up among the parent's replies.
    const reply = await slack.send(ref, message!, { key: "recovery:1", replyTo: first, recovering: false });
    expect(await slack.send(ref, message!, { key: "recovery:1", replyTo: first, recovering: true })).toBe(reply);
    expect(fake.posted("T1", "CREC")).toHaveLength(2);
    // A different key is a different message.
    await slack.send(ref, message!, { key: "recovery:2", replyTo: null, recovering: true });
    expect(fake.posted("T1", "CREC")).toHaveLength(3);
  });

  it("on app_uninstalled forgets the installation and pauses the workspace's channels", async () => {
    await papers("T3", "CA", "subscribe federated");
    await papers("T1", "CKEEP", "subscribe federated");
    await fake.sendEvent("T3", { type: "app_uninstalled" });
    // The event is acked before it is processed: wait (bounded) for its effect.
    for (let i = 0; i < 100 && !(await env.app.store.getChannel("slack:T3/CA"))?.settings.paused; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const channel = await env.app.store.getChannel("slack:T3/CA");
    expect(channel?.settings.paused).toBe(true);
    expect(channel?.pausedReason).toBe("slack app uninstalled");
    expect(await env.app.store.getState("slack:installation:team:T3")).toBeNull();
    expect((await env.app.store.getChannel("slack:T1/CKEEP"))?.settings.paused).toBe(false);
    const slack = env.app.platforms.get("slack")!;
    await expect(slack.send({ platform: "slack", workspace: "T3", channel: "CA" }, { body: { text: "x", blocks: [] }, replyTo: null }, { key: "x", replyTo: null, recovering: false })).rejects.toMatchObject({ code: "slack_not_installed", retryable: false });
  });

  // ------------------------------------------------------------ connection

  it("reports the Socket Mode connection in /healthz and /metrics: degraded while it reconnects, ok again after", async () => {
    const base = `http://127.0.0.1:${(env.app.platforms.get("slack") as SlackPlatform).receiverPort!()}`;
    const health = async () => {
      const response = await fetch(`${base}/healthz`);
      return { status: response.status, body: (await response.json()) as { status: string; platforms: Record<string, { state: string; reason: string | null }> } };
    };
    const until = async (status: string) => {
      let last = await health();
      for (let i = 0; i < 1000 && last.body.status !== status; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        last = await health();
      }
      return last;
    };
    const up = await until("ok");
    expect(up.status).toBe(200);
    expect(up.body.platforms).toEqual({ slack: { state: "connected", reason: null } });

    fake.dropConnections();
    const down = await until("degraded");
    expect(down.status).toBe(503);
    expect(down.body.platforms.slack!.state).toBe("connecting");
    expect(down.body.platforms.slack!.reason).toMatch(/Socket Mode/);

    const again = await until("ok");
    expect(again.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/^paperboy_platform_connected\{platform="slack"\} 1$/m);
    expect(metrics).toMatch(/^paperboy_platform_connection_changes_total\{platform="slack",state="reconnecting"\} 1$/m);
    expect(metrics).toMatch(/^paperboy_platform_connection_changes_total\{platform="slack",state="connected"\} 2$/m);
    expect(await papers("T1", "CHELP", "help")).toContain("/papers subscribe");
  });
});

describe("Slack deliveries of digests ingested by each test", () => {
  beforeAll(startFixture);
  afterAll(stopFixture);

  it("splits a 300-paper digest within Slack's limits without losing a paper", async () => {
    const ids = Array.from({ length: 300 }, (_, i) => `2602.${String(10000 + i)}`);
    await subscribeThenIngest("CBIG", "quasar", "2026-02-01", digestMarkdown(ids.map((id, i) => ({ id, title: `Quasar study number ${i}`, tldr: `Quasar result ${i}. `.repeat(12) }))));
    await papers("T1", "CBIG", "set max 500");
    await env.app.deliverDue(new Date("2026-02-01T09:05:00Z"));

    const posted = fake.posted("T1", "CBIG").filter((message) => message.threadTs === null);
    expect(posted.length).toBeGreaterThan(1);
    expect(fake.calls("chat.postMessage").filter((call) => call.body["channel"] === "CBIG" && call.error !== null)).toEqual([]);
    for (const message of posted) {
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      expect(blockTexts(message.blocks).join("").length).toBeLessThanOrEqual(SLACK_LIMITS.blocksTextBudget);
    }
    const all = posted.map((message) => textOf(message.body)).join("\n");
    for (const id of ids) expect(all.split(`*<https://arxiv.org/abs/${id}|`).length - 1, id).toBe(1);
    expect((await env.app.store.getChannel("slack:T1/CBIG"))?.settings.paused).toBe(false);
  });

  it("delivers titles and TL;DRs holding <!channel>, <@U123>, <https://x|y> and & as inert text", async () => {
    const hostile = "<!channel> <@U123> <https://x|y> & <!here>";
    await subscribeThenIngest("CBAD", "wombat", "2026-02-02", digestMarkdown([
      { id: "2602.20001", title: `Wombat attack ${hostile}`, tldr: `Wombat TL;DR ${hostile} &amp; more` },
      { id: "2602.20002", title: "Wombat & friends <@U999>", tldr: "Plain wombat text." },
    ]));
    await env.app.deliverDue(new Date("2026-02-02T09:05:00Z"));

    const posted = fake.posted("T1", "CBAD");
    expect(posted.length).toBeGreaterThanOrEqual(1);
    const pieces = posted.flatMap((message) => [message.text, ...blockTexts(message.blocks)]);
    const joined = pieces.join("\n");
    expect(joined).toContain("Wombat attack &lt;!channel&gt; &lt;@U123&gt; &lt;https://x");
    expect(joined).toContain("&amp;amp; more");
    for (const piece of pieces) {
      expect(piece).not.toMatch(/<[!@#]/);
      for (const match of piece.matchAll(/<([^>|]*)/g)) expect(match[1]).toMatch(/^https:\/\/arxiv\.org\/abs\/2602\.2000[12]$/);
    }
  });

  it("survives a storm of 429s and 5xx answers with every message delivered exactly once", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `2602.${30000 + i}`);
    await subscribeThenIngest("CSTORM", "numbat", "2026-02-03", digestMarkdown(ids.map((id, i) => ({ id, title: `Numbat paper ${i}`, tldr: `Numbat finding ${i}.` }))));
    await papers("T1", "CSTORM", "set max 40");
    // Six failures in a row: more than the SDK's own retries (3), so the delivery engine retries too —
    // with `recovering`, which looks for an earlier attempt before posting again.
    fake.failNext(3, { status: 429, retryAfter: 0 });
    fake.failNext(1, { status: 503 });
    fake.failNext(2, { status: 429, retryAfter: 0 });
    const historyBefore = fake.calls("conversations.history").length;
    await env.app.deliverDue(new Date("2026-02-03T09:05:00Z"));

    expect(fake.pendingFailures()).toBe(0);
    expect(fake.calls("chat.postMessage").filter((call) => call.status === 429)).toHaveLength(5);
    expect(fake.calls("conversations.history").length).toBeGreaterThan(historyBefore);
    const delivery = await env.app.store.lastDelivery("slack:T1/CSTORM");
    expect(delivery?.state).toBe("sent");
    const posted = fake.posted("T1", "CSTORM");
    expect(posted.length).toBe(delivery!.messages.length);
    expect(posted.length).toBeGreaterThan(1);
    const keys = posted.map((message: FakeMessage) => String(message.metadata?.event_payload["key"]));
    expect(new Set(keys).size).toBe(keys.length);
    const all = posted.map((message) => textOf(message.body)).join("\n");
    for (const id of ids) expect(all.split(`abs/${id}|`).length - 1, id).toBe(1);
  });

  it("does not post twice when Slack took a message but answered 5xx: the retry finds it by its metadata", async () => {
    await subscribeThenIngest("CLOST", "echidna", "2026-02-05", digestMarkdown([{ id: "2602.50001", title: "Echidna paper", tldr: "Echidna." }]));
    fake.failNext(1, { status: 500, posted: true });
    const historyBefore = fake.calls("conversations.history").length;
    await env.app.deliverDue(new Date("2026-02-05T09:05:00Z"));

    expect(fake.pendingFailures()).toBe(0);
    expect(fake.calls("chat.postMessage").filter((call) => call.body["channel"] === "CLOST")).toHaveLength(1);
    expect(fake.calls("conversations.history").length).toBe(historyBefore + 1);
    const posted = fake.posted("T1", "CLOST");
    expect(posted).toHaveLength(1);
    const delivery = await env.app.store.lastDelivery("slack:T1/CLOST");
    expect(delivery?.state).toBe("sent");
    expect(delivery?.messages[0]?.ref).toBe(posted[0]!.ts);
  });

  it("pauses a channel that was deleted (channel_not_found) and shows why in /papers status", async () => {
    await subscribeThenIngest("CGONE", "platypus", "2026-02-06", digestMarkdown([{ id: "2602.40001", title: "Platypus paper", tldr: "Platypus." }]));
    fake.removeChannel("T1", "CGONE");
    const report = await env.app.deliverDue(new Date("2026-02-06T09:05:00Z"));
    expect(report.failed).toBeGreaterThanOrEqual(1);

    const channel = await env.app.store.getChannel("slack:T1/CGONE");
    expect(channel?.settings.paused).toBe(true);
    expect(channel?.pausedReason).toContain("channel_not_found");
    expect(await papers("T1", "CGONE", "status")).toContain("channel_not_found");
    // Only one attempt: a permanent error is not retried.
    expect(fake.calls("chat.postMessage").filter((call) => call.body["channel"] === "CGONE")).toHaveLength(1);
  });
});
