/**
 * Deliveries: for each due channel, compose → render → claim (atomic, with the rendered messages) →
 * send each message → record after each. A crash resumes at the next unsent message; a message whose
 * send may have reached the platform is re-sent with `recovering`, so the adapter can de-duplicate.
 *
 * This file plans a round and hands each channel on: claiming is delivery/claim.ts, sending (with the
 * lease held, delivery/lease.ts) is delivery/send-loop.ts, and what to do after a failed send is the
 * pure delivery/retry-policy.ts.
 */
import type { Channel, PlatformKind } from "./channel.js";
import { planFor, type DuePlan } from "./delivery-plan.js";
import { composeAndClaim, type ClaimDeps, type Matched } from "./delivery/claim.js";
import { holdLease, leaseUntil, timerRepeat, type LeaseDeps, type Repeat } from "./delivery/lease.js";
import { sendDelivery, type SendLoopDeps, type SendOutcome, type StepHook } from "./delivery/send-loop.js";
import { errorMessage } from "./errors.js";
import type { LearningSource } from "./learn/learning-source.js";
import type { PaperMatch } from "./match-result.js";
import type { ArchivedPaper } from "./paper.js";
import type { Delivery, DigestInfo, Log, Platform, Store } from "./ports.js";

export type { StepHook } from "./delivery/send-loop.js";

export interface ChannelMatcher {
  /** Matches papers against the topics of every channel; channels without matches may be absent. */
  matchAll(papers: ArchivedPaper[]): Promise<Map<string, PaperMatch[]>>;
}

export interface DeliveryDeps {
  store: Store;
  platforms: Map<PlatformKind, Platform>;
  matcher: ChannelMatcher;
  log: Log;
  /** Waits between retries (injected so tests need not sleep for real). */
  sleep: (ms: number) => Promise<void>;
  maxAttempts: number;
  concurrency: number;
  command?: string;
  /** Each channel's votes, applied to its post (learn setting); absent = keyword order. */
  learning?: LearningSource;
  onStep?: StepHook;
  /** This instance's name in delivery leases (unique per process). */
  owner: string;
  now: () => Date;
  /** How long a lease lasts without renewal; renewed on a timer (a third of it) and before every message. */
  leaseMs?: number;
  /** The renewal timer (default: setInterval). */
  repeat?: Repeat;
  /** Jitter source for retry waits, [0, 1) (default: Math.random). */
  random?: () => number;
}

const DEFAULT_LEASE_MS = 30_000;
/** How long one message may wait on rate limits within a round before it is left for the next tick. */
const RATE_LIMIT_BUDGET_MS = 60_000;

export interface DeliveryReport {
  delivered: number;
  skipped: number;
  failed: number;
  /** Channels left with unsent messages (transient failures): retried on the next tick. */
  pending: number;
}

export function createDeliveryEngine(deps: DeliveryDeps) {
  const { store, log } = deps;
  const leaseDeps: LeaseDeps = { store, owner: deps.owner, now: deps.now, leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS, repeat: deps.repeat ?? timerRepeat, log };
  const claimDeps: ClaimDeps = { store, lease: () => ({ owner: deps.owner, until: leaseUntil(leaseDeps) }), ...(deps.command ? { command: deps.command } : {}), ...(deps.learning ? { learning: deps.learning, log } : {}) };
  const sendDeps: SendLoopDeps = {
    store,
    log,
    sleep: deps.sleep,
    limits: { maxAttempts: deps.maxAttempts, rateLimitBudgetMs: RATE_LIMIT_BUDGET_MS },
    random: deps.random ?? Math.random,
    ...(deps.onStep ? { onStep: deps.onStep } : {}),
  };

  /** `force`: deliver to scheduled channels now even when their post time has not come. */
  async function runDue(now: Date, force = false): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, skipped: 0, failed: 0, pending: 0 };
    await resumeUnfinished(report);
    const channels = (await store.listChannels()).filter((channel) => !channel.settings.paused && deps.platforms.has(channel.ref.platform));
    const digestCache = new Map<number, DigestInfo[]>();
    const plans: Array<{ channel: Channel; plan: DuePlan }> = [];
    for (const channel of channels) {
      let newDigests = digestCache.get(channel.cursor);
      if (!newDigests) {
        newDigests = await store.digestsAfter(channel.cursor);
        digestCache.set(channel.cursor, newDigests);
      }
      const plan = planFor(channel, newDigests, now, force);
      if (plan) plans.push({ channel, plan });
    }
    if (plans.length === 0) return report;
    const matched = await matchDigests(plans.flatMap(({ plan }) => plan.digests));
    await forEachLimited(plans, deps.concurrency, async ({ channel, plan }) => {
      const outcome = await deliverPlan(channel, plan, matched);
      report[outcome] += 1;
    });
    return report;
  }

  /** Matches every paper of the covered digests once, for all channels at once. */
  async function matchDigests(digests: DigestInfo[]): Promise<Matched> {
    const papers = new Map<string, ArchivedPaper>();
    const idsByDate = new Map<string, Set<string>>();
    for (const date of new Set(digests.map((digest) => digest.date))) {
      const ids = new Set<string>();
      for (const paper of await store.digestPapers(date)) {
        papers.set(paper.id, paper);
        ids.add(paper.id);
      }
      idsByDate.set(date, ids);
    }
    const byChannel = await deps.matcher.matchAll([...papers.values()]);
    return { byChannel, idsByDate };
  }

  async function deliverPlan(channel: Channel, plan: DuePlan, matched: Matched): Promise<keyof DeliveryReport> {
    try {
      const platform = deps.platforms.get(channel.ref.platform)!;
      const claim = await composeAndClaim(claimDeps, channel, plan, matched, platform);
      if (claim.kind === "lost") {
        log.info({ channel: channel.id, slot: plan.slot }, "slot already claimed elsewhere");
        return "skipped";
      }
      deps.onStep?.("claimed", { channelId: channel.id, index: -1 });
      if (claim.kind === "skipped") {
        log.info({ channel: channel.id, slot: plan.slot }, "nothing matched; skipped");
        return "skipped";
      }
      // The claim took the lease; null only if this instance stalled past it and another took over.
      return (await sendHoldingLease(claim.delivery, platform)) ?? "pending";
    } catch (error) {
      // One channel's failure (a store hiccup, a renderer bug) never stops the others.
      log.error({ channel: channel.id, slot: plan.slot, err: errorMessage(error) }, "delivery failed");
      return "failed";
    }
  }

  async function resumeUnfinished(report: DeliveryReport): Promise<void> {
    for (const delivery of await store.unfinishedDeliveries()) {
      const channel = await store.getChannel(delivery.channelId);
      const platform = channel ? deps.platforms.get(channel.ref.platform) : undefined;
      if (!channel || channel.settings.paused || !platform) continue;
      // Null: another live instance is sending it; leave it alone.
      const outcome = await sendHoldingLease(delivery, platform, () =>
        log.info({ channel: channel.id, slot: delivery.slot, delivery: delivery.id }, "resuming an unfinished delivery"),
      );
      if (outcome !== null) report[outcome] += 1;
    }
  }

  /** Sends what is left of `delivery` while holding its lease; null when another instance holds it. */
  async function sendHoldingLease(delivery: Delivery, platform: Platform, onHeld?: () => void): Promise<SendOutcome | null> {
    const lease = await holdLease(leaseDeps, delivery.id);
    if (!lease) return null;
    onHeld?.();
    return sendDelivery(sendDeps, delivery, platform, lease);
  }

  return { runDue };
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>;

async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(workers);
}
