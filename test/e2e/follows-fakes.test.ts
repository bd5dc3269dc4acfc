/**
 * The fakes' direct messages follow the platforms' rules — otherwise the follow tests would prove nothing.
 * Slack: conversations.open (auth, im:write, unknown user, one stable D… channel, im:history to read it).
 * Discord: POST /users/@me/channels (auth, snowflake, unknown recipient, one stable channel) and 50007 on
 * a message to a person whose DMs are closed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "./fakes/discord.js";
import { FakeSlack, type FakeTeam } from "./fakes/slack.js";

describe("fake Slack: conversations.open", () => {
  let fake: FakeSlack;
  let team: FakeTeam;
  let old: FakeTeam;

  async function call(method: string, body: Record<string, string>, token: string | null = team.botToken): Promise<Record<string, unknown>> {
    const response = await fetch(`${fake.apiUrl}${method}`, {
      method: "POST",
      body: new URLSearchParams(body),
      headers: { "content-type": "application/x-www-form-urlencoded", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    return (await response.json()) as Record<string, unknown>;
  }

  beforeAll(async () => {
    fake = await FakeSlack.start();
    team = fake.addTeam("T1", { scopes: ["commands", "chat:write", "im:write"] });
    old = fake.addTeam("T2", { scopes: ["commands", "chat:write"] });
    fake.addUser("T1", "UALICE");
    fake.addUser("T1", "UGONE", { deleted: true });
    fake.addUser("T2", "UBOB");
  });

  afterAll(async () => fake?.close());

  it("opens one stable DM channel that the bot can post in", async () => {
    const first = await call("conversations.open", { users: "UALICE" });
    expect(first).toMatchObject({ ok: true, channel: { id: "DUALICE" } });
    expect(await call("conversations.open", { users: "UALICE" })).toMatchObject({ ok: true, already_open: true, channel: { id: "DUALICE" } });
    expect(await call("chat.postMessage", { channel: "DUALICE", text: "hello" })).toMatchObject({ ok: true });
    expect(fake.posted("T1", "DUALICE")).toHaveLength(1);
  });

  it.each([
    ["no token", { users: "UALICE" }, null, "not_authed"],
    ["a wrong token", { users: "UALICE" }, "xoxb-wrong", "invalid_auth"],
    ["no users", {}, undefined, "users_list_not_supplied"],
    ["an unknown user", { users: "UNOBODY" }, undefined, "user_not_found"],
    ["a user of another workspace", { users: "UBOB" }, undefined, "user_not_found"],
    ["a deactivated user", { users: "UGONE" }, undefined, "user_disabled"],
  ])("refuses %s", async (_what, body, token, error) => {
    expect(await call("conversations.open", body, token === undefined ? team.botToken : token)).toMatchObject({ ok: false, error });
  });

  it("needs im:write to open, and im:history to read the DM", async () => {
    expect(await call("conversations.open", { users: "UBOB" }, old.botToken)).toMatchObject({ ok: false, error: "missing_scope", needed: "im:write" });
    await call("conversations.open", { users: "UALICE" });
    expect(await call("conversations.history", { channel: "DUALICE" })).toMatchObject({ ok: false, error: "missing_scope", needed: "im:history" });
  });
});

describe("fake Discord: DM channels", () => {
  const GUILD = "170000000000000001";
  const ALICE = "870000000000000001";
  const BOB = "870000000000000002";
  let fake: FakeDiscord;

  async function rest(method: string, path: string, body: unknown, token: string | null = fake.token): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${fake.apiUrl}/v10${path}`, { method, headers: { "content-type": "application/json", ...(token ? { authorization: `Bot ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(GUILD, []);
    fake.addUser(ALICE);
    fake.addUser(BOB, { dmsOpen: false });
  });

  afterAll(async () => fake?.close());

  it("creates one stable DM channel per person, which takes messages", async () => {
    const first = await rest("POST", "/users/@me/channels", { recipient_id: ALICE });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ type: 1, recipients: [{ id: ALICE }] });
    expect((await rest("POST", "/users/@me/channels", { recipient_id: ALICE })).json["id"]).toBe(first.json["id"]);
    expect(fake.dmChannelOf(ALICE)).toBe(first.json["id"]);
    const sent = await rest("POST", `/channels/${String(first.json["id"])}/messages`, { content: "hello", allowed_mentions: { parse: [] } });
    expect(sent.status).toBe(200);
  });

  it("refuses a missing token, a non-snowflake and an unknown recipient", async () => {
    expect((await rest("POST", "/users/@me/channels", { recipient_id: ALICE }, null)).status).toBe(401);
    const bad = await rest("POST", "/users/@me/channels", { recipient_id: "alice" });
    expect(bad).toMatchObject({ status: 400, json: { code: 50035 } });
    expect(await rest("POST", "/users/@me/channels", { recipient_id: "870000000000000099" })).toMatchObject({ status: 400, json: { code: 50033 } });
  });

  it("creates the DM channel of a person whose DMs are closed, but refuses the message with 50007", async () => {
    const dm = await rest("POST", "/users/@me/channels", { recipient_id: BOB });
    expect(dm.status).toBe(200);
    const refused = await rest("POST", `/channels/${String(dm.json["id"])}/messages`, { content: "hello", allowed_mentions: { parse: [] } });
    expect(refused).toMatchObject({ status: 403, json: { code: 50007, message: "Cannot send messages to this user" } });
    expect(fake.messagesIn(String(dm.json["id"]))).toHaveLength(0);
    fake.setDmsOpen(BOB, true);
    expect((await rest("POST", `/channels/${String(dm.json["id"])}/messages`, { content: "hello", allowed_mentions: { parse: [] } })).status).toBe(200);
  });
});
