/** The follow commands through the real handler, store (SQLite file) and topic engine. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { CommandDeps } from "../../src/core/commands/deps.js";
import { withFollowNotice } from "../../src/core/commands/follows.js";
import { DM_CLOSED } from "../../src/core/errors.js";
import type { CommandContext } from "../../src/core/ports.js";
import { notePost, plain, text, type Post } from "../../src/core/post.js";
import { silentLogger } from "../../src/log.js";
import { ROOT } from "../helpers/cli.js";

let app: App;
let dir: string;
const now = new Date("2026-01-06T10:00:00Z");

/** Each test uses people of its own, so none depends on what another did before it. */
let people = 0;
const member = (): CommandContext => ({ channel: { platform: "slack", workspace: "T1", channel: "C1" }, userId: `U${++people}`, isManager: false });
const textOf = (post: Post) => [post.header.title, ...post.intro.map(plain)].join("\n");
const run = (line: string, context: CommandContext) => {
  const [name = "", ...rest] = line.split(" ");
  return app.handleCommand({ name, args: rest.join(" ") }, context);
};
const idOf = (context: CommandContext) => `slack:T1/@${context.userId}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "paperboy-follows-"));
  const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags: { db: `sqlite:${join(dir, "db.sqlite")}`, digests: join(ROOT, "seeds"), console: { enabled: false, channels: [] } } });
  app = await createApp(config, { logger: silentLogger(), clock: { now: () => now } });
  await app.pollSources();
});

afterAll(async () => {
  await app?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("/papers follow and friends", () => {
  it("lets anyone follow (no manager rights), privately, on the default schedule", async () => {
    const person = member();
    const post = await run("follow kv cache, federated learning", person);
    expect(post.isError).toBeFalsy();
    expect(post.ephemeral).toBe(true);
    expect(textOf(post)).toContain("Following 2 topics");
    expect(textOf(post)).toContain("direct message: 09:00 UTC");
    expect((await app.store.listTopics(idOf(person))).map((topic) => topic.text)).toEqual(["kv cache", "federated learning"]);
    // The channel the follow was made in gets nothing.
    expect(await app.store.getChannel("slack:T1/C1")).toBeNull();
  });

  it("explains mistakes with an example", async () => {
    const person = member();
    for (const [line, wanted] of [
      ["follow", "follow speculative decoding"],
      ['follow "kv cache', "follow speculative decoding"],
      ["unfollow 1", "You follow no topics"],
      ["follow-schedule 25:00", "follow-schedule 08:00 Europe/Berlin"],
    ] as const) {
      const post = await run(line, person);
      expect(post.isError, line).toBe(true);
      expect(textOf(post), line).toContain(wanted);
    }
    await run("follow moe", person);
    expect(textOf(await run("unfollow 7", person))).toContain("numbered 1–1");
    expect(textOf(await run("follow-resume", person))).toContain("not paused");
  });

  it("tells about a pause only on replies nobody else sees, once per pause", async () => {
    const person = member();
    await run("follow moe", person);
    await app.store.updateSettings(idOf(person), { paused: true }, `${DM_CLOSED}: Cannot send messages to this user (50007)`);
    const deps = { store: app.store, command: "/papers" } as unknown as CommandDeps;
    const shared: Post = { ...notePost("Posted in the channel", [[text("for everyone")]]), ephemeral: false };
    expect(await withFollowNotice(deps, person, shared)).toBe(shared);

    expect(textOf(await run("status", person))).toContain("your DMs are closed");
    expect(textOf(await run("status", person))).not.toContain("your DMs are closed");

    // Resumed, then paused again: a new pause is told again.
    expect(textOf(await run("follow-resume", person))).toContain("resumed");
    expect((await app.store.getChannel(idOf(person)))?.settings.paused).toBe(false);
    await app.store.updateSettings(idOf(person), { paused: true }, `${DM_CLOSED}: Cannot send messages to this user (50007)`);
    expect(textOf(await run("help", person))).toContain("your DMs are closed");
  });

  it("keeps follows per person: unfollow all leaves another person's follows alone", async () => {
    const [one, two] = [member(), member()];
    await run("follow moe, diffusion", one);
    await run("follow moe", two);
    expect(textOf(await run("unfollow all", one))).toContain("Unfollowed 2 topics");
    expect(await app.store.listTopics(idOf(one))).toEqual([]);
    expect((await app.store.listTopics(idOf(two))).map((topic) => topic.text)).toEqual(["moe"]);
  });
});
