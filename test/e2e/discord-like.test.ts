/**
 * A `like:` subscription end to end on Discord: the real app and discord.js client against the fake
 * Discord, the seeds as the archive. A channel subscribes `like:<a GS-KAN paper of 2025-12-11>` with the
 * slash command; a digest made of real seed entries arrives; the post carries the Kolmogorov-Arnold paper
 * and not the federated-learning one (the Slack twin is slack-like.test.ts).
 */
import { rmSync } from "node:fs";
import type { APIEmbed } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { appTestConfig, testLogger } from "../helpers/app-config.js";
import { seedEntries } from "../helpers/seed-entries.js";
import { FakeDiscord, validateMessage, type InteractionResult } from "./fakes/discord.js";

const GUILD = "120000000000000001";
const CHANNEL = "220000000000000001";
const PREVIEW_CHANNEL = "220000000000000002";
/** GS-KAN (2025-12-11 seed): Kolmogorov-Arnold networks. */
const EXAMPLE = "2512.09084";
/** T-KAN (2026-01-06 seed): Kolmogorov-Arnold networks for order books — similar. */
const SIMILAR = "2601.02310";
/** FAROS (2026-01-06 seed): backdoor-robust federated learning — not similar. */
const DISSIMILAR = "2601.01833";

function textOf(body: Record<string, unknown>): string {
  const embeds = (body.embeds ?? []) as APIEmbed[];
  return [
    typeof body.content === "string" ? body.content : "",
    ...embeds.flatMap((embed) => [embed.title ?? "", embed.url ?? "", embed.description ?? "", ...(embed.fields ?? []).flatMap((f) => [f.name, f.value]), embed.footer?.text ?? ""]),
  ].join("\n");
}

describe("Discord: a like: subscription", { timeout: 60_000 }, () => {
  let fake: FakeDiscord;
  let app: App;
  let dir: string;
  let now = new Date("2026-01-06T08:00:00Z");

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(GUILD, [CHANNEL, PREVIEW_CHANNEL]);
    const prepared = appTestConfig("paperboy-discord-like-", { discord: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl } });
    dir = prepared.dir;
    app = await createApp(prepared.config, { clock: { now: () => now }, logger: testLogger(), sleep: async () => undefined });
    await app.start();
    await fake.whenReady();
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const command = (subcommand: string, options: Array<{ name: string; type: number; value: string | number | boolean }>, channelId = CHANNEL): Promise<InteractionResult> =>
    fake.dispatchInteraction({ guildId: GUILD, channelId, subcommand, options });

  it("subscribes like:<id> with the slash command, delivers the similar paper and not the dissimilar one", async () => {
    const subscribed = await command("subscribe", [{ name: "topics", type: 3, value: `like:https://arxiv.org/abs/${EXAMPLE}v1` }]);
    const reply = textOf(subscribed.messages[0]!.body);
    expect(reply).toContain("Subscribed to 1 topic");
    expect(reply).toContain(SIMILAR);
    expect(await app.store.listTopics(`discord:${GUILD}/${CHANNEL}`)).toMatchObject([{ text: expect.stringContaining(`like:`) }]);

    now = new Date("2026-01-06T08:01:00Z");
    const [report] = await app.ingestFiles([{ name: "2026-01-07.md", source: "test:2026-01-07", text: seedEntries("2026-01-06.md", [DISSIMILAR, SIMILAR]) }]);
    expect(report?.outcome).toBe("new");
    await app.deliverDue(new Date("2026-01-07T09:05:00Z"));

    const posts = fake.messagesIn(CHANNEL);
    expect(posts.length).toBeGreaterThan(0);
    for (const message of posts) expect(validateMessage(message.body, true)).toEqual([]);
    const posted = posts.map((message) => textOf(message.body)).join("\n");
    expect(posted).toContain(`arXiv:${SIMILAR}`);
    expect(posted).not.toContain(DISSIMILAR);
    // The card's matched field names what the paper shares with the example.
    expect(posted).toMatch(new RegExp(`like ${EXAMPLE}: [^\\n]*kolmogorov`, "i"));
    expect((await app.store.lastDelivery(`discord:${GUILD}/${CHANNEL}`))?.state).toBe("sent");
  });

  it("previews the digest with the boolean `all` option, typed as `all`", async () => {
    await command("subscribe", [{ name: "topics", type: 3, value: `like:${EXAMPLE}` }], PREVIEW_CHANNEL);
    const preview = await command("digest", [
      { name: "date", type: 3, value: "2026-01-06" },
      { name: "all", type: 5, value: true },
    ], PREVIEW_CHANNEL);
    const text = textOf(preview.messages[0]!.body);
    expect(preview.messages[0]!.ephemeral).toBe(true);
    expect(text).not.toMatch(/didn't work/);
    expect(text).toContain(`arXiv:${SIMILAR}`);
    expect(text).not.toContain(DISSIMILAR);
  });
});
