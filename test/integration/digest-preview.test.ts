/** `/papers digest [date] [page N]` and `/papers paper` through the real handler, SQLite store and topic engine. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { CommandContext } from "../../src/core/ports.js";
import { pagerLine, plain } from "../../src/core/post.js";
import { silentLogger } from "../../src/log.js";
import { ROOT } from "../helpers/cli.js";

let app: App;
const context: CommandContext = { channel: { platform: "slack", workspace: "T1", channel: "CPAGES" }, userId: "U1", isManager: true };
const run = (name: string, args: string) => app.handleCommand({ name, args }, context);

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-preview-"));
  const config = loadConfig({ env: {}, configDir: join(ROOT, "config"), flags: { db: `sqlite:${join(dir, "db.sqlite")}`, digests: join(ROOT, "seeds"), console: { enabled: false, channels: [] } } });
  app = await createApp(config, { logger: silentLogger(), clock: { now: () => new Date("2026-01-06T10:00:00Z") } });
  await app.pollSources();
  await run("subscribe", "cat:cs.LG");
});

afterAll(async () => app?.stop());

describe("digest preview pages", () => {
  it("shows every match, 10 per page, each page pointing at the next", async () => {
    const first = await run("digest", "2026-01-06");
    const count = first.header.count!;
    expect(count).toBeGreaterThan(20);
    const pages = Math.ceil(count / 10);
    const seen = new Set<string>();
    for (let page = 1; page <= pages; page += 1) {
      const post = await run("digest", `2026-01-06 page ${page}`);
      expect(post.isError).toBeFalsy();
      expect(post.pager).toMatchObject({ page, pages });
      expect(post.overflow).toBeNull();
      const line = plain(pagerLine(post.pager!));
      expect(line).toBe(page < pages ? `page ${page} of ${pages} — /papers digest 2026-01-06 page ${page + 1}` : `page ${pages} of ${pages} — first page: /papers digest 2026-01-06`);
      for (const card of post.cards) seen.add(card.paperId);
    }
    expect(seen.size).toBe(count);
    const beyond = await run("digest", `2026-01-06 page ${pages + 1}`);
    expect(beyond.isError).toBe(true);
    expect(plain(beyond.intro[0]!)).toBe(`The 2026-01-06 preview has ${pages} pages.`);
    expect((await run("digest", "2026-01-06 page two")).isError).toBe(true);
  });

  it("paper shows the whole abstract with the TL;DR as written", async () => {
    const post = await run("paper", "2601.01310");
    const card = post.cards[0]!;
    expect(card.details!.abstract).toMatch(/^Mixture-of-Experts \(MoE\) models/);
    expect(card.summaryEnglish).toBeUndefined();
    expect(plain(card.summary)).toMatch(/^Tarragon是/);
  });
});
