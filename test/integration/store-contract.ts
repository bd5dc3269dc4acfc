/**
 * The Store contract: every implementation runs this same suite (SQLite always, Postgres when a server
 * answers). `makeStore` must return a migrated store on a fresh, empty database each time; `makePair`,
 * when given, two stores on one fresh database (for the races).
 */
import { afterEach, beforeEach, describe } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { archiveContract } from "./store-contract-archive.js";
import { channelsContract } from "./store-contract-channels.js";
import { concurrencyContract, deliveriesContract } from "./store-contract-deliveries.js";
import { followsContract } from "./store-contract-follows.js";
import { searchContract } from "./store-contract-search.js";
import { votesContract } from "./store-contract-votes.js";

export interface StoreContractOptions {
  makePair?: () => Promise<[Store, Store]>;
}

export function describeStoreContract(name: string, makeStore: () => Promise<Store>, options: StoreContractOptions = {}): void {
  describe(`Store contract: ${name}`, () => {
    let current: Store | null = null;
    let pair: [Store, Store] | null = null;
    const store = (): Store => {
      if (current === null) throw new Error("store not opened");
      return current;
    };

    beforeEach(async () => {
      current = await makeStore();
    });
    afterEach(async () => {
      await current?.close();
      current = null;
    });

    archiveContract(store);
    channelsContract(store);
    deliveriesContract(store);
    searchContract(store);
    votesContract(store);
    followsContract(store);

    const makePair = options.makePair;
    if (makePair !== undefined) {
      describe("two instances", () => {
        beforeEach(async () => {
          pair = await makePair();
        });
        afterEach(async () => {
          if (pair !== null) await Promise.all(pair.map((s) => s.close()));
          pair = null;
        });
        concurrencyContract(() => {
          if (pair === null) throw new Error("pair not opened");
          return pair;
        });
      });
    }
  });
}
