/**
 * Kill the process at any moment and start it again: no post lost, none repeated. The built CLI runs
 * `deliver` as a child process; the crashing run goes through a test entry (test/helpers/crash-entry.ts)
 * whose fault hook SIGKILLs it at a chosen step, then a second run of the CLI finishes the job. Console channels write to files, so the test can count every message.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, workspace, type Workspace } from "../helpers/cli.js";
import { deliverCrashingAt } from "../helpers/service.js";

const CHANNELS = ["a", "b", "c", "d"];

function setup(): Workspace {
  const ws = workspace({ delivery: { concurrency: 1, maxAttempts: 2 } });
  const channels = CHANNELS.map((name) => ({
    name,
    // Broad topics so every channel gets a post from the latest seed.
    topics: ["learning", "model"],
    settings: { mode: "instant", maxPapers: 3 },
    output: join(ws.dir, "out", `${name}.txt`),
  }));
  const config = JSON.parse(readFileSync(join(ws.configDir, "default.json"), "utf8"));
  config.console = { enabled: true, channels };
  writeFileSync(join(ws.configDir, "default.json"), JSON.stringify(config));
  return ws;
}

/** Every message marker written to a channel's file, in order. */
function markers(ws: Workspace, channel: string): string[] {
  const file = join(ws.dir, "out", `${channel}.txt`);
  if (!existsSync(file)) return [];
  return [...readFileSync(file, "utf8").matchAll(/<!-- paperboy:(\S+) -->/g)].map((m) => m[1]!);
}

function ledger(ws: Workspace): { delivered: number; pending: number } {
  const result = runCli(ws, ["channels", "--json"]);
  const rows = JSON.parse(result.stdout) as Array<{ lastDelivery: { state: string } | null }>;
  return { delivered: rows.filter((row) => row.lastDelivery?.state === "sent").length, pending: rows.filter((row) => row.lastDelivery?.state === "sending").length };
}

beforeAll(() => ensureBuilt(), 120_000);

describe("crash and restart", () => {
  it.each(["claimed:2", "before-send:2", "after-send:1", "after-send:3", "recorded:2", "recorded:4"])(
    "killed at %s, then restarted: every channel gets its post exactly once",
    (crashAt) => {
      const ws = setup();
      const crashed = deliverCrashingAt(ws, crashAt);
      expect(crashed.signal, crashed.stderr).toBe("SIGKILL");
      const resumed = runCli(ws, ["deliver"]);
      expect(resumed.status, resumed.stderr).toBe(0);
      for (const channel of CHANNELS) {
        const keys = markers(ws, channel);
        expect(keys, `channel ${channel}`).toHaveLength(1);
      }
      expect(ledger(ws)).toEqual({ delivered: CHANNELS.length, pending: 0 });
      // A third run has nothing left to do.
      runCli(ws, ["deliver"]);
      for (const channel of CHANNELS) expect(markers(ws, channel)).toHaveLength(1);
    },
    120_000,
  );
});
