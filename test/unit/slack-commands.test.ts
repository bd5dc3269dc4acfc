import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { commandContext, parseSlashText } from "../../src/platforms/slack/commands.js";

const config = (managers: string[]) => loadConfig({ env: {}, configDir: "config", flags: { slack: { managers } } });
const payload = { team_id: "T1", channel_id: "C1", user_id: "U1", text: "list", response_url: "https://hooks.slack.test/x" };

describe("parseSlashText", () => {
  it.each([
    ["subscribe kv cache, moe", { name: "subscribe", args: "kv cache, moe" }],
    ["  SEARCH   speculative decoding -survey ", { name: "search", args: "speculative decoding -survey" }],
    ["status", { name: "status", args: "" }],
    ["", { name: "help", args: "" }],
    ["   ", { name: "help", args: "" }],
    [undefined, { name: "help", args: "" }],
    ["why\t2512.09277", { name: "why", args: "2512.09277" }],
    ["subscribe a,\nb", { name: "subscribe", args: "a,\nb" }],
  ])("%j → %j", (text, expected) => {
    expect(parseSlashText(text)).toEqual(expected);
  });
});

describe("commandContext", () => {
  it("scopes the channel to the team it came from", () => {
    expect(commandContext(payload, config([])).channel).toEqual({ platform: "slack", workspace: "T1", channel: "C1" });
  });

  it("makes every member a manager when slack.managers is empty, and only the listed ones otherwise", () => {
    expect(commandContext(payload, config([])).isManager).toBe(true);
    expect(commandContext(payload, config(["U2"])).isManager).toBe(false);
    expect(commandContext({ ...payload, user_id: "U2" }, config(["U2"])).isManager).toBe(true);
  });

  it("passes the membership check through", async () => {
    const context = commandContext(payload, config([]), async () => "invite me");
    expect(await context.checkCanPost?.()).toBe("invite me");
    expect(commandContext(payload, config([])).checkCanPost).toBeUndefined();
  });
});
