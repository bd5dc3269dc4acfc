/**
 * What to do after a failed send. Pure: the engine feeds it the error and what happened so far, and
 * sleeps or gives up as told.
 *
 * A rate limit with Retry-After is pacing, not failure: wait as told, within a time budget per message
 * so a round still ends. Other transient errors count against maxAttempts, with exponential backoff.
 * Permanent errors give up at once.
 */
export interface RetryLimits {
  maxAttempts: number;
  /** How long one message may wait on rate limits within a round before it is left for the next tick. */
  rateLimitBudgetMs: number;
}

export interface RetryHistory {
  /** Failures counted against maxAttempts. */
  failures: number;
  /** Time already spent waiting on Retry-After for this message. */
  rateLimitedMs: number;
}

export interface SendFailure {
  retryable: boolean;
  retryAfterMs: number | null;
}

export type RetryDecision = { action: "give-up" } | { action: "wait"; ms: number; history: RetryHistory };

export const FRESH_HISTORY: RetryHistory = { failures: 0, rateLimitedMs: 0 };

/** Backoff for counted failures: 0.5 s, 1 s, 2 s … at most 30 s. */
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 30_000;
/** Spreads workers told the same Retry-After, so they do not collide again. */
const JITTER_MS = 250;

/** `random` is a number in [0, 1) (Math.random in production, fixed in tests). */
export function afterFailure(error: SendFailure, history: RetryHistory, limits: RetryLimits, random: number): RetryDecision {
  if (!error.retryable) return { action: "give-up" };
  const jitter = Math.floor(random * JITTER_MS);
  const retryAfter = error.retryAfterMs;
  if (retryAfter !== null && history.rateLimitedMs + retryAfter <= limits.rateLimitBudgetMs) {
    return { action: "wait", ms: retryAfter + jitter, history: { ...history, rateLimitedMs: history.rateLimitedMs + retryAfter } };
  }
  const failures = history.failures + 1;
  if (failures >= limits.maxAttempts) return { action: "give-up" };
  return { action: "wait", ms: Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failures - 1)) + jitter, history: { ...history, failures } };
}
