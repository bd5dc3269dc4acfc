/**
 * A Discord-shaped fake platform for the delivery scenario: renders with the real Discord renderer and
 * enforces Discord's documented limits with token buckets — 50 requests/s per bot (global) and 5 messages
 * per 5 s per channel — answering over-limit sends with a retryable rate-limit error carrying Retry-After,
 * as the REST API's 429 does. https://discord.com/developers/docs/topics/rate-limits
 */
import type { ChannelRef } from "../src/core/channel.js";
import type { Message, Platform } from "../src/core/ports.js";
import { PlatformError } from "../src/core/errors.js";
import { renderDiscordPost } from "../src/platforms/discord/render.js";

export const GLOBAL_PER_SECOND = 50;
export const CHANNEL_BURST = 5;
export const CHANNEL_WINDOW_MS = 5_000;

/** The least time these limits allow for the sends: both buckets start full, then refill at their rate. */
export function rateLimitBoundMs(perChannel: ReadonlyMap<string, number>, latencyMs: number): number {
  const total = [...perChannel.values()].reduce((a, b) => a + b, 0);
  const globalMs = (Math.max(0, total - GLOBAL_PER_SECOND) / GLOBAL_PER_SECOND) * 1000;
  const channelMs = Math.max(0, ...[...perChannel.values()].map((n) => (Math.max(0, n - CHANNEL_BURST) * CHANNEL_WINDOW_MS) / CHANNEL_BURST));
  return Math.max(globalMs, channelMs) + latencyMs;
}

class Bucket {
  private tokens: number;
  private updated = performance.now();

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
  ) {
    this.tokens = capacity;
  }

  /** How many ms until a token is available (0: now). */
  wait(): number {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updated) * this.perMs);
    this.updated = now;
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }

  take(): void {
    this.tokens -= 1;
  }

  /** Takes a token now, possibly on credit: the ms the caller must wait before using it (a queue). */
  reserve(): number {
    this.wait();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens / this.perMs);
  }
}

export interface SendLog {
  sent: number;
  rejected: number;
  perChannel: Map<string, number>;
  /** performance.now() of the first and last accepted send. */
  first: number;
  last: number;
}

/**
 * `pace`: the adapter waits out the limits itself, queueing per channel then globally, as @discordjs/rest
 * (and Slack's WebClient) do for the real adapters. `reject`: over-limit sends fail with a retryable
 * error carrying Retry-After, leaving the pacing to the delivery engine's retries.
 */
export type LimitMode = "pace" | "reject";

export function rateLimitedPlatform(latencyMs: number, mode: LimitMode): Platform & { log: SendLog } {
  const global = new Bucket(GLOBAL_PER_SECOND, GLOBAL_PER_SECOND / 1000);
  const channels = new Map<string, Bucket>();
  const log: SendLog = { sent: 0, rejected: 0, perChannel: new Map(), first: Number.NaN, last: Number.NaN };
  let serial = 0;
  return {
    kind: "discord",
    log,
    render: renderDiscordPost,
    async send(channel: ChannelRef, _message: Message): Promise<string> {
      const key = channel.channel;
      const bucket = channels.get(key) ?? new Bucket(CHANNEL_BURST, CHANNEL_BURST / CHANNEL_WINDOW_MS);
      channels.set(key, bucket);
      if (mode === "pace") {
        await sleep(bucket.reserve());
        await sleep(global.reserve());
        await sleep(latencyMs);
      } else {
        await sleep(latencyMs);
        const wait = Math.max(global.wait(), bucket.wait());
        if (wait > 0) {
          log.rejected++;
          throw new PlatformError("rate_limited", "429 Too Many Requests", { retryable: true, retryAfterMs: wait });
        }
        global.take();
        bucket.take();
      }
      log.sent++;
      log.perChannel.set(key, (log.perChannel.get(key) ?? 0) + 1);
      const now = performance.now();
      if (Number.isNaN(log.first)) log.first = now;
      log.last = now;
      return `m${++serial}`;
    },
    async start() {},
    async stop() {},
  };
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
