/**
 * Sending a claimed delivery: each unsent message in order, recorded after each, while holding the
 * delivery's lease. A message marked `sending` whose outcome is unknown (a crash, a timeout) is re-sent
 * with `recovering`, so the adapter can check whether the earlier attempt landed.
 */
import { parseChannelId, type ChannelRef } from "../channel.js";
import { errorMessage, PlatformError } from "../errors.js";
import type { Delivery, Log, Message, Platform, Store } from "../ports.js";
import type { HeldLease } from "./lease.js";
import { afterFailure, FRESH_HISTORY, type RetryLimits } from "./retry-policy.js";

/** Fault-injection hook for crash tests: called at each step; the test's process may die there. */
export type StepHook = (step: "claimed" | "before-send" | "after-send" | "recorded", detail: { channelId: string; index: number }) => void;

export type SendOutcome = "delivered" | "pending" | "failed";

export interface SendLoopDeps {
  store: Pick<Store, "markMessage" | "finishDelivery" | "updateSettings">;
  log: Log;
  /** Waits between retries (injected so tests need not sleep for real). */
  sleep: (ms: number) => Promise<void>;
  limits: RetryLimits;
  onStep?: StepHook;
  /** Jitter source, [0, 1). */
  random: () => number;
}

/** Sends what is left of `delivery`, then releases the lease. */
export async function sendDelivery(deps: SendLoopDeps, delivery: Delivery, platform: Platform, lease: HeldLease): Promise<SendOutcome> {
  try {
    return await sendEach(deps, delivery, platform, lease);
  } finally {
    lease.release();
  }
}

async function sendEach(deps: SendLoopDeps, delivery: Delivery, platform: Platform, lease: HeldLease): Promise<SendOutcome> {
  const { store, log } = deps;
  const ref = parseChannelId(delivery.channelId);
  if (!ref) throw new Error(`bad channel id in ledger: ${delivery.channelId}`);
  const refs = new Map(delivery.messages.map((message) => [message.index, message.ref]));
  for (const message of delivery.messages) {
    if (message.state === "sent") continue;
    const replyTo = message.replyTo === null ? null : (refs.get(message.replyTo) ?? null);
    const step = { channelId: delivery.channelId, index: message.index };
    if (!(await lease.renew())) {
      log.warn({ channel: delivery.channelId, delivery: delivery.id }, "lost the delivery lease (a slow round?); another instance resumes it");
      return "pending";
    }
    deps.onStep?.("before-send", step);
    await store.markMessage(delivery.id, message.index, "sending", null);
    const result = await sendWithRetry(deps, platform, ref, delivery.channelId, message.index, { body: message.body, replyTo: message.replyTo }, {
      key: `${delivery.id}:${message.index}`,
      replyTo,
      recovering: message.state === "sending",
    });
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
  deps: SendLoopDeps,
  platform: Platform,
  ref: ChannelRef,
  channelId: string,
  index: number,
  message: Message,
  options: { key: string; replyTo: string | null; recovering: boolean },
): Promise<{ ok: true; ref: string } | { ok: false; error: PlatformError }> {
  let recovering = options.recovering;
  let history = FRESH_HISTORY;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { ok: true, ref: await platform.send(ref, message, { ...options, recovering }) };
    } catch (thrown) {
      const error = thrown instanceof PlatformError ? thrown : new PlatformError("send_failed", errorMessage(thrown), { retryable: true });
      const decision = afterFailure(error, history, deps.limits, deps.random());
      if (decision.action === "give-up") return { ok: false, error };
      history = decision.history;
      deps.log.warn({ channel: channelId, index, attempt, code: error.code, waitMs: decision.ms }, "send failed; retrying");
      // A timed-out attempt may have landed: the next one must check before posting again.
      recovering = true;
      // The lease stays renewed meanwhile (its timer), however long the wait.
      await deps.sleep(decision.ms);
    }
  }
}
