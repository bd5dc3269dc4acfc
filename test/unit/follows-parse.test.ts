/** Personal follows: the command text on every platform, personal destination ids, unfollow's choice. */
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatChannelId, isPersonal, parseChannelId, personalRef, personalUser, type ChannelRef, type TopicRecord } from "../../src/core/channel.js";
import { parseCommandText, SUBCOMMAND_NAMES } from "../../src/core/commands/handler.js";
import { FOLLOW_COMMANDS } from "../../src/core/commands/follows.js";
import { USAGE } from "../../src/core/commands/help.js";
import { parseSchedule } from "../../src/core/commands/settings.js";
import { pickTopics } from "../../src/core/commands/subscriptions.js";
import { notePost } from "../../src/core/post.js";
import { createConsolePlatform } from "../../src/platforms/console/console.js";
import { renderConsolePost } from "../../src/platforms/console/render.js";
import { argsText, SUBCOMMANDS } from "../../src/platforms/discord/commands.js";
import { parseSlashText } from "../../src/platforms/slack/commands.js";
import { slackManifest } from "../../src/platforms/slack/manifest.js";

describe("follow commands as typed", () => {
  it.each([
    ["/papers follow speculative decoding, kv cache", "follow", "speculative decoding, kv cache"],
    ["/papers follow-schedule 08:00 Europe/Berlin", "follow-schedule", "08:00 Europe/Berlin"],
    ["FOLLOWING", "following", ""],
    ["/papers unfollow  2", "unfollow", "2"],
    ["follow-resume", "follow-resume", ""],
  ])("%j → %s(%j), the same on Slack", (input, name, args) => {
    expect(parseCommandText(input)).toEqual({ name, args });
    expect(parseSlashText(input.replace(/^\/papers\s*/, ""))).toEqual({ name, args });
  });

  it("every follow command is handled, in help, and a Discord subcommand", () => {
    for (const name of FOLLOW_COMMANDS) {
      expect(SUBCOMMAND_NAMES).toContain(name);
      expect(USAGE.some((entry) => entry.usage.split(" ")[0] === name)).toBe(true);
      expect(SUBCOMMANDS.map((sub) => sub.name)).toContain(name);
    }
  });

  it("Discord options become the text a Slack user would type", () => {
    const values: Record<string, string> = { time: "08:00", timezone: "Europe/Berlin", days: "weekdays", followed: "all", topics: "kv cache, moe" };
    const read = (name: string) => values[name] ?? null;
    expect(argsText("follow-schedule", read)).toBe("08:00 Europe/Berlin weekdays");
    expect(argsText("unfollow", read)).toBe("all");
    expect(argsText("follow", read)).toBe("kv cache, moe");
  });

  it("the Slack manifest asks for im:write (open the DM) and im:history (recover in it)", () => {
    const manifest = slackManifest({ command: "/papers", socketMode: true }) as { oauth_config: { scopes: { bot: string[] } }; features: { slash_commands: Array<{ usage_hint: string }> } };
    expect(manifest.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["im:write", "im:history"]));
    expect(manifest.features.slash_commands[0]!.usage_hint).toContain("follow <topics>");
  });

  it("follow-schedule takes the channel schedule's syntax", () => {
    expect(parseSchedule("08:00 Europe/Berlin")).toEqual({ ok: true, patch: { time: "08:00", timezone: "Europe/Berlin", mode: "digest" } });
    expect(parseSchedule("8 Berlin").ok).toBe(false);
  });
});

describe("personal destinations", () => {
  const slack: ChannelRef = { platform: "slack", workspace: "T1", channel: "C1" };

  it.each([
    [slack, "U123", "slack:T1/@U123"],
    [{ platform: "discord", workspace: "110000000000000001", channel: "21" } as ChannelRef, "800000000000000011", "discord:110000000000000001/@800000000000000011"],
    [{ platform: "console", workspace: "", channel: "demo" } as ChannelRef, "console", "console:@console"],
  ])("%j + %s → %s, and back", (where, user, id) => {
    const ref = personalRef(where, user);
    expect(formatChannelId(ref)).toBe(id);
    expect(parseChannelId(id)).toEqual(ref);
    expect(personalUser(ref)).toBe(user);
    expect(isPersonal(ref)).toBe(true);
  });

  it("keeps the workspace, so tenants stay apart, and never collides with a channel", () => {
    expect(personalRef(slack, "U1")).not.toEqual(personalRef({ ...slack, workspace: "T2" }, "U1"));
    expect(personalRef(slack, "U1")).toEqual(personalRef({ ...slack, channel: "C2" }, "U1"));
    expect(isPersonal(slack)).toBe(false);
    expect(personalUser(slack)).toBeNull();
  });

  it.each(["slack:T1/@", "slack:@T1/U1", "slack:T1/@@U1", "console:@", "discord:G1/@U 1"])("refuses the malformed id %j", (id) => {
    expect(parseChannelId(id)).toBeNull();
  });

  it("prints a console follow as a direct message to its person", async () => {
    const out = new PassThrough();
    let written = "";
    out.on("data", (chunk: Buffer) => (written += chunk.toString()));
    const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
    const platform = createConsolePlatform({ out, color: false, files: new Map(), log });
    const [message] = renderConsolePost(notePost("Your papers", []));
    await platform.send(personalRef({ platform: "console", workspace: "", channel: "demo" }, "alice"), message!, { key: "1:0", replyTo: null, recovering: false });
    expect(written).toContain("[DM @alice]");
    expect(written).not.toContain("#@alice");
  });
});

describe("unfollow's choice of topics", () => {
  const topics: TopicRecord[] = ["kv cache", "moe", "Diffusion"].map((text, i) => ({ id: i + 10, channelId: "slack:T1/@U1", text, createdAt: "" }));
  it.each([
    ["2", ["moe"]],
    ["1, 3", ["kv cache", "Diffusion"]],
    ["all", ["kv cache", "moe", "Diffusion"]],
    ["diffusion", ["Diffusion"]],
    ["4", []],
    ["0", []],
    ["transformers", []],
  ])("%j → %j", (wanted, expected) => {
    expect(pickTopics(topics, wanted).map((topic) => topic.text)).toEqual(expected);
  });
});
