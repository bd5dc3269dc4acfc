/**
 * The delivery engine on a real SQLite store: schedules, the at-most-once ledger (weekend re-issues),
 * on-empty, transient and permanent platform failures.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { PlatformError } from "../../src/core/errors.js";
import type { ChannelRef } from "../../src/core/channel.js";
import type { CommandContext, Message, Platform, SendOptions } from "../../src/core/ports.js";
import type { Post } from "../../src/core/post.js";
import { silentLogger } from "../../src/log.js";
import { ROOT } from "../helpers/cli.js";

/** A platform that records what it is asked to send and fails on demand (the engine's view of Slack). */
class RecordingPlatform implements Platform {
  readonly kind = "slack" as const;
  sent: Array<{ channel: string; post: Post; key: string; recovering: boolean }> = [];
  failures: PlatformError[] = [];
  render(post: Post): Message[] {
    return [{ body: post, replyTo: null }];
  }
  async send(channel: ChannelRef, message: Message, options: SendOptions): Promise<string> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push({ channel: channel.channel, post: message.body as Post, key: options.key, recovering: options.recovering });
    return `ts-${this.sent.length}`;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

let app: App | null = null;
afterEach(async () => {
  await app?.stop();
  app = null;
});

async function setup(seedNames: string[], clock: { now: Date }) {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-delivery-"));
  const seeds = join(dir, "seeds");
  cpSync(join(ROOT, "seeds"), seeds, { recursive: true, filter: (src) => src === join(ROOT, "seeds") || seedNames.some((name) => src.endsWith(name)) });
  const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags: { db: `sqlite:${join(dir, "db.sqlite")}`, digests: seeds, console: { enabled: false, channels: [] } } });
  const platform = new RecordingPlatform();
  app = await createApp(config, { logger: silentLogger(), clock: { now: () => clock.now }, platforms: [platform], sleep: async () => undefined });
  const manager = (channel: string) => ({ channel: { platform: "slack" as const, workspace: "T1", channel }, userId: "U1", isManager: true });
  return { app, platform, seeds, manager };
}

/** Subscribes a channel in instant mode (posts as soon as a digest is ingested). */
async function instantChannel(app: App, context: CommandContext, topics: string): Promise<void> {
  await app.handleCommand({ name: "subscribe", args: topics }, context);
  await app.handleCommand({ name: "schedule", args: "instant" }, context);
}

