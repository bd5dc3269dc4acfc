/** like: topics through the real command handler, SQLite store and seeds: subscribe, digest, why, search. */
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

/** Each test works in a channel of its own, so none depends on what another did before it. */
let channels = 0;
const freshChannel = (): CommandContext => ({ channel: { platform: "slack", workspace: "TLIKE", channel: `C${++channels}` }, userId: "U1", isManager: true });

const textOf = (post: Post) => [post.header.title, ...post.intro.map(plain), ...post.cards.map((c) => `${c.paperId} ${c.title} matched: ${c.matched.join(", ")}`), ...post.notes.map(plain)].join("\n");
const run = async (line: string, context: CommandContext) => {
  const [name = "", ...rest] = line.split(" ");
  return app.handleCommand({ name, args: rest.join(" ") }, context);
};

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-like-"));
  const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags: { db: `sqlite:${join(dir, "db.sqlite")}`, digests: join(ROOT, "seeds"), console: { enabled: false, channels: [] } } });
  app = await createApp(config, { logger: silentLogger(), clock: { now: () => now } });
  await app.pollSources();
});

afterAll(async () => app?.stop());

describe("like: topics in commands", () => {
  it("subscribe lists the nearest papers the topic would have posted from the latest digest", async () => {
    const channel = freshChannel();
    const post = await run("subscribe like:2512.09084", channel);
    expect(post.isError).toBeFalsy();
    // GS-KAN (2025-12-11) → T-KAN of the 2026-01-06 digest, by their shared Kolmogorov-Arnold terms.
    expect(textOf(post)).toMatch(/`?like:2512\.09084`? — in the 2026-01-06 digest this topic would have posted 1 paper: 2601\.02310 "Temporal Kolmogorov-Arnold Networks.*\(like 2512\.09084: [^)]*kolmogorov/);
  });

  it("with nothing near enough, says so and suggests set match broad; broad then finds neighbours", async () => {
    const channel = freshChannel();
    // The MoE-serving paper of 2025-12-11: its nearest paper of 2026-01-06 is at 0.074 (balanced needs 0.10).
    const none = textOf(await run("subscribe like:2512.09277", channel));
    expect(none).toContain("no paper of the 2026-01-06 digest is similar enough at match balanced; /papers set match broad casts a wider net.");
    await run("set match broad", channel);
    await run("unsubscribe all", channel);
    expect(textOf(await run("subscribe like:2512.09277", channel))).toMatch(/this topic would have posted [1-3] papers?: 26/);
  });

  it("refuses an example the archive does not have, saving nothing", async () => {
    const channel = freshChannel();
    const post = await run("subscribe kv cache, like:2512.99999 -survey", channel);
    expect(post.isError).toBe(true);
    expect(textOf(post)).toContain("2512.99999 is not in the archive (only papers from ingested digests are)");
    expect(textOf(await run("list", channel))).toContain("No topics yet");
  });

  it("digest previews and why explains with the shared terms", async () => {
    const channel = freshChannel();
    await run("subscribe like:2512.09084 -survey", channel);
    const digest = textOf(await run("digest 2026-01-06", channel));
    expect(digest).toMatch(/2601\.02310 Temporal Kolmogorov-Arnold.* matched: like 2512\.09084: /);
    const why = textOf(await run("why 2601.02310", channel));
    expect(why).toMatch(/like 2512\.09084: shares [^;]*kolmogorov[^;]*, … \(similarity 0\.1\d, balanced needs 0\.10\); 'survey' absent/);
    expect(textOf(await run("why 2512.09084", channel))).toContain("is the example paper 2512.09084 itself");
  });

  it("search refuses like: with a pointer to subscribe", async () => {
    const post = await run("search like:2512.09084", freshChannel());
    expect(post.isError).toBe(true);
    expect(textOf(post)).toContain("search takes words, not like:");
  });
});
