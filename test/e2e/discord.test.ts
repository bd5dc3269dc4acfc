/**
 * The real app (createApp → the real discord.js client over a real gateway connection) against the fake
 * Discord: every /papers subcommand through interaction callbacks and follow-ups, managers vs members,
 * scheduled deliveries to two servers, limits, hostile text, a 429 storm, a deleted channel, a removed
 * server, and command registration.
 */
import { rmSync } from "node:fs";
import { embedLength, type APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { registerDiscordCommands } from "../../src/platforms/discord/commands.js";
import { nonceFor } from "../../src/platforms/discord/discord.js";
import { DISCORD_LIMITS as L } from "../../src/platforms/discord/limits.js";
import { openStore } from "../../src/store/open-store.js";
import { appTestConfig, testLogger } from "../helpers/app-config.js";
import { digestMarkdown } from "../helpers/synthetic-digest.js";
import { BASIC_MEMBER, FakeDiscord, type FakeMessage, type InteractionResult } from "./fakes/discord.js";

const G1 = "110000000000000001";
const G2 = "120000000000000002";
const ch = (n: number): string => `21000000000000${String(n).padStart(4, "0")}`;
const G3 = "130000000000000003";
const C = { HELP: ch(1), SUBS: ch(2), LOOK: ch(3), SET: ch(4), MEMBER: ch(5), A: ch(6), BIG: ch(7), BAD: ch(8), STORM: ch(9), GONE: ch(10), G2A: ch(11), G2B: ch(12), KEEP: ch(13), G3A: ch(14), PAGE: ch(15) };


/** Every visible string of a message body: content, embed titles, descriptions, fields, footers. */
function textOf(body: Record<string, unknown>): string {
  const embeds = (body.embeds ?? []) as APIEmbed[];
  return [
    typeof body.content === "string" ? body.content : "",
    ...embeds.flatMap((embed) => [embed.title ?? "", embed.description ?? "", ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text ?? ""]),
  ].join("\n");
}

/** Ids for a 300-paper digest, from 2602.<first>. */
const bigDigestIds = (first: number): string[] => Array.from({ length: 300 }, (_, i) => `2602.${String(first + i)}`);

/** A 300-paper digest whose every title and TL;DR holds `word`, with long TL;DRs (many messages). */
const bigDigest = (ids: string[], word: string): string =>
  digestMarkdown(ids.map((id, i) => ({ id, title: `${word} study number ${i}`, tldr: `${word} result ${i}. `.repeat(40) })));

/** Text as Discord shows it: Markdown escapes resolved (`\\_` shows as `_`). */
function displayed(text: string): string {
  return text.replace(/\\([^A-Za-z0-9\s])/g, "$1");
}

// Two fixtures, each with its own fake Discord and app: the command tests read an archive holding only
// the seeds (so "the latest digest" is 2026-01-06 whatever ran before), the delivery tests add digests
// of their own. Every test subscribes the channels it uses, so any order works.
let fake: FakeDiscord;
let app: App;
let dir: string;
let now: Date;

async function startFixture(): Promise<void> {
  fake = await FakeDiscord.start();
  fake.addGuild(G1, [C.HELP, C.SUBS, C.LOOK, C.SET, C.MEMBER, C.A, C.BIG, C.BAD, C.STORM, C.GONE, C.KEEP, C.PAGE]);
  fake.addGuild(G2, [C.G2A, C.G2B]);
  fake.addGuild(G3, [C.G3A]);
  const prepared = appTestConfig("paperboy-discord-", {
    discord: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl },
  });
  dir = prepared.dir;
  const config = prepared.config;
  now = new Date("2026-01-06T08:00:00Z");
  const clock = { now: () => now };
  const logger = testLogger();
  const store = await openStore(config.db, clock);
  app = await createApp(config, { clock, logger, store, sleep: async () => undefined });
  await app.start();
  // Registered as a deployment would: the fake then accepts only what a Discord client could send.
  await registerDiscordCommands({ token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl });
}

async function stopFixture(): Promise<void> {
  await app?.stop();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}

