/**
 * Personal follows on Discord, with the real app and discord.js client against the fake Discord: a follow
 * made in a server channel is delivered to the person's DM channel (POST /users/@me/channels) at their own
 * time and never twice (a second round, a restart); a person whose DMs are closed (403 50007) is paused,
 * told once on their next command, never retried; nobody else sees a person's follows.
 */
import { rmSync } from "node:fs";
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { openStore } from "../../src/store/open-store.js";
import { appTestConfig, testLogger } from "../helpers/app-config.js";
import { BASIC_MEMBER, FakeDiscord } from "./fakes/discord.js";

const G1 = "110000000000000001";
const CA = "210000000000000001";
const CB = "210000000000000002";
const CC = "210000000000000003";
const ALICE = "800000000000000011";
const BOB = "800000000000000012";
const CAROL = "800000000000000013";

let fake: FakeDiscord;
let app: App;
let config: Config;
let dir: string;
let now: Date;

async function startApp(): Promise<App> {
  const clock = { now: () => now };
  const store = await openStore(config.db, clock);
  const started = await createApp(config, { clock, logger: testLogger(), store, sleep: async () => undefined });
  await started.start();
  return started;
}

beforeAll(async () => {
  fake = await FakeDiscord.start();
  fake.addGuild(G1, [CA, CB, CC]);
  fake.addUser(ALICE);
  fake.addUser(BOB, { dmsOpen: false });
  fake.addUser(CAROL);
  const prepared = appTestConfig("paperboy-follows-discord-", { discord: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl } });
  dir = prepared.dir;
  config = prepared.config;
  now = new Date("2026-01-06T08:00:00Z");
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
  await fake?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every visible string of a message body. */
function textOf(body: Record<string, unknown>): string {
  const embeds = (body.embeds ?? []) as APIEmbed[];
  return [typeof body.content === "string" ? body.content : "", ...embeds.flatMap((embed) => [embed.title ?? "", embed.description ?? "", ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])])].join("\n");
}

/** `/papers <subcommand>` as an ordinary member (no Manage Channels); the reply must be ephemeral. */
async function papers(user: string, channel: string, subcommand: string, options: Record<string, string> = {}): Promise<string> {
  const result = await fake.dispatchInteraction({
    guildId: G1,
    channelId: channel,
    userId: user,
    permissions: BASIC_MEMBER.toString(),
    subcommand,
    options: Object.entries(options).map(([name, value]) => ({ name, type: 3, value })),
  });
  for (const message of result.messages) expect(message.ephemeral).toBe(true);
  return result.messages.map((message) => textOf(message.body)).join("\n").replace(/\\([^A-Za-z0-9\s])/g, "$1");
}

const dmPosts = (user: string) => requestsTo(user, "POST");
function requestsTo(user: string, method: string) {
  const dm = fake.dmChannelOf(user);
  return dm ? fake.requests.filter((request) => request.method === method && request.path === `/channels/${dm}/messages`) : [];
}

