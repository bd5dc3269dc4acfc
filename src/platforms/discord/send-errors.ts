/**
 * discord.js / @discordjs/rest failures → PlatformError with the retry decision made. @discordjs/rest has
 * already waited out 429s and retried 5xx and network errors by the time we see them.
 * Codes: https://discord.com/developers/docs/topics/opcodes-and-status-codes#json
 */
import { DiscordAPIError, HTTPError, RateLimitError } from "discord.js";
import { DM_CLOSED, PlatformError } from "../../core/errors.js";

/** Permanent: the channel is gone or closed to the bot. The delivery engine pauses the channel. */
const PERMANENT: Record<number, { code: string; message: string }> = {
  10003: { code: "discord_unknown_channel", message: "Unknown Channel (10003): the channel was deleted or the bot cannot see it" },
  10004: { code: "discord_unknown_guild", message: "Unknown Guild (10004): the bot is no longer in this server" },
  50001: { code: "discord_missing_access", message: "Missing Access (50001): the bot cannot see this channel" },
  50013: { code: "discord_missing_permissions", message: "Missing Permissions (50013): the bot needs Send Messages and Embed Links here" },
  // A personal follow's DM: the person closed DMs from server members (or blocked the bot). Retrying cannot help.
  50007: { code: DM_CLOSED, message: "Cannot send messages to this user (50007): their direct messages are closed" },
  // Creating the DM channel for a user id that is no user.
  50033: { code: "discord_invalid_recipient", message: "Invalid Recipient (50033): no such user to send direct messages to" },
  10013: { code: "discord_unknown_user", message: "Unknown User (10013): no such user to send direct messages to" },
};

export function toPlatformError(error: unknown): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof RateLimitError) {
    return new PlatformError("discord_rate_limited", `rate limited for ${Math.ceil(error.retryAfter / 1000)} s${error.global ? " (global)" : ""}`, {
      retryable: true,
      retryAfterMs: error.retryAfter,
    });
  }
  if (error instanceof DiscordAPIError) {
    const known = typeof error.code === "number" ? PERMANENT[error.code] : undefined;
    if (known) return new PlatformError(known.code, known.message, { retryable: false, detail: { status: error.status, discordCode: error.code } });
    const detail = { status: error.status, discordCode: error.code };
    if (error.status === 429 || error.status >= 500) return new PlatformError(`discord_http_${error.status}`, error.message, { retryable: true, detail });
    // A bad token is a configuration problem, not the channel's: retry later rather than pause every channel.
    if (error.status === 401) return new PlatformError("discord_unauthorized", "Discord rejected the bot token (401)", { retryable: true, detail });
    return new PlatformError(`discord_${String(error.code)}`, `${error.message} (${String(error.code)})`, { retryable: false, detail });
  }
  if (error instanceof HTTPError) {
    return new PlatformError(`discord_http_${error.status}`, `Discord answered HTTP ${error.status}`, { retryable: error.status >= 500 || error.status === 429, detail: { status: error.status } });
  }
  const message = error instanceof Error ? error.message : String(error);
  const timeout = error instanceof Error && error.name === "AbortError";
  return new PlatformError(timeout ? "discord_timeout" : "discord_network", `request to Discord failed: ${message}`, { retryable: true });
}
