/** The Store contract on real SQLite files (WAL), one fresh file per test. */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/open-store.js";
import { describeStoreContract } from "./store-contract.js";

const dir = mkdtempSync(join(tmpdir(), "paperboy-store-"));
let counter = 0;

async function open(file: string) {
  const store = await openStore(`sqlite:${file}`);
  await store.migrate();
  return store;
}

describeStoreContract("sqlite", () => open(join(dir, `db-${++counter}`, "paperboy.db")), {
  makePair: async () => {
    const file = join(dir, `pair-${++counter}.db`);
    return [await open(file), await open(file)];
  },
});

describe("Store on SQLite: two processes", () => {
  it("never lets two processes claim the same slot or post a paper twice", async () => {
    const file = join(dir, "two-processes.db");
    const child = join(import.meta.dirname, "store-race-child.ts");
    const run = (who: string) => promisify(execFile)(process.execPath, ["--import", "tsx", child, file, who, "60"], { timeout: 60_000 });
    const [a, b] = await Promise.all([run("a"), run("b")]);
    const wonA = JSON.parse(a.stdout) as string[];
    const wonB = JSON.parse(b.stdout) as string[];
    // Slots 0–9 carry the ten shared papers first; every later slot repeats one of them.
    expect([...wonA, ...wonB].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `slot-${i}`).sort());
    const store = await open(file);
    expect((await store.unfinishedDeliveries()).length).toBe(10);
    await store.close();
  }, 90_000);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
