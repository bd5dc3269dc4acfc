/**
 * Follows on the console, through the built CLI: a person's destination (`console:@alice`) is delivered as a
 * direct message on stdout, once, and `paperboy channels` does not list it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli, workspace } from "../helpers/cli.js";

beforeAll(() => ensureBuilt(), 120_000);

describe("follows on the console", { timeout: 120_000 }, () => {
  it("prints a follow as a DM to its person, once, and keeps it out of the channel listing", () => {
    const ws = workspace({ console: { enabled: true, channels: [] } });
    expect(runCli(ws, ["ingest", ws.seeds]).status).toBe(0);
    for (const [channel, topic] of [["console:news", "federated"], ["console:@alice", "diffusion"]]) {
      const subscribed = runCli(ws, ["subscribe", channel!, topic!]);
      expect(subscribed.status, subscribed.stderr).toBe(0);
    }

    const listed = runCli(ws, ["channels", "--json"]);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((row) => row.id)).toEqual(["console:news"]);
    expect(runCli(ws, ["channels"]).stdout).not.toContain("alice");

    const first = runCli(ws, ["deliver", "--now"]);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("[DM @alice]");
    expect(first.stdout).toContain("[#news]");
    expect(first.stdout).not.toContain("[#@alice]");

    const again = runCli(ws, ["deliver", "--now"]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain("[DM @alice]");
  });
});
