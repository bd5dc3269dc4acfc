/**
 * Slack Web API failures → PlatformError, with the retry decision made here. The SDK has already retried
 * (retryConfig) by the time an error reaches us, so a retryable error means "later", not "again now".
 * Error codes: https://docs.slack.dev/reference/methods/chat.postMessage#errors
 */
import { webApi } from "@slack/bolt";
import { PlatformError } from "../../core/errors.js";

// Transient answers Slack gives with HTTP 200 and ok:false.
const TRANSIENT = new Set(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/** Why a channel is paused for each permanent error (shown by `/papers status`). */
export const PERMANENT_HINTS: Record<string, string> = {
  channel_not_found: "the channel no longer exists, or the bot cannot see it",
  not_in_channel: "the bot is not a member of the channel: invite it with /invite",
  is_archived: "the channel is archived",
  invalid_auth: "the bot token is not valid",
  account_inactive: "the bot's account was deactivated (app uninstalled?)",
  token_revoked: "the bot token was revoked",
  missing_scope: "the app lacks a permission it needs: reinstall it from its manifest",
  msg_blocks_too_long: "the message was too long for Slack (a paperboy bug: please report it)",
  invalid_blocks: "Slack rejected the message layout (a paperboy bug: please report it)",
  // conversations.open for a personal follow's direct message:
  user_not_found: "the person is not in this workspace any more",
  user_disabled: "the person's account was deactivated",
  cannot_dm_bot: "the follower is a bot, which cannot get direct messages",
};

const RATE_LIMITED = /rate limit was exceeded.*retry-after: (\d+)/i;

/** The SDK's own "retry me" error after it waited out a 429 (WebClient.makeRequest). */
export function isRateLimitRetry(error: unknown): boolean {
  return error instanceof Error && RATE_LIMITED.test(error.message);
}

export function toPlatformError(error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  const coded = error as { code?: string; data?: { error?: string }; statusCode?: number; retryAfter?: number; message?: string };
  const message = error instanceof Error ? error.message : String(error);
  switch (coded.code) {
    case webApi.ErrorCode.PlatformError: {
      const code = coded.data?.error ?? "slack_error";
      const retryable = TRANSIENT.has(code);
      const hint = PERMANENT_HINTS[code];
      return new PlatformError(code, hint ?? `Slack answered ${code}`, { retryable });
    }
    case webApi.ErrorCode.RateLimitedError:
      return new PlatformError("ratelimited", "Slack rate limit", { retryable: true, retryAfterMs: (coded.retryAfter ?? 1) * 1000 });
    case webApi.ErrorCode.HTTPError: {
      const status = coded.statusCode ?? 0;
      const retryable = status >= 500 || status === 408 || status === 425;
      return new PlatformError(`http_${status}`, `Slack answered HTTP ${status}`, { retryable });
    }
    case webApi.ErrorCode.RequestError:
      return new PlatformError("network_error", `request to Slack failed: ${message}`, { retryable: true });
    default: {
      // After its retries the SDK rethrows a plain Error for a 429 that persisted (WebClient.makeRequest).
      const rateLimited = RATE_LIMITED.exec(message);
      if (rateLimited) return new PlatformError("ratelimited", "Slack rate limit persisted through the retries", { retryable: true, retryAfterMs: Number(rateLimited[1]) * 1000 });
      return new PlatformError("slack_unexpected", `unexpected error talking to Slack: ${message}`, { retryable: false });
    }
  }
}
