import { describe, expect, it } from "vitest";
import { afterFailure, FRESH_HISTORY, type RetryHistory, type SendFailure } from "../../src/core/delivery/retry-policy.js";

const limits = { maxAttempts: 3, rateLimitBudgetMs: 60_000 };
const transient: SendFailure = { retryable: true, retryAfterMs: null };
const rateLimited = (ms: number): SendFailure => ({ retryable: true, retryAfterMs: ms });

/** Feeds the same failure until the policy gives up; the waits it asked for. */
function waitsUntilGiveUp(failure: SendFailure, random = 0): number[] {
  const waits: number[] = [];
  let history: RetryHistory = FRESH_HISTORY;
  for (let i = 0; i < 100; i += 1) {
    const decision = afterFailure(failure, history, limits, random);
    if (decision.action === "give-up") return waits;
    waits.push(decision.ms);
    history = decision.history;
  }
  throw new Error("the policy never gave up");
}

describe("the retry policy", () => {
  it("gives up on a permanent error at once", () => {
    expect(afterFailure({ retryable: false, retryAfterMs: null }, FRESH_HISTORY, limits, 0)).toEqual({ action: "give-up" });
  });

  it("backs off exponentially on transient errors and gives up after maxAttempts", () => {
    expect(waitsUntilGiveUp(transient)).toEqual([500, 1000]);
  });

  it("caps the backoff at 30 s", () => {
    let history: RetryHistory = { failures: 10, rateLimitedMs: 0 };
    const decision = afterFailure(transient, history, { ...limits, maxAttempts: 20 }, 0);
    expect(decision).toMatchObject({ action: "wait", ms: 30_000 });
    history = decision.action === "wait" ? decision.history : history;
    expect(history.failures).toBe(11);
  });

  it("waits out Retry-After without counting it as a failure, within the budget per message", () => {
    // 12 × 5 s fit the 60 s budget; the 13th rate limit counts as failures until maxAttempts.
    const waits = waitsUntilGiveUp(rateLimited(5000));
    expect(waits.slice(0, 12)).toEqual(Array.from({ length: 12 }, () => 5000));
    expect(waits.slice(12)).toEqual([500, 1000]);
  });

  it("adds up to 250 ms of jitter so workers told the same Retry-After do not collide again", () => {
    expect(afterFailure(rateLimited(1000), FRESH_HISTORY, limits, 0.5)).toMatchObject({ action: "wait", ms: 1125 });
    expect(afterFailure(transient, FRESH_HISTORY, limits, 0.999)).toMatchObject({ action: "wait", ms: 749 });
  });
});