/** Runs /papers <subcommand> and returns the text of its replies (which must all be ephemeral). */
async function papers(channel: string, subcommand: string, options: Record<string, string> = {}, extra: { guild?: string; permissions?: string; messages?: number } = {}): Promise<string> {
  const result = await run(channel, subcommand, options, extra);
  for (const message of result.messages) {
    expect(message.ephemeral).toBe(true);
    expect(message.body.allowed_mentions).toEqual({ parse: [] });
  }
  return displayed(result.messages.map((message) => textOf(message.body)).join("\n"));
}

function run(channel: string, subcommand: string, options: Record<string, string | number>, extra: { guild?: string; permissions?: string; messages?: number } = {}): Promise<InteractionResult> {
  return fake.dispatchInteraction({
    guildId: extra.guild ?? G1,
    channelId: channel,
    subcommand,
    // A number is an integer option (type 4), anything else a string option (type 3).
    options: Object.entries(options).map(([name, value]) => ({ name, type: typeof value === "number" ? 4 : 3, value })),
    ...(extra.permissions ? { permissions: extra.permissions } : {}),
    ...(extra.messages ? { messages: extra.messages } : {}),
  });
}

const topicsOf = async (channel: string, guild = G1) => (await app.store.listTopics(`discord:${guild}/${channel}`)).map((topic) => topic.text);
const settingsOf = async (channel: string, guild = G1) => (await app.store.getChannel(`discord:${guild}/${channel}`))?.settings;

/**
 * Subscribes a channel, then ingests a digest a minute later: a channel's first post holds the digests
 * that arrived after it was created, so the post is this digest whatever other tests ingested before.
 */
async function subscribeThenIngest(channel: string, topic: string, date: string, markdown: string): Promise<void> {
  await papers(channel, "subscribe", { topics: topic });
  now = new Date(now.getTime() + 60_000);
  const [report] = await app.ingestFiles([{ name: `${date}.md`, source: `test:${date}`, text: markdown }]);
  expect(report?.outcome).toBe("new");
}

/** Embeds posted to a channel, in order. */
const embedsIn = (channel: string): APIEmbed[] => fake.messagesIn(channel).flatMap((message) => message.embeds as APIEmbed[]);