describe("delivery", () => {
  it("posts at the channel's time in its zone, once per slot", async () => {
    const clock = { now: new Date("2026-01-06T06:00:00Z") };
    const { app, platform, manager } = await setup(["2026-01-06.md"], clock);
    await app.pollSources();
    await app.handleCommand({ name: "subscribe", args: "federated learning" }, manager("C1"));
    await app.handleCommand({ name: "schedule", args: "09:00 Europe/Berlin" }, manager("C1"));
    clock.now = new Date("2026-01-06T07:59:00Z");
    expect((await app.deliverDue()).delivered).toBe(0);
    clock.now = new Date("2026-01-06T08:00:30Z");
    expect((await app.deliverDue()).delivered).toBe(1);
    expect(platform.sent).toHaveLength(1);
    expect(platform.sent[0]!.post.header.date).toBe("2026-01-06");
    clock.now = new Date("2026-01-06T12:00:00Z");
    expect((await app.deliverDue()).delivered).toBe(0);
  });

  it("never posts a paper twice to a channel, even when the next day's digest repeats it", async () => {
    const clock = { now: new Date("2026-01-06T06:00:00Z") };
    const { app, platform, seeds, manager } = await setup(["2026-01-06.md"], clock);
    await app.pollSources();
    await app.handleCommand({ name: "subscribe", args: "federated learning" }, manager("C1"));
    await app.handleCommand({ name: "set", args: "max 500" }, manager("C1"));
    await app.handleCommand({ name: "set", args: "empty note" }, manager("C1"));
    clock.now = new Date("2026-01-06T09:01:00Z");
    await app.deliverDue();
    const firstIds = platform.sent[0]!.post.cards.map((card) => card.paperId);
    expect(firstIds.length).toBeGreaterThan(0);
    // Saturday's file re-issues Friday's papers.
    writeFileSync(join(seeds, "2026-01-07.md"), readFileSync(join(seeds, "2026-01-06.md"), "utf8"));
    await app.pollSources();
    clock.now = new Date("2026-01-07T09:01:00Z");
    await app.deliverDue();
    expect(platform.sent).toHaveLength(2);
    const second = platform.sent[1]!.post;
    expect(second.cards).toHaveLength(0);
    expect(second.notes.map((n) => n.map((s) => s.text).join("")).join(" ")).toMatch(/No new papers/);
  });

  it("skips an empty slot silently when on-empty is skip", async () => {
    const clock = { now: new Date("2026-01-06T06:00:00Z") };
    const { app, platform, manager } = await setup(["2026-01-06.md"], clock);
    await app.pollSources();
    await app.handleCommand({ name: "subscribe", args: "zzzqqq nothing matches this" }, manager("C1"));
    clock.now = new Date("2026-01-06T09:01:00Z");
    expect((await app.deliverDue()).skipped).toBe(1);
    expect(platform.sent).toHaveLength(0);
  });

  it("instant channels post as soon as a digest is ingested", async () => {
    const clock = { now: new Date("2026-01-06T06:00:00Z") };
    const { app, platform, manager } = await setup(["2026-01-06.md"], clock);
    await instantChannel(app, manager("C1"), "federated learning");
    expect((await app.deliverDue()).delivered).toBe(0);
    await app.pollSources();
    expect((await app.deliverDue()).delivered).toBe(1);
    expect(platform.sent).toHaveLength(1);
  });

  it("a transient failure leaves the delivery open; the next tick resumes it with `recovering`", async () => {
    const clock = { now: new Date("2026-01-06T09:01:00Z") };
    const { app, platform, manager } = await setup(["2026-01-06.md"], clock);
    await instantChannel(app, manager("C1"), "federated learning");
    await app.pollSources();
    platform.failures = Array.from({ length: 5 }, () => new PlatformError("server_error", "503", { retryable: true }));
    expect((await app.deliverDue()).pending).toBe(1);
    expect(platform.sent).toHaveLength(0);
    expect((await app.deliverDue()).delivered).toBe(1);
    expect(platform.sent).toHaveLength(1);
    expect(platform.sent[0]!.recovering).toBe(true);
  });

  it("rate limits with Retry-After are waited out in the same round, not counted as failures", async () => {
    const clock = { now: new Date("2026-01-06T09:01:00Z") };
    const { app, platform, manager } = await setup(["2026-01-06.md"], clock);
    await instantChannel(app, manager("C1"), "federated learning");
    await app.pollSources();
    platform.failures = Array.from({ length: 12 }, () => new PlatformError("rate_limited", "429", { retryable: true, retryAfterMs: 1000 }));
    expect(await app.deliverDue()).toMatchObject({ delivered: 1, pending: 0 });
    expect(platform.sent).toHaveLength(1);
  });

  it("a permanent failure pauses the channel and shows in status; resume sends what was left", async () => {
    const clock = { now: new Date("2026-01-06T09:01:00Z") };
    const { app, platform, manager } = await setup(["2026-01-06.md"], clock);
    await instantChannel(app, manager("C1"), "federated learning");
    await app.pollSources();
    platform.failures = [new PlatformError("channel_not_found", "the channel is gone", { retryable: false })];
    expect((await app.deliverDue()).failed).toBe(1);
    const status = await app.handleCommand({ name: "status", args: "" }, manager("C1"));
    expect(status.intro.map((p) => p.map((s) => s.text).join("")).join("\n")).toMatch(/Paused by paperboy after an error: channel_not_found/);
    expect((await app.deliverDue()).delivered).toBe(0);
    await app.handleCommand({ name: "resume", args: "" }, manager("C1"));
    expect((await app.deliverDue()).delivered).toBe(1);
    expect(platform.sent).toHaveLength(1);
  });
});

