/**
 * The Discord adapter on its own (real discord.js client, fake Discord, a real SQLite store, stub command handler):
 * login, interaction replies and deferrals, follow-ups, DMs, autocomplete, sends, error mapping.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/core/channel.js";
import { PlatformError } from "../../src/core/errors.js";
import type { Command, CommandContext, Platform, Store } from "../../src/core/ports.js";
import { notePost, type Post } from "../../src/core/post.js";
import { loadConfig } from "../../src/config.js";
import { createLogger, silentLogger } from "../../src/log.js";
import { createDiscordPlatform, nonceFor } from "../../src/platforms/discord/discord.js";
import { REMOVED_REASON } from "../../src/platforms/discord/guild-membership.js";
import { DM_REPLY } from "../../src/platforms/discord/interactions.js";
import { voteButtonId } from "../../src/platforms/vote-buttons.js";
import { openStore } from "../../src/store/open-store.js";
import { BASIC_MEMBER, FakeDiscord } from "./fakes/discord.js";

const GUILD = "100000000000000001";
const CHANNEL = "200000000000000001";

/** A real SQLite store in a temp folder with the two channels the tests use; topics of the first. */
async function realStore(dir: string): Promise<Store> {
  const store = await openStore(`sqlite:${join(dir, "paperboy.db")}`);
  await store.migrate();
  const first = await store.ensureChannel({ platform: "discord", workspace: GUILD, channel: CHANNEL }, { ...DEFAULT_SETTINGS });
  await store.ensureChannel({ platform: "discord", workspace: "100000000000000009", channel: "200000000000000009" }, { ...DEFAULT_SETTINGS });
  await store.addTopics(first.id, ["kv cache", "moe", "x".repeat(150)]);
  return store;
}

