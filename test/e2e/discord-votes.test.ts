/**
 * 👍 / 👎 under every card of a delivered digest, with the real discord.js client against the fake Discord:
 * buttons belong to the message, so each card gets a labelled row, and a post whose cards need more than
 * 5 rows is split across messages. A press (MESSAGE_COMPONENT, answered within 3 s) records the presser's
 * vote for that paper in that channel and answers with an ephemeral message; the post is never edited.
 */
import { rmSync } from "node:fs";
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { VOTE_REFUSAL } from "../../src/platforms/vote-buttons.js";
import { appTestConfig, testLogger } from "../helpers/app-config.js";
import { digestMarkdown } from "../helpers/synthetic-digest.js";
import { FakeDiscord, validateMessage, type FakeMessage, type InteractionResult } from "./fakes/discord.js";
import { postedButtons, pressPostedButton } from "./fakes/discord-buttons.js";

const GUILD = "110000000000000001";
const CHANNEL = "210000000000000009";
const DATE = "2026-02-10";
/** 12 matching papers; the channel shows its default 10: ten rows of buttons, more than one message holds. */
const PAPERS = Array.from({ length: 12 }, (_, i) => ({ id: `2602.${String(90001 + i)}`, title: `Wombat burrow architecture, part ${i + 1} of a long series`, tldr: `Wombat finding ${i + 1}.` }));
const USER_A = "800000000000000011";
const USER_B = "800000000000000012";

describe("Discord vote buttons", { timeout: 60_000 }, () => {
  let fake: FakeDiscord;
  let app: App;
  let dir: string;
  let now = new Date(`${DATE}T08:00:00Z`);
  let posts: FakeMessage[];

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(GUILD, [CHANNEL]);
    const prepared = appTestConfig("paperboy-discord-votes-", { discord: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl } });
    dir = prepared.dir;
    app = await createApp(prepared.config, { clock: { now: () => now }, logger: testLogger(), sleep: async () => undefined });
    await app.start();
    await fake.whenReady();
    const subscribed = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "subscribe", options: [{ name: "topics", type: 3, value: "wombat" }] });
    expect(String(subscribed.messages[0]!.body.content)).toContain("Subscribed to 1 topic");
    now = new Date(now.getTime() + 60_000);
    const [report] = await app.ingestFiles([{ name: `${DATE}.md`, source: `test:${DATE}`, text: digestMarkdown(PAPERS) }]);
    expect(report?.outcome).toBe("new");
    await app.deliverDue(new Date(`${DATE}T09:05:00Z`));
    posts = fake.messagesIn(CHANNEL);
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The posted message carrying a custom_id. */
  const postWith = (customId: string): FakeMessage => {
    const found = posts.find((message) => postedButtons(message).some((button) => button.customId === customId));
    if (!found) throw new Error(`no posted button ${customId}`);
    return found;
  };
  const vote = (user: string, customId: string): Promise<InteractionResult> => pressPostedButton(fake, postWith(customId), customId, { guildId: GUILD, userId: user });

  it("splits the ten cards across messages of at most 5 rows, every card with its two labelled buttons", () => {
    expect(posts.length).toBeGreaterThan(1);
    const shown = PAPERS.slice(0, 10);
    const titles = posts.flatMap((message) => ((message.body.embeds ?? []) as APIEmbed[]).map((embed) => embed.title ?? "")).filter((title) => title.startsWith("Wombat"));
    expect(titles).toEqual(shown.map((paper) => paper.title));
    for (const message of posts) {
      expect(validateMessage(message.body, true)).toEqual([]);
      expect(((message.body.components ?? []) as unknown[]).length).toBeLessThanOrEqual(5);
    }
    const buttons = posts.flatMap((message) => postedButtons(message));
    expect(buttons.map((button) => button.customId)).toEqual(shown.flatMap((paper) => [`vote:${paper.id}:up`, `vote:${paper.id}:down`]));
    expect(buttons.slice(2, 4).map((button) => button.label)).toEqual(["👍 2 · Wombat burrow architecture…", "👎 2 · Wombat burrow architecture…"]);
    for (const button of buttons) expect(button.label.length).toBeLessThanOrEqual(80);
  });

  it("records one vote per person per paper, changeable, each press answered ephemerally and the post untouched", async () => {
    const card2 = PAPERS[1]!.id;
    const requestsBefore = fake.requests.length;
    const answer = async (user: string, customId: string): Promise<string> => {
      const result = await vote(user, customId);
      // A new ephemeral message (type 4): never an update (6/7) of the post the button is on.
      expect(result.callbacks).toEqual([4]);
      expect(result.messages).toHaveLength(1);
      expect(result.messages[0]!.via).toBe("reply");
      expect(result.messages[0]!.ephemeral).toBe(true);
      return String(result.messages[0]!.body.content);
    };
    expect(await answer(USER_A, `vote:${card2}:up`)).toContain("Noted — this channel has 1 👍, 0 👎 so far.");
    expect(await answer(USER_A, `vote:${card2}:up`)).toContain("1 👍, 0 👎");
    expect(await answer(USER_A, `vote:${card2}:down`)).toContain("0 👍, 1 👎");
    expect(await answer(USER_B, `vote:${card2}:up`)).toContain("1 👍, 1 👎");

    const votes = await app.store.channelVotes(`discord:${GUILD}/${CHANNEL}`);
    expect(votes.map((v) => [v.paperId, v.userId, v.value]).sort()).toEqual([[card2, USER_A, "down"], [card2, USER_B, "up"]]);
    // No edit of any message (PATCH @original or a channel message) since the presses began.
    expect(fake.requests.slice(requestsBefore).filter((request) => request.method === "PATCH")).toEqual([]);
  });

  it("refuses a custom_id paperboy did not make, ephemerally, and records nothing", async () => {
    const message = posts[0]!;
    for (const customId of [`vote:${PAPERS[0]!.id}:sideways`, "vote:all:up", `vote:${PAPERS[0]!.id}:up:x`]) {
      const result = await fake.pressButton({ guildId: GUILD, channelId: CHANNEL, userId: "800000000000000013", customId, message: message.body, ephemeral: false });
      expect(result.messages[0]!.ephemeral).toBe(true);
      expect(result.messages[0]!.body.content).toBe(VOTE_REFUSAL);
    }
    expect((await app.store.channelVotes(`discord:${GUILD}/${CHANNEL}`)).filter((v) => v.userId === "800000000000000013")).toEqual([]);
    // The fake only sends presses of buttons that are on the message.
    expect(() => pressPostedButton(fake, message, "vote:2602.99999:up", { guildId: GUILD, userId: USER_A })).toThrow(/has no button/);
  });
});
