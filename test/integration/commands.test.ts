/** Every /papers subcommand through the real handler, store (SQLite file) and topic engine. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { CommandContext } from "../../src/core/ports.js";
import { plain, type Post } from "../../src/core/post.js";
import { silentLogger } from "../../src/log.js";
import { ROOT } from "../helpers/cli.js";

let app: App;
const now = new Date("2026-01-06T10:00:00Z");
const otherTeam: CommandContext = { channel: { platform: "slack", workspace: "T2", channel: "C1" }, userId: "U9", isManager: true };

/** Each test works in a channel of its own, so none depends on what another did before it. */
let channels = 0;
function freshChannel(): { manager: CommandContext; member: CommandContext } {
  const manager: CommandContext = { channel: { platform: "slack", workspace: "T1", channel: `C${++channels}` }, userId: "U1", isManager: true };
  return { manager, member: { ...manager, userId: "U2", isManager: false } };
}

const textOf = (post: Post) => [post.header.title, ...post.intro.map(plain), ...post.cards.map((c) => `${c.paperId} ${c.title}`), ...post.notes.map(plain), post.overflow ? plain(post.overflow) : ""].join("\n");
const run = async (line: string, context: CommandContext) => {
  const [name = "", ...rest] = line.split(" ");
  return app.handleCommand({ name, args: rest.join(" ") }, context);
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-commands-"));
  const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags: { db: `sqlite:${join(dir, "db.sqlite")}`, digests: join(ROOT, "seeds"), console: { enabled: false, channels: [] } } });
  app = await createApp(config, { logger: silentLogger(), clock: { now: () => now } });
  await app.pollSources();
});

afterAll(async () => app?.stop());

