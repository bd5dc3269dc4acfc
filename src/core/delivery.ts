/**
 * Deliveries: for each due channel, compose → render → claim (atomic, with the rendered messages) →
 * send each message → record after each. A crash resumes at the next unsent message; a message whose
 * send may have reached the platform is re-sent with `recovering`, so the adapter can de-duplicate.
 */
import type { Channel } from "./channel.js";
import { parseChannelId } from "./channel.js";
import { composeDigestPost } from "./compose.js";
import { coveredDates, planFor, type DuePlan } from "./delivery-plan.js";
import { errorMessage, PlatformError } from "./errors.js";
import type { PaperMatch } from "./match-result.js";
import type { ArchivedPaper } from "./paper.js";
import type { Delivery, DigestInfo, Log, Platform, Store } from "./ports.js";
import type { PlatformKind } from "./channel.js";
import { holdLease, timerRepeat, type HeldLease, type LeaseDeps, type Repeat } from "./delivery/lease.js";

export interface ChannelMatcher {
  /** Matches papers against the topics of every channel; channels without matches may be absent. */
  matchAll(papers: ArchivedPaper[]): Promise<Map<string, PaperMatch[]>>;
}

/** Fault-injection hook for crash tests: called at each step; the test's process may die there. */
export type StepHook = (step: "claimed" | "before-send" | "after-send" | "recorded", detail: { channelId: string; index: number }) => void;

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
  onStep?: StepHook;
  /** This instance's name in delivery leases (unique per process). */
  owner: string;
  now: () => Date;
  /** How long a lease lasts without renewal; renewed on a timer (a third of it) and before every message. */
  leaseMs?: number;
  /** The renewal timer (default: setInterval). */
  repeat?: Repeat;
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
  const leaseUntil = () => new Date(deps.now().getTime() + leaseDeps.leaseMs).toISOString();

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
      return await composeClaimSend(channel, plan, matched);
    } catch (error) {
      // One channel's failure (a store hiccup, a renderer bug) never stops the others.
      log.error({ channel: channel.id, slot: plan.slot, err: errorMessage(error) }, "delivery failed");
      return "failed";
    }
  }

  async function composeClaimSend(channel: Channel, plan: DuePlan, matched: Matched): Promise<keyof DeliveryReport> {
    const platform = deps.platforms.get(channel.ref.platform)!;
    const dates = coveredDates(plan.digests);
    const inDigests = new Set(dates.flatMap((date) => [...(matched.idsByDate.get(date) ?? [])]));
    const inScope = (matched.byChannel.get(channel.id) ?? []).filter((match) => inDigests.has(match.paper.id));
    const already = await store.postedPapers(channel.id, inScope.map((match) => match.paper.id));
    const fresh = inScope.filter((match) => !already.has(match.paper.id));
    const topics = (await store.listTopics(channel.id)).map((topic) => topic.text);
    const post = composeDigestPost({ dates, topics, matches: fresh, settings: channel.settings, ...(deps.command ? { command: deps.command } : {}) });
    const empty = post.cards.length === 0;
    const skip = empty && channel.settings.onEmpty === "skip";
    const messages = skip ? [] : platform.render(post).map((message) => ({ body: message.body, replyTo: message.replyTo }));
    const delivery = await store.claimDelivery({
      channelId: channel.id,
      slot: plan.slot,
      cursorTo: plan.cursorTo,
      digestDates: dates,
      paperIds: post.cards.map((card) => card.paperId),
      messages,
      state: skip ? "skipped" : "sending",
      lease: { owner: deps.owner, until: leaseUntil() },
    });
    if (!delivery) {
      log.info({ channel: channel.id, slot: plan.slot }, "slot already claimed elsewhere");
      return "skipped";
    }
    deps.onStep?.("claimed", { channelId: channel.id, index: -1 });
    if (skip) {
      log.info({ channel: channel.id, slot: plan.slot }, "nothing matched; skipped");
      return "skipped";
    }
    return sendHoldingLease(delivery, platform);
  }

  async function resumeUnfinished(report: DeliveryReport): Promise<void> {
    for (const delivery of await store.unfinishedDeliveries()) {
      const channel = await store.getChannel(delivery.channelId);
      const platform = channel ? deps.platforms.get(channel.ref.platform) : undefined;
      if (!channel || channel.settings.paused || !platform) continue;
      const lease = await holdLease(leaseDeps, delivery.id);
      // Another live instance is sending it: leave it alone.
      if (!lease) continue;
      log.info({ channel: channel.id, slot: delivery.slot, delivery: delivery.id }, "resuming an unfinished delivery");
      report[await sendAll(delivery, platform, lease)] += 1;
    }
  }

  async function sendHoldingLease(delivery: Delivery, platform: Platform): Promise<keyof DeliveryReport> {
    const lease = await holdLease(leaseDeps, delivery.id);
    if (!lease) return "pending";
    return sendAll(delivery, platform, lease);
  }

  async function sendAll(delivery: Delivery, platform: Platform, lease: HeldLease): Promise<keyof DeliveryReport> {
    try {
      return await sendEach(delivery, platform, lease);
    } finally {
      lease.release();
    }
  }

  async function sendEach(delivery: Delivery, platform: Platform, lease: HeldLease): Promise<keyof DeliveryReport> {
    const ref = parseChannelId(delivery.channelId);
    if (!ref) throw new Error(`bad channel id in ledger: ${delivery.channelId}`);
    const refs = new Map(delivery.messages.map((message) => [message.index, message.ref]));
    for (const message of delivery.messages) {
      if (message.state === "sent") continue;
      const recovering = message.state === "sending";
      const replyTo = message.replyTo === null ? null : (refs.get(message.replyTo) ?? null);
      const step = { channelId: delivery.channelId, index: message.index };
      if (!(await lease.renew())) {
        log.warn({ channel: delivery.channelId, delivery: delivery.id }, "lost the delivery lease (a slow round?); another instance resumes it");
        return "pending";
      }
      deps.onStep?.("before-send", step);
      await store.markMessage(delivery.id, message.index, "sending", null);
      const result = await sendWithRetry(platform, delivery, message.index, { body: message.body, replyTo: message.replyTo }, { key: `${delivery.id}:${message.index}`, replyTo, recovering });
      if (result.ok) {
        deps.onStep?.("after-send", step);
        await store.markMessage(delivery.id, message.index, "sent", result.ref);
        refs.set(message.index, result.ref);
        deps.onStep?.("recorded", step);
        continue;
      }
      if (result.error.retryable) {
        log.warn({ channel: delivery.channelId, code: result.error.code }, "delivery interrupted by a transient error; will resume next tick");
        return "pending";
      }
      // Permanent: pause the channel; the delivery stays open and resumes when the channel is resumed.
      log.error({ channel: delivery.channelId, code: result.error.code, err: result.error.message }, "permanent platform error; channel paused");
      await store.updateSettings(delivery.channelId, { paused: true }, `${result.error.code}: ${result.error.message}`);
      return "failed";
    }
    await store.finishDelivery(delivery.id, "sent", null);
    log.info({ channel: delivery.channelId, slot: delivery.slot, messages: delivery.messages.length, papers: delivery.paperIds.length }, "delivered");
    return "delivered";
  }

  async function sendWithRetry(
    platform: Platform,
    delivery: Delivery,
    index: number,
    message: { body: unknown; replyTo: number | null },
    options: { key: string; replyTo: string | null; recovering: boolean },
  ): Promise<{ ok: true; ref: string } | { ok: false; error: PlatformError }> {
    const ref = parseChannelId(delivery.channelId)!;
    let recovering = options.recovering;
    let failures = 0;
    let rateLimitedMs = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return { ok: true, ref: await platform.send(ref, message, { ...options, recovering }) };
      } catch (thrown) {
        const error = thrown instanceof PlatformError ? thrown : new PlatformError("send_failed", errorMessage(thrown), { retryable: true });
        if (!error.retryable) return { ok: false, error };
        // A rate limit with Retry-After is pacing, not failure: wait as told (within a time budget, so a
        // round still ends); other transient errors count against maxAttempts with exponential backoff.
        const paced = error.retryAfterMs !== null && rateLimitedMs + error.retryAfterMs <= RATE_LIMIT_BUDGET_MS;
        if (paced) rateLimitedMs += error.retryAfterMs!;
        else if (++failures >= deps.maxAttempts) return { ok: false, error };
        // Jitter spreads workers that were told the same Retry-After, so they do not collide again.
        const wait = (paced ? error.retryAfterMs! : Math.min(30_000, 500 * 2 ** (failures - 1))) + Math.floor(Math.random() * 250);
        log.warn({ channel: delivery.channelId, index, attempt, code: error.code, waitMs: wait }, "send failed; retrying");
        // A timed-out attempt may have landed: the next one must check before posting again.
        recovering = true;
        await deps.sleep(wait);
      }
    }
  }

  return { runDue };
}

export type DeliveryEngine = ReturnType<typeof createDeliveryEngine>;

interface Matched {
  byChannel: Map<string, PaperMatch[]>;
  /** Paper ids of each covered digest date. */
  idsByDate: Map<string, Set<string>>;
}

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

