/**
 * Three instances of the service (the built CLI's `start`, real processes) on one Postgres database.
 * One of them stores a new digest and is killed in the middle of a post; the two survivors deliver the
 * rest and take over its unfinished delivery once its (short) lease lapses. Every channel gets its post
 * exactly once: console channels write to files, and each message leaves a marker line there.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { ensureBuilt, ROOT, workspace, type Workspace } from "../helpers/cli.js";
import { createTestDatabase, findPostgres } from "../helpers/postgres.js";
import { crashEntry, markersIn, startService, waitFor, type Service } from "../helpers/service.js";

const CHANNELS = ["a", "b", "c", "d", "e", "f"];
const server = await findPostgres();

function setup(db: string): Workspace {
  const ws = workspace({}, { seeds: false });
  const config = JSON.parse(readFileSync(join(ws.configDir, "default.json"), "utf8"));
  Object.assign(config, {
    db,
    logLevel: "info",
    sources: { watch: true, folderPollSeconds: 5 },
    delivery: { concurrency: 1, leaseSeconds: 2 },
    console: {
      enabled: true,
      channels: CHANNELS.map((name) => ({ name, topics: ["learning", "model"], settings: { mode: "instant", maxPapers: 3 }, output: join(ws.dir, "out", `${name}.txt`) })),
    },
  });
  writeFileSync(join(ws.configDir, "default.json"), JSON.stringify(config));
  return ws;
}

/** How many deliveries are finished (read straight from the database: cheap enough to poll). */
async function finished(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>("select count(*) as n from deliveries where state = 'sent'");
    return Number(result.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

if ("reason" in server) {
  console.warn(`multi-instance test skipped: no Postgres server answers (${server.reason})`);
  describe.skipIf(true)("three instances on one Postgres (no server answered; see the warning above)", () => {
    it("needs a Postgres server (set PAPERBOY_TEST_PG)", () => undefined);
  });
} else {
  let database: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase(server.url, "paperboy_multi");
  }, 120_000);
  afterAll(() => database?.drop());

  describe("three instances on one Postgres", () => {
    it("one is killed mid-post; the survivors finish its delivery and every channel gets its post exactly once", async () => {
      const ws = setup(database.url);
      const folder = (name: string) => {
        const dir = join(ws.dir, name);
        mkdirSync(dir, { recursive: true });
        return dir;
      };
      // Each instance watches a folder of its own: the new digest reaches the database through `doomed` only.
      const survivors: Service[] = ["b", "c"].map((id) => startService(ws, { env: { PAPERBOY_INSTANCE: id, PAPERBOY_DIGESTS: folder(`digests-${id}`) } }));
      let doomed: Service | null = null;
      try {
        for (const survivor of survivors) expect(await waitFor(() => survivor.output().includes("paperboy is running"), 30_000), survivor.output()).toBe(true);
        const digests = folder("digests-a");
        copyFileSync(join(ROOT, "seeds", "2026-01-06.md"), join(digests, "2026-01-06.md"));
        // Killed right after its first message reached a channel, before recording it.
        doomed = startService(ws, { entry: crashEntry("after-send:1"), env: { PAPERBOY_INSTANCE: "a", PAPERBOY_DIGESTS: digests } });
        const { signal } = await doomed.exited;
        expect(signal, doomed.output()).toBe("SIGKILL");
        // The survivors: the rest at once (a digest they have not delivered against), the dead one's
        // delivery after its lease lapses, at their next minute tick. Bounded, not timed.
        let done = 0;
        for (let round = 0; round < 100 && done < CHANNELS.length; round += 1) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          done = await finished(database.url);
        }
        const logs = () => survivors.map((s) => s.output()).join("\n");
        expect(done, logs()).toBe(CHANNELS.length);
        expect(await waitFor(() => logs().includes("resuming an unfinished delivery"), 10_000), logs()).toBe(true);
        for (const channel of CHANNELS) expect(markersIn(join(ws.dir, "out", `${channel}.txt`)), `channel ${channel}`).toHaveLength(1);
      } finally {
        await doomed?.stop();
        for (const survivor of survivors) await survivor.stop();
      }
    }, 200_000);
  });
}