describe("Discord over the gateway, two servers", () => {
  beforeAll(startFixture);
  afterAll(stopFixture);

  // ------------------------------------------------------------ gateway and commands

  it("logs in with the bot token and identifies once over the gateway", () => {
    expect(fake.identifies).toBe(1);
    const gateway = fake.requests.filter((r) => r.path === "/gateway/bot");
    expect(gateway.length).toBeGreaterThanOrEqual(1);
    expect(gateway.every((r) => r.authorization === `Bot ${fake.token}` && r.status === 200)).toBe(true);
  });

  it("answers /papers help with every subcommand", async () => {
    const text = await papers(C.HELP, "help");
    for (const sub of ["subscribe", "unsubscribe", "list", "search", "paper", "digest", "why", "schedule", "set", "pause / resume", "status"]) expect(text).toContain(`/papers ${sub}`);
  });

  it("subscribes, lists and unsubscribes topics", async () => {
    expect(await papers(C.SUBS, "subscribe", { topics: "language model, federated" })).toContain("Subscribed to 2 topics");
    expect(await topicsOf(C.SUBS)).toEqual(["language model", "federated"]);
    const list = await papers(C.SUBS, "list");
    expect(list).toContain("`language model`");
    expect(list).toContain("`federated`");
    expect(await papers(C.SUBS, "unsubscribe", { topic: "1" })).toContain("Removed 1 topic");
    expect(await topicsOf(C.SUBS)).toEqual(["federated"]);
  });

  it("answers search, paper, digest and why from the archive", async () => {
    await papers(C.LOOK, "subscribe", { topics: "federated" });
    const search = await run(C.LOOK, "search", { query: "diffusion" }, {});
    const searchEmbeds = search.messages.flatMap((m) => (m.body.embeds ?? []) as APIEmbed[]).filter((e) => e.url);
    expect(searchEmbeds).toHaveLength(5);
    for (const embed of searchEmbeds) expect(embed.url).toMatch(/^https:\/\/arxiv\.org\/abs\/[\d.]+/);

    const paper = await papers(C.LOOK, "paper", { id: "2601.01186" });
    expect(paper).toContain("Analog Weight Update Rule in Ferroelectric Hafnia");
    for (const label of ["Motivation", "Method", "Result", "Conclusion"]) expect(paper).toContain(label);

    const digest = await papers(C.LOOK, "digest", { date: "2026-01-06" });
    expect(digest).toContain("2026-01-06");
    expect(digest).toContain("Distributed Federated Learning");

    expect(await papers(C.LOOK, "why", { id: "2601.01186" })).toContain("matches none of this channel's topics");
    expect(await papers(C.LOOK, "why", { id: "2601.01793" })).toContain("federated");
  });

  it("changes the schedule and settings, pauses, resumes and reports status", async () => {
    await papers(C.SET, "subscribe", { topics: "federated" });
    expect(await papers(C.SET, "schedule", { time: "08:30", timezone: "Europe/Berlin", days: "weekdays" })).toContain("08:30 Europe/Berlin");
    expect(await papers(C.SET, "set", { setting: "max", value: "3" })).toContain("max is now 3");
    expect(await papers(C.SET, "set", { setting: "format", value: "full" })).toContain("format is now full");
    expect(await settingsOf(C.SET)).toMatchObject({ time: "08:30", timezone: "Europe/Berlin", days: "weekdays", maxPapers: 3, format: "full", paused: false });
    expect(await papers(C.SET, "pause")).toContain("Paused");
    expect((await settingsOf(C.SET))?.paused).toBe(true);
    expect(await papers(C.SET, "resume")).toContain("Resumed");
    expect((await settingsOf(C.SET))?.paused).toBe(false);
    const status = await papers(C.SET, "status");
    expect(status).toContain("2026-01-06");
    expect(status).toContain("08:30 Europe/Berlin");
    expect(await papers(C.SET, "set", { setting: "max", value: "banana" })).toContain("⚠️");
  });

  it("offers every setting of the core in /papers set: match, learn and language are reachable", async () => {
    await papers(C.SET, "subscribe", { topics: "federated" });
    expect(await papers(C.SET, "set", { setting: "match", value: "strict" })).toContain("match is now strict");
    expect(await papers(C.SET, "set", { setting: "learn", value: "filter" })).toContain("learn is now filter");
    expect(await papers(C.SET, "set", { setting: "language", value: "en" })).toContain("language is now en");
    expect(await settingsOf(C.SET)).toMatchObject({ match: "strict", learn: "filter", language: "en" });
    await expect(run(C.SET, "set", { setting: "colour", value: "red" })).rejects.toThrow(/not one of the choices/);
  });

  it("takes a vote by command as well as by button: one per person, changeable", async () => {
    await papers(C.SET, "subscribe", { topics: "federated" });
    expect(await papers(C.SET, "vote", { id: "2601.01793", vote: "up" })).toMatch(/Noted — this channel has \d+ 👍/);
    const changed = await papers(C.SET, "vote", { id: "2601.01793", vote: "down" });
    const votes = await app.store.channelVotes(`discord:${G1}/${C.SET}`);
    expect(votes.filter((v) => v.paperId === "2601.01793")).toEqual([expect.objectContaining({ value: "down" })]);
    expect(changed).toContain("👎");
  });

  it("refuses changing commands to a member without Manage Channels, and lets them read", async () => {
    const member = { permissions: BASIC_MEMBER.toString() };
    expect(await papers(C.MEMBER, "subscribe", { topics: "moe" }, member)).toContain("Only channel managers");
    expect(await topicsOf(C.MEMBER)).toEqual([]);
    expect(await papers(C.MEMBER, "pause", {}, member)).toContain("Only channel managers");
    expect(await papers(C.MEMBER, "schedule", { time: "07:00" }, member)).toContain("Only channel managers");
    expect(await papers(C.MEMBER, "list", {}, member)).not.toContain("Only channel managers");
    expect(await papers(C.MEMBER, "status", {}, member)).not.toContain("Only channel managers");
  });

  it("keeps servers apart: a topic added in one server is not seen from another", async () => {
    await papers(C.G2B, "subscribe", { topics: "diffusion" }, { guild: G2 });
    expect(await topicsOf(C.G2B, G2)).toEqual(["diffusion"]);
    expect(await topicsOf(C.G2B, G1)).toEqual([]);
  });

  // ------------------------------------------------------------ deliveries

  it("delivers the scheduled digest to channels in two servers with the expected embeds", async () => {
    await papers(C.A, "subscribe", { topics: "federated" });
    await papers(C.G2A, "subscribe", { topics: "diffusion" }, { guild: G2 });
    const report = await app.deliverDue(new Date("2026-01-06T09:01:00Z"));
    expect(report.failed).toBe(0);
    for (const [guild, channel, topic] of [[G1, C.A, "federated"], [G2, C.G2A, "diffusion"]] as const) {
      const posted = fake.messagesIn(channel);
      expect(posted.length, channel).toBeGreaterThanOrEqual(1);
      expect(posted[0]!.content).toContain("2026-01-06");
      expect(posted[0]!.content).toContain(`\`${topic}\``);
      const embeds = embedsIn(channel).filter((embed) => embed.url);
      expect(embeds.length).toBeGreaterThan(0);
      for (const embed of embeds) {
        expect(embed.url).toMatch(/^https:\/\/arxiv\.org\/abs\/2601\.\d+/);
        // "#n": the card's number, which its vote buttons name.
        expect(embed.footer?.text).toMatch(/^#\d+ · arXiv:2601\.\d+ · 2026-01-06$/);
        expect(embed.fields?.map((f) => f.name)).toEqual(expect.arrayContaining(["Authors", "Category", "Matched"]));
      }
      for (const message of posted) expect(message.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true });
      const delivery = await app.store.lastDelivery(`discord:${guild}/${channel}`);
      expect(delivery?.state).toBe("sent");
      expect(delivery?.messages.map((m) => m.ref)).toEqual(posted.map((m) => m.id));
    }
    expect(embedsIn(C.A).some((embed) => embed.url === "https://arxiv.org/abs/2601.01793")).toBe(true);
  });

  it("does not post twice when a send is repeated with the same key (nonce + enforce_nonce)", async () => {
    const discord = app.platforms.get("discord")!;
    const ref = { platform: "discord" as const, workspace: G1, channel: C.HELP };
    const [message] = discord.render({ header: { title: "Recovery test" }, intro: [], cards: [], notes: [], overflow: null, format: "compact", ephemeral: false });
    const first = await discord.send(ref, message!, { key: "recovery:0", replyTo: null, recovering: false });
    expect(await discord.send(ref, message!, { key: "recovery:0", replyTo: null, recovering: true })).toBe(first);
    expect(fake.messagesIn(C.HELP)).toHaveLength(1);
    expect(fake.messagesIn(C.HELP)[0]!.nonce).toBe(nonceFor("recovery:0"));
  });

  it("pauses a server's channels when the bot is removed from it", async () => {
    await papers(C.G3A, "subscribe", { topics: "federated" }, { guild: G3 });
    await papers(C.KEEP, "subscribe", { topics: "federated" });
    fake.removeGuild(G3);
    for (let i = 0; i < 200 && !(await settingsOf(C.G3A, G3))?.paused; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const channel = await app.store.getChannel(`discord:${G3}/${C.G3A}`);
    expect(channel?.settings.paused).toBe(true);
    expect(channel?.pausedReason).toBe("bot removed from server");
    expect((await settingsOf(C.KEEP))?.paused).toBe(false);
  });

  // ------------------------------------------------------------ set-up commands

  it("registers /papers globally and in one server, accepted by the fake's validation", async () => {
    const options = { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl };
    expect(await registerDiscordCommands(options)).toEqual({ scope: "global", registered: 1 });
    expect(await registerDiscordCommands({ ...options, guildId: G1 })).toEqual({ scope: "guild", registered: 1 });
    const [command] = fake.commands.get("global") as Array<{ name: string; options: Array<{ name: string }> }>;
    expect(command!.name).toBe("papers");
    expect(command!.options.map((o) => o.name)).toEqual(["subscribe", "unsubscribe", "list", "search", "paper", "digest", "why", "schedule", "set", "pause", "resume", "status", "help", "vote", "follow", "follow-schedule", "following", "unfollow", "follow-resume"]);
    expect(fake.commands.get(G1)).toHaveLength(1);
    await expect(registerDiscordCommands({ ...options, token: "wrong" })).rejects.toMatchObject({ status: 401 });
  });
});

describe("Discord deliveries of digests ingested by each test", () => {
  beforeAll(startFixture);
  afterAll(stopFixture);

  it("splits a 300-paper digest within Discord's limits without losing a paper", async () => {
    const ids = bigDigestIds(10000);
    await subscribeThenIngest(C.BIG, "quasar", "2026-02-01", bigDigest(ids, "Quasar"));
    await papers(C.BIG, "set", { setting: "max", value: "500" });
    await app.deliverDue(new Date("2026-02-01T09:05:00Z"));

    const posted = fake.messagesIn(C.BIG);
    expect(posted.length).toBeGreaterThan(30);
    expect(fake.requests.filter((r) => r.path === `/channels/${C.BIG}/messages` && r.status !== 200)).toEqual([]);
    for (const message of posted) {
      expect(message.content.length).toBeLessThanOrEqual(L.content);
      expect(message.embeds.length).toBeLessThanOrEqual(L.embedsPerMessage);
      expect((message.embeds as APIEmbed[]).reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(L.embedsTotal);
    }
    const urls = embedsIn(C.BIG).map((embed) => embed.url).filter((url) => url !== undefined);
    expect(urls.toSorted()).toEqual(ids.map((id) => `https://arxiv.org/abs/${id}`).toSorted());
  });

  it("answers a page of a 300-paper /papers digest preview with a reply and ephemeral follow-ups, pointing at the next page", async () => {
    await subscribeThenIngest(C.PAGE, "quokka", "2026-02-04", bigDigest(bigDigestIds(60000), "Quokka"));
    // Paused: the preview reads the channel's topics, and no later delivery round posts its 300 papers.
    await papers(C.PAGE, "pause");
    const context = { channel: { platform: "discord" as const, workspace: G1, channel: C.PAGE }, userId: "u", isManager: true };
    const expected = app.platforms.get("discord")!.render(await app.handleCommand({ name: "digest", args: "2026-02-04 page 2" }, context)).length;
    expect(expected).toBeGreaterThan(1);
    const result = await run(C.PAGE, "digest", { date: "2026-02-04", page: 2 }, { messages: expected });
    expect(result.messages).toHaveLength(expected);
    expect(result.messages.slice(1).every((m) => m.via === "followup" && m.ephemeral)).toBe(true);
    const urls = result.messages.flatMap((m) => (m.body.embeds ?? []) as APIEmbed[]).map((embed) => embed.url).filter((url) => url !== undefined);
    expect(urls).toHaveLength(10);
    expect(new Set(urls).size).toBe(10);
    expect(JSON.stringify(result.messages.map((m) => m.body))).toContain("page 2 of 30 — `/papers digest 2026-02-04 page 3`");
  });

  it("delivers hostile titles and TL;DRs inert, with allowed_mentions on every body", async () => {
    const hostile = "@everyone @here <@123> <@&456> <#789> **bold** __under__ ||spoiler|| [click](http://evil.example)";
    await subscribeThenIngest(C.BAD, "wombat", "2026-02-02", digestMarkdown([
      { id: "2602.20001", title: `Wombat attack ${hostile}`, tldr: `Wombat TL;DR ${hostile}` },
      { id: "2602.20002", title: "Wombat & friends <@999>", tldr: "Plain wombat text." },
    ]));
    await app.deliverDue(new Date("2026-02-02T09:05:00Z"));

    const posted = fake.messagesIn(C.BAD);
    expect(posted.length).toBeGreaterThanOrEqual(1);
    for (const message of posted) {
      expect(message.body.allowed_mentions).toEqual({ parse: [] });
      const text = textOf(message.body);
      expect(text).not.toMatch(/@(everyone|here)/);
      expect(text).not.toMatch(/<[@#][!&]?\d+>/);
      expect(text).not.toMatch(/(^|[^\\])\[click\]\(/);
      expect(text).not.toMatch(/(^|[^\\])(\*\*bold|__under|\|\|spoiler)/);
    }
    const attack = embedsIn(C.BAD).find((embed) => embed.url === "https://arxiv.org/abs/2602.20001");
    expect(attack?.title).toContain("Wombat attack @\u200beveryone");
    // Escaped, and the bare URL inert (a zero-width space after the scheme).
    expect(attack?.description).toContain("\\[click\\](http\u200b://evil.example)");
  });

  it("survives a 429 storm (bucket and global) with every message delivered exactly once", async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `2602.${30000 + i}`);
    await subscribeThenIngest(C.STORM, "numbat", "2026-02-03", digestMarkdown(ids.map((id, i) => ({ id, title: `Numbat paper ${i}`, tldr: `Numbat finding ${i}. `.repeat(30) }))));
    await papers(C.STORM, "set", { setting: "max", value: "40" });
    fake.failNext(3, { status: 429, retryAfterSeconds: 0.02 });
    fake.failNext(2, { status: 429, retryAfterSeconds: 0.02, global: true });
    fake.failNext(1, { status: 503 });
    fake.failNext(2, { status: 429, retryAfterSeconds: 0.02 });
    // Discord took this one but the answer was lost: the retry carries the same nonce and gets it back.
    fake.failNext(1, { status: 500, posted: true });
    await app.deliverDue(new Date("2026-02-03T09:05:00Z"));

    const attempts = fake.requests.filter((r) => r.path === `/channels/${C.STORM}/messages`);
    expect(attempts.filter((r) => r.status === 429)).toHaveLength(7);
    expect(attempts.filter((r) => r.status >= 500)).toHaveLength(2);
    const delivery = await app.store.lastDelivery(`discord:${G1}/${C.STORM}`);
    expect(delivery?.state).toBe("sent");
    const posted = fake.messagesIn(C.STORM);
    expect(posted.length).toBe(delivery!.messages.length);
    expect(posted.length).toBeGreaterThan(1);
    const nonces = posted.map((message: FakeMessage) => message.nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(nonces.every((nonce) => typeof nonce === "string" && nonce.length <= L.nonce)).toBe(true);
    // Every attempt for one message carried the same nonce.
    const byNonce = new Map<string, number>();
    for (const attempt of attempts) byNonce.set(String((attempt.body as { nonce: string }).nonce), (byNonce.get(String((attempt.body as { nonce: string }).nonce)) ?? 0) + 1);
    expect([...byNonce.keys()].toSorted()).toEqual(nonces.map(String).toSorted());
    const urls = embedsIn(C.STORM).map((embed) => embed.url).filter((url) => url !== undefined);
    expect(urls.toSorted()).toEqual(ids.map((id) => `https://arxiv.org/abs/${id}`).toSorted());
  });

  it("pauses a deleted channel (10003) and shows why in /papers status", async () => {
    await subscribeThenIngest(C.GONE, "platypus", "2026-02-06", digestMarkdown([{ id: "2602.40001", title: "Platypus paper", tldr: "Platypus." }]));
    fake.setChannelState(C.GONE, "deleted");
    const report = await app.deliverDue(new Date("2026-02-06T09:05:00Z"));
    expect(report.failed).toBeGreaterThanOrEqual(1);
    const channel = await app.store.getChannel(`discord:${G1}/${C.GONE}`);
    expect(channel?.settings.paused).toBe(true);
    expect(channel?.pausedReason).toContain("discord_unknown_channel");
    expect(await papers(C.GONE, "status")).toContain("discord_unknown_channel");
    // A permanent error is not retried.
    expect(fake.requests.filter((r) => r.path === `/channels/${C.GONE}/messages`)).toHaveLength(1);
  });
});