describe("delivery with two instances on one database", () => {
  it("an instance that finds a digest another instance stored (its poll sees it unchanged) delivers it at once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-survivor-"));
    const seeds = join(dir, "seeds");
    cpSync(join(ROOT, "seeds", "2026-01-06.md"), join(seeds, "2026-01-06.md"));
    const flags = { db: `sqlite:${join(dir, "db.sqlite")}`, digests: seeds, console: { enabled: false, channels: [] } };
    const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags });
    const common = { logger: silentLogger(), sleep: async () => undefined };
    const a = await createApp(config, { ...common, platforms: [new RecordingPlatform()], instanceId: "a" });
    const survivor = new RecordingPlatform();
    const b = await createApp(config, { ...common, platforms: [survivor], instanceId: "b" });
    try {
      const manager = { channel: { platform: "slack" as const, workspace: "T1", channel: "C1" }, userId: "U1", isManager: true };
      await instantChannel(b, manager, "federated learning");
      // `a` stores the digest, then is gone before delivering it.
      expect((await a.pollSources()).map((report) => report.outcome)).toEqual(["new"]);
      expect(await b.pollAndDeliver()).toMatchObject({ delivered: 1 });
      expect(survivor.sent).toHaveLength(1);
      // Nothing newer since: the next poll has nothing to deliver.
      expect(await b.pollAndDeliver()).toBeNull();
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it("a live sender waiting out a long Retry-After keeps renewing its short lease: no other instance resends", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-renew-"));
    const seeds = join(dir, "seeds");
    cpSync(join(ROOT, "seeds", "2026-01-06.md"), join(seeds, "2026-01-06.md"));
    const flags = { db: `sqlite:${join(dir, "db.sqlite")}`, digests: seeds, console: { enabled: false, channels: [] }, delivery: { leaseSeconds: 1 } };
    const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags });
    const paced = new RecordingPlatform();
    let limited: () => void = () => undefined;
    const wasLimited = new Promise<void>((resolve) => (limited = resolve));
    // Told to wait three leases (real time: the renewal timer must run while the engine sleeps).
    paced.failures = [new PlatformError("rate_limited", "429", { retryable: true, retryAfterMs: 3000 })];
    const send = paced.send.bind(paced);
    paced.send = async (channel, message, options) => {
      if (paced.failures.length > 0) limited();
      return send(channel, message, options);
    };
    const other = new RecordingPlatform();
    const a = await createApp(config, { logger: silentLogger(), platforms: [paced], instanceId: "a" });
    const b = await createApp(config, { logger: silentLogger(), platforms: [other], instanceId: "b", sleep: async () => undefined });
    try {
      const manager = { channel: { platform: "slack" as const, workspace: "T1", channel: "C1" }, userId: "U1", isManager: true };
      await instantChannel(a, manager, "federated learning");
      await a.pollSources();
      let done = false;
      const running = a.deliverDue().finally(() => (done = true));
      await wasLimited;
      // While `a` waits (bounded: it finishes after its Retry-After), `b` keeps looking for work to take over.
      for (let round = 0; round < 200 && !done; round += 1) {
        await b.deliverDue();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await running).toMatchObject({ delivered: 1 });
      expect(paced.sent).toHaveLength(1);
      expect(other.sent).toHaveLength(0);
    } finally {
      await a.stop();
      await b.stop();
    }
  }, 30_000);

  it("an instance never resumes a delivery another live instance is sending; it takes over once the lease expires", async () => {
    const clock = { now: new Date("2026-01-06T09:01:00Z") };
    const dir = mkdtempSync(join(tmpdir(), "paperboy-lease-"));
    const seeds = join(dir, "seeds");
    cpSync(join(ROOT, "seeds", "2026-01-06.md"), join(seeds, "2026-01-06.md"));
    const flags = { db: `sqlite:${join(dir, "db.sqlite")}`, digests: seeds, console: { enabled: false, channels: [] } };
    const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags });
    let release: () => void = () => undefined;
    let sendStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (sendStarted = resolve));
    const stuck = new RecordingPlatform();
    stuck.send = async () => {
      sendStarted();
      await new Promise<void>((resolve) => (release = resolve));
      return "ts-stuck";
    };
    const other = new RecordingPlatform();
    const common = { logger: silentLogger(), clock: { now: () => clock.now }, sleep: async () => undefined };
    // `a` renews nothing: it stands for an instance that died mid-send.
    const a = await createApp(config, { ...common, platforms: [stuck], instanceId: "a", leaseRenewal: () => () => undefined });
    const b = await createApp(config, { ...common, platforms: [other], instanceId: "b" });
    try {
      const manager = { channel: { platform: "slack" as const, workspace: "T1", channel: "C1" }, userId: "U1", isManager: true };
      await instantChannel(a, manager, "federated learning");
      await a.pollSources();
      const running = a.deliverDue();
      await started;
      expect(await b.deliverDue()).toMatchObject({ delivered: 0 });
      expect(other.sent).toHaveLength(0);
      // `a` dies mid-send (its promise is abandoned); once its 30 s lease has run out, `b` finishes the job.
      clock.now = new Date("2026-01-06T09:01:29Z");
      expect(await b.deliverDue()).toMatchObject({ delivered: 0 });
      clock.now = new Date("2026-01-06T09:01:31Z");
      expect(await b.deliverDue()).toMatchObject({ delivered: 1 });
      expect(other.sent).toHaveLength(1);
      expect(other.sent[0]!.recovering).toBe(true);
      release();
      await running;
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