describe("/papers commands", () => {
  it("help lists every command with an example", async () => {
    const text = textOf(await run("help", freshChannel().member));
    for (const name of ["subscribe", "unsubscribe", "list", "search", "paper", "digest", "why", "schedule", "set", "pause", "resume", "status"]) expect(text).toContain(name);
  });

  it("subscribe shows how many papers each topic would have matched in the latest digest", async () => {
    const { manager } = freshChannel();
    const post = await run("subscribe kv cache, federated learning", manager);
    expect(post.isError).toBeFalsy();
    expect(post.ephemeral).toBe(true);
    expect(textOf(post)).toMatch(/kv cache — would have matched \d+ papers? in the 2026-01-06 digest/);
    expect(textOf(post)).toMatch(/federated learning — would have matched [1-9]\d* papers?/);
  });

  it("subscribe refuses non-managers and bad syntax, with a reason and an example", async () => {
    const { manager, member } = freshChannel();
    const refused = await run("subscribe moe", member);
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toMatch(/managers/);
    const bad = await run('subscribe "kv cache', manager);
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/unclosed quote/);
    expect(textOf(bad)).toMatch(/Example/);
    const field = await run("subscribe titel:llm", manager);
    expect(textOf(field)).toMatch(/unknown field 'titel'/);
  });

  it("list numbers the topics and shows settings; another team sees nothing of them", async () => {
    const { manager, member } = freshChannel();
    await run("subscribe kv cache, federated learning", manager);
    const text = textOf(await run("list", member));
    expect(text).toMatch(/1\. kv cache/);
    expect(text).toMatch(/2\. federated learning/);
    expect(text).toMatch(/Schedule: 09:00 UTC/);
    expect(textOf(await run("list", otherTeam))).toMatch(/No topics yet/);
  });

  it("search returns at most 5 papers from the archive", async () => {
    const { member } = freshChannel();
    const post = await run("search speculative decoding", member);
    expect(post.cards.length).toBeGreaterThan(0);
    expect(post.cards.length).toBeLessThanOrEqual(5);
    expect(post.ephemeral).toBe(true);
    const none = await run("search zzzqqqxxx", member);
    expect(none.cards).toHaveLength(0);
    expect(textOf(none)).toMatch(/No paper/);
  });

  it("paper shows the full card of one paper from an id or a URL", async () => {
    const { member } = freshChannel();
    const post = await run("paper https://arxiv.org/abs/2601.01186v2", member);
    expect(post.cards).toHaveLength(1);
    expect(post.cards[0]!.paperId).toBe("2601.01186");
    expect(post.cards[0]!.details).not.toBeNull();
    expect(textOf(await run("paper 9999.99999", member))).toMatch(/not in the archive/);
    expect((await run("paper hello", member)).isError).toBe(true);
  });

  it("digest previews what this channel gets from the latest or a given digest", async () => {
    const { manager, member } = freshChannel();
    await run("subscribe kv cache, federated learning", manager);
    const latest = await run("digest", member);
    expect(latest.header.date).toBe("2026-01-06");
    expect(latest.cards.length).toBeGreaterThan(0);
    const older = await run("digest 2025-09-08", member);
    expect(older.header.date).toBe("2025-09-08");
    expect(textOf(await run("digest 1999-01-01", member))).toMatch(/No digest for 1999-01-01/);
  });

  it("why explains a match and a miss", async () => {
    const { manager, member } = freshChannel();
    await run("subscribe kv cache, federated learning", manager);
    const hit = await run("digest", member);
    const id = hit.cards[0]!.paperId;
    expect(textOf(await run(`why ${id}`, member))).toMatch(/matches [1-9] topics?/);
    expect(textOf(await run("why 2601.01186", member))).toMatch(/matches none/);
  });

  it("schedule and set change settings; bad values are explained", async () => {
    const { manager, member } = freshChannel();
    await run("subscribe kv cache", manager);
    expect(textOf(await run("schedule 07:30 Asia/Shanghai weekdays", manager))).toMatch(/07:30 Asia\/Shanghai, Monday to Friday/);
    expect((await run("schedule 7pm", manager)).isError).toBe(true);
    expect(textOf(await run("set max 3", manager))).toMatch(/max is now 3/);
    expect(textOf(await run("set format full", manager))).toMatch(/format is now full/);
    expect((await run("set max 0", manager)).isError).toBe(true);
    expect(textOf(await run("set language en", manager))).toMatch(/language is now en/);
    expect(textOf(await run("set match strict", manager))).toMatch(/match is now strict/);
    expect(textOf(await run("set learn filter", manager))).toMatch(/learn is now filter/);
    expect((await run("set language klingon", manager)).isError).toBe(true);
    expect((await run("set match loose", manager)).isError).toBe(true);
    expect(textOf(await run("list", manager))).toMatch(/Summaries: English · matching: strict · learning from votes: filter/);
    expect((await run("set colour blue", manager)).isError).toBe(true);
    expect((await run("set max 3", member)).isError).toBe(true);
  });

  it("pause, resume and status", async () => {
    const { manager, member } = freshChannel();
    await run("subscribe kv cache", manager);
    await run("schedule 07:30 Asia/Shanghai weekdays", manager);
    await run("pause", manager);
    expect(textOf(await run("status", member))).toMatch(/Paused/);
    await run("resume", manager);
    const status = textOf(await run("status", member));
    expect(status).toMatch(/Latest digest: 2026-01-06/);
    expect(status).toMatch(/Next post: 2026-01-07 07:30 Asia\/Shanghai \(2026-01-06 23:30 UTC\)/);
  });

  it("unsubscribe by number, by text, and all", async () => {
    const { manager } = freshChannel();
    await run("subscribe kv cache, federated learning", manager);
    await run("subscribe moe, rag", manager);
    expect(textOf(await run("unsubscribe 1", manager))).toMatch(/kv cache/);
    expect(textOf(await run("unsubscribe rag", manager))).toMatch(/rag/);
    expect((await run("unsubscribe 42", manager)).isError).toBe(true);
    await run("unsubscribe all", manager);
    expect(textOf(await run("list", manager))).toMatch(/No topics yet/);
  });

  it("an unknown command points at help", async () => {
    const post = await run("subscrbe kv", freshChannel().manager);
    expect(post.isError).toBe(true);
    expect(textOf(post)).toMatch(/Unknown command 'subscrbe'/);
  });
});
