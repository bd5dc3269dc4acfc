import { describe, expect, it } from "vitest";
import { DiscordAPIError, HTTPError } from "discord.js";
import { argsText, discordInviteUrl, papersCommand, SUBCOMMANDS } from "../../src/platforms/discord/commands.js";
import { nonceFor } from "../../src/platforms/discord/discord.js";
import { parseDigestArgs } from "../../src/core/commands/lookup.js";
import { SETTING_CHOICES } from "../../src/core/commands/settings.js";
import { toPlatformError } from "../../src/platforms/discord/send-errors.js";
import { validateCommands, validateMessage } from "../e2e/fakes/discord.js";

describe("/papers command definition", () => {
  it("has one subcommand per PRODUCT.md command and passes Discord's shape rules", () => {
    expect(SUBCOMMANDS.map((s) => s.name)).toEqual(["subscribe", "unsubscribe", "list", "search", "paper", "digest", "why", "schedule", "set", "pause", "resume", "status", "help", "vote", "follow", "follow-schedule", "following", "unfollow", "follow-resume"]);
    expect(validateCommands([papersCommand()])).toEqual([]);
  });

  it("is visible to every member: changing subcommands are checked in code, not by default_member_permissions", () => {
    expect(papersCommand().default_member_permissions).toBeUndefined();
    expect(papersCommand().contexts).toEqual([0]);
  });

  it("the fake's validation rejects what Discord rejects", () => {
    const good = papersCommand();
    expect(validateCommands([{ ...good, name: "Papers" }])).not.toEqual([]);
    expect(validateCommands([{ ...good, description: "x".repeat(101) }])).not.toEqual([]);
    expect(validateCommands([{ ...good, options: Array.from({ length: 26 }, (_, i) => ({ type: 1, name: `s${i}`, description: "d" })) }])).not.toEqual([]);
    expect(validateCommands([{ name: "x", description: "d", options: [{ type: 3, name: "a", description: "d" }, { type: 3, name: "b", description: "d", required: true }] }])).not.toEqual([]);
  });

  it("joins typed options in definition order, skipping absent ones", () => {
    const values: Record<string, string> = { value: "20", setting: "max" };
    expect(argsText("set", (name) => values[name] ?? null)).toBe("max 20");
    expect(argsText("vote", (name) => ({ id: "2512.09277", vote: "down" })[name] ?? null)).toBe("2512.09277 down");
    expect(argsText("digest", () => null)).toBe("");
    expect(argsText("schedule", (name) => ({ time: "08:30", days: "weekdays" })[name] ?? null)).toBe("08:30 weekdays");
  });

  it("passes the digest page as `page N`, the syntax the core parses", () => {
    const page = SUBCOMMANDS.find((s) => s.name === "digest")!.options!.find((o) => o.name === "page");
    expect(page).toMatchObject({ type: 4, required: false, min_value: 1 });
    expect(argsText("digest", (name) => ({ date: "2026-01-06", page: 3 })[name] ?? null)).toBe("2026-01-06 page 3");
    expect(argsText("digest", (name) => (name === "page" ? 2 : null))).toBe("page 2");
    expect(parseDigestArgs(argsText("digest", (name) => ({ date: "2026-01-06", page: 12 })[name] ?? null))).toEqual({ date: "2026-01-06", page: 12 });
  });

  it("has a boolean `all` on digest, typed as the word `all` when true (held-back papers) and left out otherwise", () => {
    const all = SUBCOMMANDS.find((s) => s.name === "digest")!.options!.find((o) => o.name === "all");
    expect(all).toMatchObject({ type: 5, required: false });
    const read = (values: Record<string, string | number | boolean>) => (name: string) => values[name] ?? null;
    expect(argsText("digest", read({ date: "2026-01-06", all: true }))).toBe("2026-01-06 all");
    expect(argsText("digest", read({ date: "2026-01-06", page: 2, all: false }))).toBe("2026-01-06 page 2");
    expect(parseDigestArgs(argsText("digest", read({ date: "2026-01-06", page: 2, all: true })))).toEqual({ date: "2026-01-06", page: 2, all: true });
    expect(validateCommands([papersCommand()])).toEqual([]);
  });

  it("the fake rejects value limits on the wrong option type, as Discord does", () => {
    const bad = { name: "x", description: "d", options: [{ type: 3, name: "a", description: "d", min_value: 1 }] };
    expect(validateCommands([bad])).not.toEqual([]);
    expect(validateCommands([{ ...bad, options: [{ type: 4, name: "a", description: "d", max_length: 5 }] }])).not.toEqual([]);
    expect(validateCommands([{ ...bad, options: [{ type: 4, name: "a", description: "d", min_value: 1 }] }])).toEqual([]);
  });

  it("builds the invite URL with both scopes and exactly the permissions the bot needs", () => {
    const url = new URL(discordInviteUrl("123"));
    expect(url.origin + url.pathname).toBe("https://discord.com/oauth2/authorize");
    expect(url.searchParams.get("client_id")).toBe("123");
    expect(url.searchParams.get("scope")).toBe("bot applications.commands");
    // View Channel 1024 + Send Messages 2048 + Embed Links 16384 + Read Message History 65536 + Send Messages in Threads 2^38.
    expect(url.searchParams.get("permissions")).toBe(String(1024 + 2048 + 16384 + 65536 + 2 ** 38));
  });
});