describe("personal follows delivered by Discord DM", () => {
  it("delivers a follow made in a channel to the person's DM at their time, and never twice", async () => {
    const followed = await papers(ALICE, CA, "follow", { topics: "federated" });
    expect(followed).toContain("Following 1 topic");
    expect(followed).toContain("direct message");
    expect(await papers(ALICE, CA, "follow-schedule", { time: "08:30", timezone: "UTC" })).toContain("08:30 UTC");
    // The same person in another channel of the server: the same follows, not a second destination.
    expect(await papers(ALICE, CB, "follow", { topics: "federated" })).toContain("1 topic you already follow");

    // Not before the follow's time.
    await app.deliverDue(new Date("2026-01-06T08:29:00Z"));
    expect(fake.dmChannelOf(ALICE)).toBeUndefined();

    await app.deliverDue(new Date("2026-01-06T08:31:00Z"));
    const dm = fake.dmChannelOf(ALICE)!;
    expect(dm).toBeDefined();
    const delivered = fake.messagesIn(dm);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(delivered[0]!.content).toContain("`federated`");
    const urls = delivered.flatMap((message) => (message.embeds as APIEmbed[]).map((embed) => embed.url)).filter(Boolean);
    expect(urls).toContain("https://arxiv.org/abs/2601.01793");
    // Votes train a channel's model: a personal DM carries no vote buttons.
    expect(delivered.flatMap((message) => (message.body.components as unknown[] | undefined) ?? [])).toEqual([]);
    // Nothing went to the channel the follow was made in.
    expect(fake.messagesIn(CA)).toHaveLength(0);
    const ledger = await app.store.lastDelivery(`discord:${G1}/@${ALICE}`);
    expect(ledger?.state).toBe("sent");

    // A second round, a new schedule, then a restart: the same papers never come again.
    await app.deliverDue(new Date("2026-01-06T08:40:00Z"));
    await papers(ALICE, CB, "follow-schedule", { time: "08:55", timezone: "UTC" });
    await app.deliverDue(new Date("2026-01-06T08:56:00Z"));
    await app.stop();
    app = await startApp();
    await app.deliverDue(new Date("2026-01-07T08:31:00Z"));
    expect(fake.messagesIn(dm)).toHaveLength(delivered.length);
    expect(dmPosts(ALICE)).toHaveLength(delivered.length);
  });

  it("pauses a follow whose DMs are refused, tells the person once, and tries no more", async () => {
    await papers(BOB, CB, "follow", { topics: "diffusion" });
    await papers(BOB, CB, "follow-schedule", { time: "08:45", timezone: "UTC" });
    const report = await app.deliverDue(new Date("2026-01-06T08:46:00Z"));
    expect(report.failed).toBe(1);
    expect(dmPosts(BOB)).toHaveLength(1);
    expect(fake.requests.find((request) => request.path === `/channels/${fake.dmChannelOf(BOB)}/messages` && request.method === "POST")?.status).toBe(403);
    const paused = await app.store.getChannel(`discord:${G1}/@${BOB}`);
    expect(paused?.settings.paused).toBe(true);
    expect(paused?.pausedReason).toMatch(/^dm_closed: /);

    // No retry loop: later rounds (the next day's post time too) do not try again.
    await app.deliverDue(new Date("2026-01-06T08:50:00Z"));
    await app.deliverDue(new Date("2026-01-07T08:46:00Z"));
    expect(dmPosts(BOB)).toHaveLength(1);

    // Told once, on the next command anywhere in the server (ephemeral), and not again.
    const first = await papers(BOB, CC, "list");
    expect(first).toContain("your DMs are closed");
    expect(first).toContain("/papers follow-resume");
    expect(await papers(BOB, CC, "status")).not.toContain("your DMs are closed");
    // `following` still shows why, whenever asked.
    expect(await papers(BOB, CC, "following")).toContain("Paused: your DMs are closed");

    // Opened again and resumed: the papers held back arrive (never lost).
    fake.setDmsOpen(BOB, true);
    expect(await papers(BOB, CC, "follow-resume")).toContain("resumed");
    await app.deliverDue(new Date("2026-01-07T08:50:00Z"));
    expect(fake.messagesIn(fake.dmChannelOf(BOB)!).length).toBeGreaterThanOrEqual(1);
    expect((await app.store.unfinishedDeliveries()).filter((delivery) => delivery.channelId === `discord:${G1}/@${BOB}`)).toEqual([]);
  });

  it("shows a person's follows to nobody else: not another member's following, not the channel's list", async () => {
    await papers(CAROL, CC, "follow", { topics: "reinforcement learning" });
    const own = await papers(CAROL, CC, "following");
    expect(own).toContain("1. `reinforcement learning`");

    const other = await papers(ALICE, CC, "following");
    expect(other).not.toContain("reinforcement learning");
    const list = await papers(ALICE, CC, "list");
    expect(list).not.toContain("reinforcement learning");
    expect(list).toContain("Topics of this channel (0)");

    // unfollow completes from the person's own follows, never from someone else's.
    const complete = (user: string) =>
      fake.dispatchInteraction({ guildId: G1, channelId: CC, userId: user, subcommand: "unfollow", autocomplete: true, options: [{ name: "followed", type: 3, value: "", focused: true }] });
    expect((await complete(CAROL)).choices).toEqual([
      { name: "1. reinforcement learning", value: "reinforcement learning" },
      { name: "all — remove every topic", value: "all" },
    ]);
    expect((await complete(ALICE)).choices?.map((choice) => choice.value)).not.toContain("reinforcement learning");

    expect(await papers(CAROL, CC, "unfollow", { followed: "1" })).toContain("Unfollowed 1 topic");
    expect(await papers(CAROL, CC, "following")).toContain("You follow no topics");
  });
});
