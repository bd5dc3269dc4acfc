/**
 * The digest preview's Previous / Next buttons with the real discord.js client against the fake Discord:
 * a press (MESSAGE_COMPONENT interaction) runs `digest <date> page <n>` through the one handler and
 * updates the message it was on; a forged custom_id gets a short ephemeral refusal and the bot keeps
 * answering.
 */
import { rmSync } from "node:fs";
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { PAGER_REFUSAL } from "../../src/platforms/pager-buttons.js";
import { appTestConfig, testLogger } from "../helpers/app-config.js";
import { digestMarkdown } from "../helpers/synthetic-digest.js";
import { BASIC_MEMBER, FakeDiscord, type InteractionResult } from "./fakes/discord.js";

const GUILD = "110000000000000001";
const CHANNEL = "210000000000000001";
const DATE = "2026-02-10";
/** 25 matching papers: three preview pages of 10. */
const PAPERS = Array.from({ length: 25 }, (_, i) => ({ id: `2602.${String(70001 + i)}`, title: `Wombat paper ${i}`, tldr: `Wombat finding ${i}.` }));

type Body = Record<string, unknown>;
type Button = { type: number; label: string; custom_id: string; style: number };

const buttonsOf = (body: Body): Button[] => ((body.components ?? []) as Array<{ components: Button[] }>).flatMap((row) => row.components);
const titlesIn = (body: Body): string[] => ((body.embeds ?? []) as APIEmbed[]).map((embed) => embed.title ?? "").filter((title) => title.startsWith("Wombat"));
const textOf = (body: Body): string => [String(body.content ?? ""), ...((body.embeds ?? []) as APIEmbed[]).map((embed) => embed.description ?? "")].join("\n");

describe("Discord pager buttons", () => {
  let fake: FakeDiscord;
  let app: App;
  let dir: string;

  const press = (message: Body, customId: string, userId?: string): Promise<InteractionResult> =>
    fake.pressButton({ guildId: GUILD, channelId: CHANNEL, customId, message, ...(userId ? { userId, permissions: BASIC_MEMBER.toString() } : {}) });

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(GUILD, [CHANNEL]);
    const prepared = appTestConfig("paperboy-discord-pager-", { discord: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl } });
    dir = prepared.dir;
    const now = new Date("2026-02-10T08:00:00Z");
    app = await createApp(prepared.config, { clock: { now: () => now }, logger: testLogger(), sleep: async () => undefined });
    await app.start();
    await fake.whenReady();
    const [report] = await app.ingestFiles([{ name: `${DATE}.md`, source: `test:${DATE}`, text: digestMarkdown(PAPERS) }]);
    expect(report?.outcome).toBe("new");
    const subscribed = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "subscribe", options: [{ name: "topics", type: 3, value: "wombat" }] });
    expect(textOf(subscribed.messages[0]!.body)).toContain("Subscribed to 1 topic");
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("shows Next on page 1; pressing it updates the message to page 2, with Previous and Next", async () => {
    const first = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "digest", options: [{ name: "date", type: 3, value: DATE }] });
    expect(first.messages).toHaveLength(1);
    const page1 = first.messages[0]!.body;
    expect(textOf(page1)).toContain("page 1 of 3");
    expect(buttonsOf(page1).map((button) => [button.label, button.custom_id])).toEqual([["Next 10", `pager:digest:${DATE}:2`]]);

    // A member without Manage Channels may page too: the preview is read-only.
    const pressed = await press(page1, buttonsOf(page1)[0]!.custom_id, "800000000000000077");
    // Acknowledged as a deferred update (6), then the pressed message edited: no new message.
    expect(pressed.callbacks).toEqual([6]);
    expect(pressed.messages).toHaveLength(1);
    const page2 = pressed.messages[0]!;
    expect(page2.via).toBe("edit");
    expect(page2.ephemeral).toBe(true);
    expect(textOf(page2.body)).toContain("page 2 of 3");
    const titles2 = titlesIn(page2.body);
    expect(titles2).toHaveLength(10);
    expect(titles2.filter((title) => titlesIn(page1).includes(title))).toEqual([]);
    expect(buttonsOf(page2.body).map((button) => [button.label, button.custom_id])).toEqual([
      ["Previous", `pager:digest:${DATE}:1`],
      ["Next 10", `pager:digest:${DATE}:3`],
    ]);

    const last = (await press(page2.body, `pager:digest:${DATE}:3`)).messages[0]!.body;
    expect(textOf(last)).toContain("page 3 of 3");
    expect(buttonsOf(last).map((button) => button.label)).toEqual(["Previous"]);
  });

  it("refuses forged custom_ids briefly and keeps answering commands", async () => {
    const message = { content: "an old preview", components: [] };
    for (const customId of [`pager:digest:${DATE}:2x`, "pager:digest:2026-02-10:0", "subscribe everything", "x".repeat(100)]) {
      const refused = await press(message, customId);
      expect(refused.callbacks).toEqual([4]);
      expect(refused.messages[0]!.ephemeral).toBe(true);
      expect(refused.messages[0]!.body.content).toBe(PAGER_REFUSAL);
    }
    // A well-formed id for a page that does not exist: the command's own answer, and its buttons gone.
    const tooFar = await press(message, `pager:digest:${DATE}:9`);
    expect(textOf(tooFar.messages[0]!.body)).toContain("has 3 pages");
    expect(tooFar.messages[0]!.body.components).toEqual([]);
    const help = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "help" });
    expect(textOf(help.messages[0]!.body)).toContain("/papers digest");
  });
});