describe("sending", () => {
  it("derives a deterministic nonce of at most 25 characters per key", () => {
    expect(nonceFor("d1:0")).toBe(nonceFor("d1:0"));
    expect(nonceFor("d1:0")).not.toBe(nonceFor("d1:1"));
    expect(nonceFor("x".repeat(500)).length).toBeLessThanOrEqual(25);
  });

  it("maps Discord errors: gone/forbidden channels are permanent, 5xx and 401 are retried", () => {
    const api = (code: number, status: number) => new DiscordAPIError({ code, message: "m" }, code, status, "POST", "https://x/api/v10/channels/1/messages", { body: {} });
    expect(toPlatformError(api(10003, 404))).toMatchObject({ code: "discord_unknown_channel", retryable: false });
    expect(toPlatformError(api(50001, 403))).toMatchObject({ code: "discord_missing_access", retryable: false });
    expect(toPlatformError(api(50013, 403))).toMatchObject({ code: "discord_missing_permissions", retryable: false });
    expect(toPlatformError(api(10004, 404))).toMatchObject({ code: "discord_unknown_guild", retryable: false });
    expect(toPlatformError(api(50035, 400))).toMatchObject({ code: "discord_50035", retryable: false });
    expect(toPlatformError(api(0, 401))).toMatchObject({ code: "discord_unauthorized", retryable: true });
    expect(toPlatformError(new HTTPError(502, "Bad Gateway", "POST", "u", { body: {} }))).toMatchObject({ code: "discord_http_502", retryable: true });
    expect(toPlatformError(Object.assign(new Error("aborted"), { name: "AbortError" }))).toMatchObject({ code: "discord_timeout", retryable: true });
    expect(toPlatformError(new TypeError("fetch failed"))).toMatchObject({ code: "discord_network", retryable: true });
  });

  it("the fake rejects bodies over Discord's limits or without allowed_mentions", () => {
    const ok = { content: "x", allowed_mentions: { parse: [] } };
    expect(validateMessage(ok, true)).toEqual([]);
    expect(validateMessage({ ...ok, content: "x".repeat(2001) }, true)).not.toEqual([]);
    expect(validateMessage({ ...ok, embeds: Array.from({ length: 11 }, () => ({ description: "d" })) }, true)).not.toEqual([]);
    expect(validateMessage({ ...ok, embeds: [{ description: "d".repeat(4000) }, { description: "d".repeat(2001) }] }, true)).not.toEqual([]);
    expect(validateMessage({ ...ok, embeds: [{ fields: [{ name: "n", value: "v".repeat(1025) }] }] }, true)).not.toEqual([]);
    expect(validateMessage({ ...ok, embeds: [{ title: "t".repeat(257) }] }, true)).not.toEqual([]);
    expect(validateMessage({ content: "x" }, true)).not.toEqual([]);
    expect(validateMessage({ allowed_mentions: { parse: [] } }, true)).not.toEqual([]);
  });
});

describe("/papers set choices", () => {
  it("offer every setting the core's set command knows", () => {
    const set = SUBCOMMANDS.find((s) => s.name === "set")!.options!.find((o) => o.name === "setting") as { choices?: Array<{ value: string }> };
    expect(set.choices?.map((c) => c.value)).toEqual(SETTING_CHOICES.map((s) => s.name));
    expect(SETTING_CHOICES.map((s) => s.name)).toEqual(expect.arrayContaining(["max", "format", "empty", "language", "match", "learn"]));
  });
});
