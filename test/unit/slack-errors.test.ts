import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { PlatformError } from "../../src/core/errors.js";
import { isRateLimitRetry, toPlatformError } from "../../src/platforms/slack/errors.js";

const platformError = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });

describe("toPlatformError", () => {
  it.each(["channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "account_inactive", "missing_scope", "token_revoked", "msg_blocks_too_long", "invalid_blocks"])("%s is permanent", (code) => {
    const failure = toPlatformError(platformError(code));
    expect(failure).toBeInstanceOf(PlatformError);
    expect(failure).toMatchObject({ code, retryable: false });
  });

  it.each(["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"])("%s is transient", (code) => {
    expect(toPlatformError(platformError(code))).toMatchObject({ code, retryable: true });
  });

  it("maps HTTP 5xx, network errors and a rate limit that outlasted the retries to retryable failures", () => {
    expect(toPlatformError(Object.assign(new Error("HTTP 503"), { code: webApi.ErrorCode.HTTPError, statusCode: 503 }))).toMatchObject({ code: "http_503", retryable: true });
    expect(toPlatformError(Object.assign(new Error("HTTP 404"), { code: webApi.ErrorCode.HTTPError, statusCode: 404 }))).toMatchObject({ code: "http_404", retryable: false });
    expect(toPlatformError(Object.assign(new Error("ECONNRESET"), { code: webApi.ErrorCode.RequestError }))).toMatchObject({ code: "network_error", retryable: true });
    const persisted = new Error("A rate limit was exceeded (url: http://127.0.0.1/api/chat.postMessage, retry-after: 7)");
    expect(isRateLimitRetry(persisted)).toBe(true);
    expect(toPlatformError(persisted)).toMatchObject({ code: "ratelimited", retryable: true, retryAfterMs: 7000 });
    expect(toPlatformError(Object.assign(new Error("limited"), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 3 }))).toMatchObject({ code: "ratelimited", retryAfterMs: 3000 });
  });

  it("treats anything else as a bug, not something to retry", () => {
    expect(toPlatformError(new TypeError("x is undefined"))).toMatchObject({ code: "slack_unexpected", retryable: false });
    expect(isRateLimitRetry(new Error("other"))).toBe(false);
  });
});