describe("Discord adapter against the fake", () => {
  let fake: FakeDiscord;
  let platform: Platform;
  const seen: Array<{ command: Command; context: CommandContext }> = [];
  let store: Store;
  let dir: string;
  const removedChannel = `discord:100000000000000009/200000000000000009`;
  const settingsOf = async (id: string) => (await store.getChannel(id))!;
  let gate: Promise<void> | null = null;
  let reply: (command: Command) => Post = () => notePost("ok", [[{ kind: "text", text: "done" }]]);

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(GUILD, [CHANNEL, "200000000000000002"]);
    fake.addGuild("100000000000000009", ["200000000000000009"]);
    dir = mkdtempSync(join(tmpdir(), "paperboy-discord-"));
    writeFileSync(join(dir, "default.json"), "{}");
    store = await realStore(dir);
    const config = loadConfig({ env: { DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl }, configDir: dir });
    platform = createDiscordPlatform({ config, store, logger: process.env.FAKE_DISCORD_DEBUG ? createLogger({ level: "debug", pretty: false }) : silentLogger(), deferAfterMs: 200 });
    await platform.start(async (command, context) => {
      seen.push({ command, context });
      if (gate) await gate;
      return reply(command);
    });
  });

  afterAll(async () => {
    await platform?.stop();
    await fake?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("logs in over the gateway with the bot token", () => {
    expect(fake.identifies).toBe(1);
    expect(fake.requests.find((r) => r.path === "/gateway/bot")?.authorization).toBe(`Bot ${fake.token}`);
  });

  it("turns a subcommand and its typed options into the command text, in definition order", async () => {
    const result = await fake.dispatchInteraction({
      guildId: GUILD,
      channelId: CHANNEL,
      subcommand: "schedule",
      options: [
        { name: "days", type: 3, value: "weekdays" },
        { name: "time", type: 3, value: "08:30" },
        { name: "timezone", type: 3, value: "Europe/Berlin" },
      ],
    });
    const last = seen.at(-1)!;
    expect(last.command).toEqual({ name: "schedule", args: "08:30 Europe/Berlin weekdays" });
    expect(last.context.channel).toEqual({ platform: "discord", workspace: GUILD, channel: CHANNEL });
    expect(last.context.isManager).toBe(true);
    expect(result.callbacks).toEqual([4]);
    expect(result.messages[0]!.ephemeral).toBe(true);
    expect(result.messages[0]!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("reports a member without Manage Channels as not a manager", async () => {
    await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "list", permissions: BASIC_MEMBER.toString() });
    expect(seen.at(-1)!.context.isManager).toBe(false);
  });

  it("checks the bot's own permissions in the channel before subscribing", async () => {
    await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "subscribe", options: [{ name: "topics", type: 3, value: "moe" }], appPermissions: (1n << 10n).toString() });
    const reason = await seen.at(-1)!.context.checkCanPost!();
    expect(reason).toContain("Send Messages");
    expect(reason).toContain("Embed Links");
    await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "subscribe", options: [{ name: "topics", type: 3, value: "moe" }] });
    expect(await seen.at(-1)!.context.checkCanPost!()).toBeNull();
  });

  it("defers a slow command (ephemeral) and edits the reply in, then sends follow-ups", async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const long = notePost("long", Array.from({ length: 30 }, (_, i) => [{ kind: "text" as const, text: `${i} ${"word ".repeat(80)}` }]));
    const count = platform.render(long).length;
    expect(count).toBeGreaterThan(3);
    reply = () => long;
    const deferrals = (): number => fake.requests.filter((r) => r.path.endsWith("/callback") && (r.body as { type: number }).type === 5).length;
    const before = deferrals();
    const pending = fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "status", messages: count });
    // The adapter defers on its own once the handler is slow; then the handler finishes.
    await waitFor(() => deferrals() === before + 1);
    open();
    const result = await pending;
    gate = null;
    reply = () => notePost("ok", [[{ kind: "text", text: "done" }]]);
    expect(result.callbacks).toEqual([5]);
    expect(result.deferredEphemeral).toBe(true);
    expect(result.messages.map((m) => m.via)).toEqual(["edit", ...Array<string>(count - 1).fill("followup")]);
    expect(result.messages.every((m) => m.ephemeral)).toBe(true);
  });

  it("defers a slow vote press (ephemeral) and edits the answer in; the post with the buttons is never edited", async () => {
    const up = voteButtonId("2601.00001", "up")!;
    const post = { content: "1. A paper", allowed_mentions: { parse: [] }, components: [{ type: 1, components: [{ type: 2, style: 2, label: "👍 1 · A paper", custom_id: up }] }] };
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    reply = () => notePost("Vote on 2601.00001", [[{ kind: "text", text: "Noted — this channel has 1 👍, 0 👎 so far." }]]);
    const deferrals = (): number => fake.requests.filter((r) => r.path.endsWith("/callback") && (r.body as { type: number }).type === 5).length;
    const before = deferrals();
    const pending = fake.pressButton({ guildId: GUILD, channelId: CHANNEL, userId: "800000000000000077", customId: up, message: post, ephemeral: false });
    await waitFor(() => deferrals() === before + 1);
    open();
    const result = await pending;
    gate = null;
    reply = () => notePost("ok", [[{ kind: "text", text: "done" }]]);
    expect(seen.at(-1)!.command).toEqual({ name: "vote", args: "2601.00001 up" });
    expect(seen.at(-1)!.context.userId).toBe("800000000000000077");
    expect(result.callbacks).toEqual([5]);
    expect(result.deferredEphemeral).toBe(true);
    expect(result.messages.map((m) => m.via)).toEqual(["edit"]);
    expect(result.messages[0]!.ephemeral).toBe(true);
    expect(JSON.stringify(result.messages[0]!.body)).toContain("Noted");
  });

  it("defers archive lookups before running them, even when they turn out fast", async () => {
    const result = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "search", options: [{ name: "query", type: 3, value: "moe" }] });
    expect(result.callbacks).toEqual([5]);
    expect(result.messages.map((m) => m.via)).toEqual(["edit"]);
    expect(seen.at(-1)!.command).toEqual({ name: "search", args: "moe" });
  });

  it("answers a DM with a short pointer to server channels, without calling the handler", async () => {
    const before = seen.length;
    const result = await fake.dispatchInteraction({ guildId: null, channelId: "300000000000000001", subcommand: "list" });
    expect(result.messages[0]!.body.content).toBe(DM_REPLY);
    expect(result.messages[0]!.ephemeral).toBe(true);
    expect(seen.length).toBe(before);
  });

  it("autocompletes unsubscribe from the channel's topics and time zones from the IANA list", async () => {
    const topics = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "unsubscribe", autocomplete: true, options: [{ name: "topic", type: 3, value: "", focused: true }] });
    expect(topics.choices).toEqual([
      { name: "1. kv cache", value: "kv cache" },
      { name: "2. moe", value: "moe" },
      { name: `3. ${"x".repeat(97)}`, value: "3" },
      { name: "all — remove every topic", value: "all" },
    ]);
    const zones = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "schedule", autocomplete: true, options: [{ name: "time", type: 3, value: "09:00" }, { name: "timezone", type: 3, value: "berl", focused: true }] });
    expect(zones.choices).toEqual([{ name: "Europe/Berlin", value: "Europe/Berlin" }]);
  });

  it("sends with allowed_mentions and a deterministic nonce, and a resend with the same key is not a duplicate", async () => {
    const message = platform.render(notePost("hello @everyone", [[{ kind: "text", text: "hi <@123>" }]], { ephemeral: false }))[0]!;
    const options = { key: "delivery-1:0", replyTo: null, recovering: false };
    const first = await platform.send({ platform: "discord", workspace: GUILD, channel: "200000000000000002" }, message, options);
    const second = await platform.send({ platform: "discord", workspace: GUILD, channel: "200000000000000002" }, message, { ...options, recovering: true });
    expect(second).toBe(first);
    const stored = fake.messagesIn("200000000000000002");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.nonce).toBe(nonceFor("delivery-1:0"));
    expect(stored[0]!.body).toMatchObject({ enforce_nonce: true, allowed_mentions: { parse: [] } });
  });

  it("recovers after Discord's nonce window: finds its own earlier message in the channel and posts nothing twice", async () => {
    const ref = { platform: "discord" as const, workspace: GUILD, channel: "200000000000000003" };
    fake.addGuild(GUILD, [CHANNEL, "200000000000000002", ref.channel]);
    const [first, second] = platform.render(notePost("Recovery", Array.from({ length: 40 }, (_, i) => [{ kind: "text" as const, text: `${i} ${"word ".repeat(60)}` }]), { ephemeral: false }));
    expect(second).toBeDefined();
    // The same text written by a person is not ours.
    fake.addUserMessage(ref.channel, first!.body as Record<string, unknown>);
    const sent = await platform.send(ref, first!, { key: "late:0", replyTo: null, recovering: false });
    // The instance died before recording the send; by the time a survivor recovers, the nonce is forgotten.
    fake.forgetNonces();
    expect(await platform.send(ref, first!, { key: "late:0", replyTo: null, recovering: true })).toBe(sent);
    // A message that never reached Discord is sent.
    const next = await platform.send(ref, second!, { key: "late:1", replyTo: null, recovering: true });
    expect(next).not.toBe(sent);
    const ours = fake.messagesIn(ref.channel).filter((message) => message.authorId === undefined);
    expect(ours.map((message) => message.id)).toEqual([sent, next]);
    expect(fake.requests.some((r) => r.method === "GET" && r.path === `/channels/${ref.channel}/messages` && r.status === 200)).toBe(true);
  });

  it("without Read Message History, a recovering send falls back to the nonce", async () => {
    const ref = { platform: "discord" as const, workspace: GUILD, channel: "200000000000000004" };
    fake.addGuild(GUILD, [CHANNEL, "200000000000000002", "200000000000000003", ref.channel]);
    fake.hideHistory(ref.channel);
    const [message] = platform.render(notePost("Hidden history", [[{ kind: "text", text: "body" }]], { ephemeral: false }));
    const sent = await platform.send(ref, message!, { key: "hidden:0", replyTo: null, recovering: false });
    expect(await platform.send(ref, message!, { key: "hidden:0", replyTo: null, recovering: true })).toBe(sent);
    expect(fake.messagesIn(ref.channel)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.method === "GET" && r.path === `/channels/${ref.channel}/messages`).map((r) => r.status)).toEqual([403]);
  });

  it("maps permanent errors to non-retryable PlatformErrors and 5xx to retryable ones", async () => {
    const ref = { platform: "discord" as const, workspace: GUILD, channel: "200000000000000002" };
    const message = platform.render(notePost("x", [[{ kind: "text", text: "y" }]]))[0]!;
    const failure = async (key: string): Promise<PlatformError> => {
      const error = await platform.send(ref, message, { key, replyTo: null, recovering: false }).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(PlatformError);
      return error as PlatformError;
    };
    fake.setChannelState(ref.channel, "no-permission");
    expect(await failure("k1")).toMatchObject({ code: "discord_missing_permissions", retryable: false });
    fake.setChannelState(ref.channel, "no-access");
    expect(await failure("k2")).toMatchObject({ code: "discord_missing_access", retryable: false });
    fake.setChannelState(ref.channel, "deleted");
    expect(await failure("k3")).toMatchObject({ code: "discord_unknown_channel", retryable: false });
    fake.setChannelState(ref.channel, "ok");
    fake.failNext(4, { status: 502 });
    expect(await failure("k4")).toMatchObject({ code: "discord_http_502", retryable: true });
  });

  it("honours the bucket's X-RateLimit headers: ten quick sends, all delivered, none answered 429", async () => {
    fake.rateLimit = { limit: 3, windowMs: 150 };
    const ref = { platform: "discord" as const, workspace: GUILD, channel: CHANNEL };
    const message = platform.render(notePost("x", [[{ kind: "text", text: "y" }]]))[0]!;
    for (let i = 0; i < 10; i += 1) await platform.send(ref, message, { key: `bucket:${i}`, replyTo: null, recovering: false });
    fake.rateLimit = { limit: 50, windowMs: 1000 };
    const creates = fake.requests.filter((r) => r.path === `/channels/${CHANNEL}/messages`);
    expect(creates.filter((r) => r.status === 200)).toHaveLength(10);
    expect(creates.filter((r) => r.status === 429)).toEqual([]);
  });

  it("fails to start with a token Discord rejects", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-discord-"));
    writeFileSync(join(dir, "default.json"), "{}");
    const config = loadConfig({ env: { DISCORD_TOKEN: "wrong", DISCORD_API_URL: fake.apiUrl }, configDir: dir });
    const other = createDiscordPlatform({ config, store, logger: silentLogger() });
    await expect(other.start(async () => notePost("x", []))).rejects.toThrow(/token/i);
    await other.stop();
  });

  it("pauses a removed server's channels and resumes them when the bot is added back", async () => {
    fake.removeGuild("100000000000000009");
    await waitFor(async () => (await settingsOf(removedChannel)).settings.paused);
    expect((await settingsOf(removedChannel)).pausedReason).toBe(REMOVED_REASON);
    expect((await settingsOf(`discord:${GUILD}/${CHANNEL}`)).settings.paused).toBe(false);
    fake.addGuild("100000000000000009", ["200000000000000009"]);
    await waitFor(async () => !(await settingsOf(removedChannel)).settings.paused);
  });
});

/** Polls a condition on the event loop; bounded by the loop and the test timeout. */
async function waitFor(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2000 && !(await condition()); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await condition()).toBe(true);
}
