/**
 * A separate process for store-sqlite.test.ts: opens the SQLite file given, claims the slots named on
 * the command line, and prints the slots it won as JSON. Two of these race on one file.
 */
import { DEFAULT_SETTINGS } from "../../src/core/channel.js";
import { openStore } from "../../src/store/open-store.js";

const [file, who, rounds] = process.argv.slice(2);
const store = await openStore(`sqlite:${file}`);
await store.migrate();
await store.ensureChannel({ platform: "console", workspace: "", channel: "race" }, DEFAULT_SETTINGS);
const won: string[] = [];
for (let i = 0; i < Number(rounds); i++) {
  // Every slot carries its own paper and one shared by a later slot: only one claim per shared paper can win.
  const claimed = await store.claimDelivery({
    channelId: "console:race",
    slot: `slot-${i}`,
    cursorTo: i,
    digestDates: [],
    paperIds: [`own-${i}`, `shared-${i % 10}`],
    messages: [{ body: { who }, replyTo: null }],
    state: "sending",
  });
  if (claimed !== null) won.push(claimed.slot);
}
await store.close();
process.stdout.write(JSON.stringify(won));
