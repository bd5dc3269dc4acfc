/** The Store contract on real SQLite files (WAL), one fresh file per test. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
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

afterAll(() => rmSync(dir, { recursive: true, force: true }));
