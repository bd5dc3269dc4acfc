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
const pagerButtonsOf = (body: Body): Button[] => buttonsOf(body).filter((button) => button.custom_id.startsWith("pager:"));
const titlesIn = (body: Body): string[] => ((body.embeds ?? []) as APIEmbed[]).map((embed) => embed.title ?? "").filter((title) => title.startsWith("Wombat"));
const textOf = (body: Body): string => [String(body.content ?? ""), ...((body.embeds ?? []) as APIEmbed[]).map((embed) => embed.description ?? "")].join("\n");

describe("Discord pager buttons", () => {
  let fake: FakeDiscord;
  let app: App;
  let dir: string;

  const press = (message: Body, customId: string, userId?: string, messages = 1): Promise<InteractionResult> =>
    fake.pressButton({ guildId: GUILD, channelId: CHANNEL, customId, message, messages, ...(userId ? { userId, permissions: BASIC_MEMBER.toString() } : {}) });

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

  it("shows Next on page 1, on the page's last message; pressing it takes the pager off page 1 and sends page 2 below, with Previous and Next", async () => {
    // Ten cards with a row of 👍/👎 each and the pager row: more rows than one message holds (5), so a page
    // is three messages and the pager closes the last one.
    const first = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "digest", options: [{ name: "date", type: 3, value: DATE }], messages: 3 });
    expect(first.messages).toHaveLength(3);
    const page1 = first.messages.map((message) => message.body);
    const last1 = page1[page1.length - 1]!;
    expect(textOf(last1)).toContain("page 1 of 3");
    expect(pagerButtonsOf(last1).map((button) => [button.label, button.custom_id])).toEqual([["Next 10", `pager:digest:${DATE}:2`]]);
    expect(page1.slice(0, -1).flatMap(pagerButtonsOf)).toEqual([]);
    expect(page1.flatMap(buttonsOf).filter((button) => button.custom_id.startsWith("vote:"))).toHaveLength(20);

    // A member without Manage Channels may page too: the preview is read-only.
    const pressed = await press(last1, pagerButtonsOf(last1)[0]!.custom_id, "800000000000000077", 4);
    // Acknowledged as a deferred update (6); page 1 keeps its cards and votes but loses its pager, and
    // page 2 (three messages) follows below it.
    expect(pressed.callbacks).toEqual([6]);
    expect(pressed.messages.map((message) => message.via)).toEqual(["edit", "followup", "followup", "followup"]);
    expect(pressed.messages.every((message) => message.ephemeral)).toBe(true);
    const edited = pressed.messages[0]!.body;
    expect(pagerButtonsOf(edited)).toEqual([]);
    expect(buttonsOf(edited).map((button) => button.custom_id)).toEqual(buttonsOf(last1).filter((button) => button.custom_id.startsWith("vote:")).map((button) => button.custom_id));
    const page2 = pressed.messages.slice(1).map((message) => message.body);
    const last2 = page2[page2.length - 1]!;
    expect(textOf(last2)).toContain("page 2 of 3");
    const titles2 = page2.flatMap(titlesIn);
    expect(titles2).toHaveLength(10);
    expect(titles2.filter((title) => page1.flatMap(titlesIn).includes(title))).toEqual([]);
    expect(pagerButtonsOf(last2).map((button) => [button.label, button.custom_id])).toEqual([
      ["Previous", `pager:digest:${DATE}:1`],
      ["Next 10", `pager:digest:${DATE}:3`],
    ]);

    // The last page: its 5 cards fill a message with 5 rows of votes, so the pager row closes a second one.
    const page3 = (await press(last2, `pager:digest:${DATE}:3`, undefined, 3)).messages.slice(1).map((message) => message.body);
    const last3 = page3[page3.length - 1]!;
    expect(textOf(last3)).toContain("page 3 of 3");
    expect(pagerButtonsOf(last3).map((button) => button.label)).toEqual(["Previous"]);
  });

  it("refuses forged custom_ids briefly and keeps answering commands", async () => {
    const message = { content: "an old preview", components: [] };
    for (const customId of [`pager:digest:${DATE}:2x`, "pager:digest:2026-02-10:0", "subscribe everything", "x".repeat(100)]) {
      const refused = await press(message, customId);
      expect(refused.callbacks).toEqual([4]);
      expect(refused.messages[0]!.ephemeral).toBe(true);
      expect(refused.messages[0]!.body.content).toBe(PAGER_REFUSAL);
    }
    // A well-formed id for a page that does not exist: the stale pager goes, and the command's own answer follows.
    const stale = { content: "an old preview", components: [{ type: 1, components: [{ type: 2, style: 2, label: "Next 10", custom_id: `pager:digest:${DATE}:9` }] }] };
    const tooFar = await press(stale, `pager:digest:${DATE}:9`, undefined, 2);
    expect(tooFar.messages[0]!.via).toBe("edit");
    expect(tooFar.messages[0]!.body.components).toEqual([]);
    expect(textOf(tooFar.messages[1]!.body)).toContain("has 3 pages");
    const help = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "help" });
    expect(textOf(help.messages[0]!.body)).toContain("/papers digest");
  });
});
