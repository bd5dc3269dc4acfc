/**
 * delivery: one digest posted to 1,000 Discord channels (5 generated topics each, on-empty "note" so each
 * one posts) through the product's delivery engine — match, compose, render, claim, send, record — with
 * the config's default concurrency and retries, against a fake platform enforcing Discord's rate limits.
 * Compared with the least time those limits allow for the messages actually sent. Run twice: with an
 * adapter that paces itself (what the real adapters' SDKs do) and with one that surfaces the 429s.
 */
import { join } from "node:path";
import { DEFAULT_SETTINGS } from "../src/core/channel.js";
import type { PlatformKind } from "../src/core/channel.js";
import { createChannelMatcher } from "../src/core/channel-matcher.js";
import { createDeliveryEngine } from "../src/core/delivery.js";
import type { Platform } from "../src/core/ports.js";
import { silentLogger } from "../src/log.js";
import { openStore } from "../src/store/open-store.js";
import type { DigestDay } from "./match-bench.js";
import { note } from "./progress.js";
import { rateLimitBoundMs, rateLimitedPlatform } from "./rate-limited-platform.js";
import type { LimitMode } from "./rate-limited-platform.js";
import type { ResultRow, ScenarioResult } from "./results-table.js";
import { fixed, verdict } from "./results-table.js";

const CHANNELS = 1_000;
const TOPICS_PER_CHANNEL = 5;
const LATENCY_MS = 50;
/** config/default.json `delivery`. */
const CONCURRENCY = 8;
const MAX_ATTEMPTS = 5;
const TARGET_SLACK = 0.1;

export async function runDeliveryBench(day: DigestDay, topics: readonly string[], workDir: string): Promise<ScenarioResult> {
  const paced = await deliverOnce("pace", day, topics, workDir);
  const rejecting = await deliverOnce("reject", day, topics, workDir);
  return {
    rows: [paced.row, rejecting.row],
    notes: [
      `delivery: digest ${day.name}; engine from src/core/delivery.ts with concurrency ${CONCURRENCY}, ${MAX_ATTEMPTS} attempts (config defaults), ` +
        `the real Discord renderer, ${LATENCY_MS} ms simulated latency per send; the fake enforces 50 requests/s global and 5 messages/5 s per channel. ` +
        `"paced": the fake waits out the limits inside send, as @discordjs/rest does for the real adapter; "429s": it rejects over-limit sends with ` +
        `Retry-After (${rejecting.rejected} rejections) and the engine retries. The bound is the least time the limits allow for the messages sent ` +
        `(buckets start full); measured times include matching, composing and recording for all channels.`,
    ],
  };
}

async function deliverOnce(mode: LimitMode, day: DigestDay, topics: readonly string[], workDir: string): Promise<{ row: ResultRow; rejected: number }> {
  const store = await openStore(`sqlite:${join(workDir, `delivery-${mode}.db`)}`);
  await store.migrate();
  const date = day.name.slice(0, 10);
  await store.ingestDigest({ date, hash: `bench-${date}`, source: day.name, papers: day.papers });
  note(`delivery (${mode}): subscribing ${CHANNELS} channels`);
  for (let i = 0; i < CHANNELS; i++) {
    const channel = await store.ensureChannel({ platform: "discord", workspace: "bench", channel: `c${i}` }, { ...DEFAULT_SETTINGS, onEmpty: "note" });
    await store.addTopics(channel.id, topics.slice(i * TOPICS_PER_CHANNEL, (i + 1) * TOPICS_PER_CHANNEL));
  }
  const platform = rateLimitedPlatform(LATENCY_MS, mode);
  const engine = createDeliveryEngine({
    store,
    platforms: new Map<PlatformKind, Platform>([["discord", platform]]),
    matcher: createChannelMatcher(store),
    log: silentLogger(),
    owner: "bench",
    now: () => new Date(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    maxAttempts: MAX_ATTEMPTS,
    concurrency: CONCURRENCY,
  });
  note(`delivery (${mode}): posting to ${CHANNELS} channels`);
  const start = performance.now();
  const report = await engine.runDue(new Date(`${date}T12:00:00Z`), true);
  const elapsedMs = performance.now() - start;
  await store.close();
  const boundMs = rateLimitBoundMs(platform.log.perChannel, LATENCY_MS);
  const overhead = elapsedMs / boundMs - 1;
  const complete = report.delivered === CHANNELS && report.failed === 0 && report.pending === 0;
  return {
    rejected: platform.log.rejected,
    row: {
      scenario: `delivery, ${CHANNELS} Discord channels, ${mode === "pace" ? "adapter paces itself" : "adapter surfaces 429s"} (${platform.log.sent} messages)`,
      measured: `${fixed(elapsedMs / 1000)} s (${overhead >= 0 ? "+" : ""}${fixed(overhead * 100, 0)}%); ${report.delivered} delivered, ${report.pending} pending, ${report.failed} failed`,
      target: `≤ bound + ${TARGET_SLACK * 100}%, all delivered`,
      baseline: `rate-limit bound: ${fixed(boundMs / 1000)} s`,
      verdict: verdict(complete && overhead <= TARGET_SLACK),
    },
  };
}
