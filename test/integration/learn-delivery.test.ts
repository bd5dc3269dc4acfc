/**
 * A channel's votes in what it receives, on a real SQLite store through the real app: after ≥ 5 👍 and
 * ≥ 5 👎 (`/papers vote`), `rank` reorders the delivered post, `filter` holds papers back and says so,
 * the digest preview shows the same, and `why` shows the model's part.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { ChannelRef } from "../../src/core/channel.js";
import type { CommandContext, Message, Platform } from "../../src/core/ports.js";
import { plain, type Post } from "../../src/core/post.js";
import { silentLogger } from "../../src/log.js";
import { ROOT } from "../helpers/cli.js";
import { DECODING_NEXT_DAY, NEXT_DAY_DIGEST, SPLATTING_NEXT_DAY, VOTED_DOWN, VOTED_UP, VOTING_DAY } from "../helpers/learning-digests.js";

/** Records each channel's posts as the engine hands them over. */
class RecordingPlatform implements Platform {
  readonly kind = "slack" as const;
  sent = new Map<string, Post[]>();
  render(post: Post): Message[] {
    return [{ body: post, replyTo: null }];
  }
  async send(channel: ChannelRef, message: Message): Promise<string> {
    const list = this.sent.get(channel.channel) ?? [];
    list.push(message.body as Post);
    this.sent.set(channel.channel, list);
    return `ts-${list.length}`;
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}

let app: App | null = null;
let dir = "";
afterEach(async () => {
  await app?.stop();
  app = null;
  rmSync(dir, { recursive: true, force: true });
});

const context = (channel: string, userId = "U1"): CommandContext => ({ channel: { platform: "slack", workspace: "T1", channel }, userId, isManager: true });
const cardIds = (post: Post) => post.cards.map((card) => card.paperId);
const textOf = (post: Post) => [post.header.title, ...post.intro.map(plain), ...post.notes.map(plain)].join("\n");

/** Three channels on topic `efficient`: C-KEY never learns, C-RANK and C-FILTER vote 6 👍 and 6 👎 on the first day. */
async function deliverAfterVotes() {
  dir = mkdtempSync(join(tmpdir(), "paperboy-learn-"));
  const digests = join(dir, "digests");
  mkdirSync(digests);
  writeFileSync(join(digests, `${VOTING_DAY.date}.md`), VOTING_DAY.markdown);
  const clock = { now: new Date("2026-01-05T08:00:00Z") };
  const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags: { db: `sqlite:${join(dir, "db.sqlite")}`, digests, console: { enabled: false, channels: [] } } });
  const platform = new RecordingPlatform();
  app = await createApp(config, { logger: silentLogger(), clock: { now: () => clock.now }, platforms: [platform], sleep: async () => undefined });
  await app.pollSources();
  clock.now = new Date("2026-01-05T10:00:00Z");
  for (const [channel, learn] of [["C-KEY", "off"], ["C-RANK", "auto"], ["C-FILTER", "filter"]] as const) {
    const here = context(channel);
    expect((await app.handleCommand({ name: "subscribe", args: "efficient" }, here)).isError).toBeFalsy();
    await app.handleCommand({ name: "schedule", args: "instant" }, here);
    await app.handleCommand({ name: "set", args: `learn ${learn}` }, here);
    if (learn === "off") continue;
    for (const paper of VOTED_UP) expect((await app.handleCommand({ name: "vote", args: `${paper.id} up` }, here)).isError).toBeFalsy();
    for (const paper of VOTED_DOWN) await app.handleCommand({ name: "vote", args: `${paper.id} down` }, here);
  }
  clock.now = new Date("2026-01-06T08:00:00Z");
  writeFileSync(join(digests, `${NEXT_DAY_DIGEST.date}.md`), NEXT_DAY_DIGEST.markdown);
  await app.pollSources();
  expect((await app.deliverDue()).delivered).toBe(3);
  const post = (channel: string) => {
    const posts = platform.sent.get(channel) ?? [];
    expect(posts).toHaveLength(1);
    return posts[0]!;
  };
  return { app, post };
}

describe("learning from votes in delivered posts (SQLite)", () => {
  it("rank: the decoding papers the votes like come before the splatting papers keywords put first", async () => {
    const { post } = await deliverAfterVotes();
    const keyword = cardIds(post("C-KEY"));
    expect(keyword).toEqual([...SPLATTING_NEXT_DAY, ...DECODING_NEXT_DAY]);
    const ranked = cardIds(post("C-RANK"));
    expect(ranked.slice(0, 2).sort()).toEqual(DECODING_NEXT_DAY);
    expect(ranked.slice(2).sort()).toEqual(SPLATTING_NEXT_DAY);
    expect(post("C-RANK").notes).toEqual([]);
  });

  it("filter: the splatting papers are held back, the footer says how many and how to see them", async () => {
    const { app, post } = await deliverAfterVotes();
    const filtered = post("C-FILTER");
    expect(cardIds(filtered).sort()).toEqual(DECODING_NEXT_DAY);
    expect(filtered.notes.map(plain)).toContain("2 papers held back by this channel's votes — /papers digest 2026-01-06 all");
    // The ledger records what was posted, not what was held back.
    expect((await app.store.lastDelivery("slack:T1/C-FILTER"))!.paperIds.sort()).toEqual(DECODING_NEXT_DAY);
    // The preview agrees with the post; `all` lists the held-back papers, marked.
    const preview = await app.handleCommand({ name: "digest", args: "2026-01-06" }, context("C-FILTER"));
    expect(cardIds(preview)).toEqual(cardIds(filtered));
    expect(textOf(preview)).toContain("2 papers held back by this channel's votes");
    const all = await app.handleCommand({ name: "digest", args: "2026-01-06 all" }, context("C-FILTER"));
    expect(cardIds(all).slice(2).sort()).toEqual(SPLATTING_NEXT_DAY);
    expect(all.cards.slice(2).every((card) => card.extra.some((line) => plain(line).startsWith("Held back by this channel's votes")))).toBe(true);
  });

  it("why: the model's probability, the terms pushing up and down, and what the votes did", async () => {
    const { app } = await deliverAfterVotes();
    const held = textOf(await app.handleCommand({ name: "why", args: SPLATTING_NEXT_DAY[0]! }, context("C-FILTER")));
    expect(held).toMatch(/Votes \(learn filter, 6 👍 · 6 👎\): this channel's model gives the paper \d+%\./);
    expect(held).toMatch(/Pushing down: .*gaussian/i);
    expect(held).toMatch(/held back — the model gives it less than 25%; \/papers digest 2026-01-06 all lists it\./);
    const up = textOf(await app.handleCommand({ name: "why", args: DECODING_NEXT_DAY[1]! }, context("C-RANK")));
    expect(up).toMatch(/Pushing up: .*(speculative|draft)/i);
    expect(up).toMatch(/ranked up by the votes, #4 → #[12]\./);
    const keywordOnly = textOf(await app.handleCommand({ name: "why", args: DECODING_NEXT_DAY[1]! }, context("C-KEY")));
    expect(keywordOnly).not.toMatch(/Votes|model/);
  });
});
