/**
 * The Store contract on Postgres: PAPERBOY_TEST_PG, else a local server at postgres://127.0.0.1:5432/test.
 * The run creates its own database (one schema per test inside it) and drops it at the end; with no
 * server answering, the suite is skipped with the reason printed.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { openStore } from "../../src/store/open-store.js";
import { describeStoreContract } from "./store-contract.js";
import { findPostgres } from "../helpers/postgres.js";

const server = await findPostgres();

if ("reason" in server) {
  console.warn(`Postgres store contract skipped: no server answers (${server.reason})`);
  describe.skipIf(true)("Store contract: postgres (no server answered; see the warning above)", () => {
    it("needs a Postgres server (set PAPERBOY_TEST_PG)", () => undefined);
  });
} else {
  const admin = new URL(server.url);
  const database = `paperboy_test_${process.pid}_${Date.now()}`;
  const testUrl = new URL(server.url);
  testUrl.pathname = `/${database}`;
  let counter = 0;

  const withAdmin = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };

  beforeAll(() => withAdmin(`CREATE DATABASE ${database}`));
  afterAll(() => withAdmin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));

  /** A fresh schema in the run's database; the store finds it through search_path. */
  const freshSchema = async (): Promise<string> => {
    const schema = `s${++counter}`;
    const client = new pg.Client({ connectionString: testUrl.toString() });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await client.end();
    }
    const url = new URL(testUrl);
    url.searchParams.set("options", `-c search_path=${schema}`);
    return url.toString();
  };

  const open = async (url: string): Promise<Store> => {
    const store = await openStore(url, { maxConnections: 4 });
    await store.migrate();
    return store;
  };

  describeStoreContract("postgres", async () => open(await freshSchema()), {
    makePair: async () => {
      const url = await freshSchema();
      const first = await open(url);
      return [first, await open(url)];
    },
  });
}
