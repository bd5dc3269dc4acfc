/**
 * Interactions no real Discord client sends, through the real app and discord.js client against the fake
 * Discord: permission bitfields that do not parse, negative or zero permissions, arguments far over
 * Discord's option limits, and a channel claimed for the wrong server. Each gets an answer or a logged
 * refusal, and the bot keeps answering.
 */
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { REFUSED_REPLY } from "../../src/platforms/discord/interactions.js";
import { openStore } from "../../src/store/open-store.js";
import { appTestConfig, testLogger } from "../helpers/app-config.js";
import { FakeDiscord, type InteractionInput } from "./fakes/discord.js";

const G1 = "130000000000000001";
const G2 = "140000000000000002";
const C1 = "230000000000000001";
const C2 = "230000000000000002";
const OTHER = "240000000000000001";

describe("Discord interactions no real client sends", () => {
  let fake: FakeDiscord;
  let app: App;
  let dir: string;

  /** The text of the first reply (the fake rejects the dispatch if Discord would refuse the reply). */
  async function answer(input: Partial<InteractionInput> & { subcommand: string }): Promise<string> {
    const result = await fake.dispatchInteraction({ guildId: G1, channelId: C1, ...input });
    const body = result.messages[0]!.body as { content?: string; embeds?: Array<{ title?: string; description?: string }> };
    return [body.content ?? "", ...(body.embeds ?? []).flatMap((embed) => [embed.title ?? "", embed.description ?? ""])].join("\n");
  }
  const topicsOf = async (channel: string, guild = G1) => (await app.store.listTopics(`discord:${guild}/${channel}`)).map((topic) => topic.text);
  const subscribe = (topics: string, extra: Partial<InteractionInput> = {}) => answer({ subcommand: "subscribe", options: [{ name: "topics", type: 3, value: topics }], ...extra });

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(G1, [C1, C2]);
    fake.addGuild(G2, [OTHER]);
    const prepared = appTestConfig("paperboy-discord-hostile-", { discord: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl } });
    dir = prepared.dir;
    const store = await openStore(prepared.config.db);
    app = await createApp(prepared.config, { logger: testLogger(), store, sleep: async () => undefined });
    await app.start();
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reads a member bitfield that does not parse as no permissions, and keeps answering", async () => {
    expect(await subscribe("quasar", { permissions: "abc" })).toContain("Only channel managers");
    expect(await topicsOf(C1)).toEqual([]);
    expect(await answer({ subcommand: "help" })).toContain("/papers subscribe");
  });

  it("never reads a negative member bitfield as every permission", async () => {
    expect(await subscribe("quasar", { permissions: "-1" })).toContain("Only channel managers");
    expect(await topicsOf(C1)).toEqual([]);
  });

  it("treats Administrator without the Manage Channels bit as a manager, as Discord does", async () => {
    const administratorOnly = ((1n << 3n) | (1n << 10n) | (1n << 11n)).toString();
    expect(await subscribe("admin topic", { channelId: C2, permissions: administratorOnly })).toContain("Subscribed");
    expect(await topicsOf(C2)).toEqual(["admin topic"]);
    await answer({ subcommand: "unsubscribe", channelId: C2, options: [{ name: "topic", type: 3, value: "all" }], permissions: administratorOnly });
    expect(await topicsOf(C2)).toEqual([]);
  });

  it("answers with what the bot lacks when its own permissions are 0 or do not parse", async () => {
    for (const appPermissions of ["0", "abc", "-1"]) {
      expect(await subscribe("quasar", { channelId: C2, appPermissions }), appPermissions).toContain("paperboy cannot post in this channel");
      expect(await topicsOf(C2)).toEqual([]);
    }
    expect(await answer({ subcommand: "status", appPermissions: "0" })).not.toContain("went wrong");
  });

  it("refuses arguments far over Discord's limits, and keeps answering", async () => {
    expect(await answer({ subcommand: "paper", options: [{ name: "id", type: 3, value: "1".repeat(25_000) }] })).toContain("`id` is too long: 25000 characters");
    expect(await answer({ subcommand: "search", options: [{ name: "query", type: 3, value: "q ".repeat(12_500) }] })).toContain("`query` is too long: 25000 characters");
    expect(await answer({ subcommand: "why", options: [{ name: "id", type: 3, value: "x".repeat(25_000) }] })).toContain("too long");
    expect(await answer({ subcommand: "help" })).toContain("/papers subscribe");
  });

  it("refuses a channel claimed for another server than its own, creating no channel row", async () => {
    expect(await subscribe("quasar", { guildId: G1, channelId: OTHER })).toBe(REFUSED_REPLY);
    expect(await app.store.getChannel(`discord:${G1}/${OTHER}`)).toBeNull();
    expect(await subscribe("quasar", { guildId: G2, channelId: OTHER })).toContain("Subscribed");
    expect(await topicsOf(OTHER, G2)).toEqual(["quasar"]);
  });
});
