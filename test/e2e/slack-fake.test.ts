/** The fake Slack enforces what Slack enforces — otherwise the other Slack tests would prove nothing. */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { postSignedAction } from "./fakes/slack-buttons.js";
import { blockActionsPayload, FakeSlack, type FakeTeam } from "./fakes/slack.js";

describe("fake Slack", () => {
  let fake: FakeSlack;
  let team: FakeTeam;

  async function call(method: string, body: Record<string, unknown>, token: string | null = team.botToken): Promise<{ status: number; json: Record<string, unknown> }> {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(body)) form.append(key, typeof value === "string" ? value : JSON.stringify(value));
    const response = await fetch(`${fake.apiUrl}${method}`, { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded", ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });
  const ok = { channel: "C1", text: "fallback", blocks: [section("hello")] };

  beforeAll(async () => {
    fake = await FakeSlack.start();
    team = fake.addTeam("T1");
    fake.addChannel("T1", "C1");
    fake.addChannel("T1", "COUT", { member: false });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it("posts a valid message and records it", async () => {
    const { json } = await call("chat.postMessage", ok);
    expect(json).toMatchObject({ ok: true, channel: "C1" });
    expect(fake.posted("T1", "C1").map((message) => message.ts)).toContain(json["ts"]);
  });

  it.each([
    ["an unknown token", ok, "xoxb-wrong", "invalid_auth"],
    ["no token", ok, null, "not_authed"],
    ["an unknown channel", { ...ok, channel: "CNOPE" }, undefined, "channel_not_found"],
    ["a channel the bot is not in", { ...ok, channel: "COUT" }, undefined, "not_in_channel"],
    ["no text fallback", { channel: "C1", blocks: [section("x")] }, undefined, "no_text"],
    ["link_names", { ...ok, link_names: "true" }, undefined, "invalid_arguments"],
    ["parse", { ...ok, parse: "full" }, undefined, "invalid_arguments"],
    ["51 blocks", { ...ok, blocks: Array.from({ length: 51 }, () => ({ type: "divider" })) }, undefined, "invalid_blocks"],
    ["a 3001-character section", { ...ok, blocks: [section("x".repeat(3001))] }, undefined, "invalid_blocks"],
    ["a 151-character header", { ...ok, blocks: [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }] }, undefined, "invalid_blocks"],
    ["a mrkdwn header", { ...ok, blocks: [{ type: "header", text: { type: "mrkdwn", text: "h" } }] }, undefined, "invalid_blocks"],
    ["11 context elements", { ...ok, blocks: [{ type: "context", elements: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "c" })) }] }, undefined, "invalid_blocks"],
    ["an empty section", { ...ok, blocks: [section("")] }, undefined, "invalid_blocks"],
    ["more than 12,000 characters of blocks", { ...ok, blocks: Array.from({ length: 5 }, () => section("y".repeat(2500))) }, undefined, "msg_blocks_too_long"],
    ["a thread that does not exist", { ...ok, thread_ts: "1.000001" }, undefined, "thread_not_found"],
  ])("rejects %s", async (_what, body, token, error) => {
    const { json } = await call("chat.postMessage", body, token === undefined ? team.botToken : token);
    expect(json).toMatchObject({ ok: false, error });
  });

  it("answers an injected 429 with Retry-After, then recovers", async () => {
    fake.failNext(1, { status: 429, retryAfter: 1 });
    const response = await fetch(`${fake.apiUrl}chat.postMessage`, { method: "POST", body: new URLSearchParams({ channel: "C1", text: "x" }), headers: { authorization: `Bearer ${team.botToken}` } });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect((await call("chat.postMessage", ok)).json["ok"]).toBe(true);
  });

  it("returns metadata from conversations.history only when asked, and checks the history scope", async () => {
    await call("chat.postMessage", { ...ok, metadata: { event_type: "paperboy_post", event_payload: { key: "k1" } } });
    const without = (await call("conversations.history", { channel: "C1" })).json["messages"] as Array<Record<string, unknown>>;
    expect(without.some((message) => "metadata" in message)).toBe(false);
    const withMeta = (await call("conversations.history", { channel: "C1", include_all_metadata: "true" })).json["messages"] as Array<Record<string, unknown>>;
    expect(withMeta[0]).toMatchObject({ metadata: { event_type: "paperboy_post", event_payload: { key: "k1" } } });
    const limited = fake.addTeam("T2", { scopes: ["chat:write"] });
    fake.addChannel("T2", "C1");
    expect((await call("conversations.history", { channel: "C1" }, limited.botToken)).json).toMatchObject({ ok: false, error: "missing_scope" });
  });

  it("accepts 5 uses of a response_url, then refuses", async () => {
    const url = fake.newResponseUrl();
    const send = () => fetch(url, { method: "POST", body: JSON.stringify({ response_type: "ephemeral", text: "hi" }), headers: { "content-type": "application/json" } });
    for (let i = 0; i < 5; i += 1) expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(404);
    expect(fake.repliesTo(url)).toHaveLength(5);
    const bad = fake.newResponseUrl();
    expect((await fetch(bad, { method: "POST", body: JSON.stringify({ text: "x", blocks: [section("z".repeat(3001))] }) })).status).toBe(400);
  });

  it("refuses apps.connections.open without a known app token", async () => {
    expect((await call("apps.connections.open", {}, "xapp-unknown")).json).toMatchObject({ ok: false, error: "invalid_auth" });
    const appToken = fake.addAppToken();
    expect((await call("apps.connections.open", {}, appToken)).json).toMatchObject({ ok: true, url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+\/socket$/) });
  });
});

describe("fake Slack: a button press (block_actions) is answered within 3 s", () => {
  let fake: FakeSlack;
  let socket: WebSocket;
  /** Whether the bare Socket Mode client below acks late (it moves the fake's clock first). */
  let ackLate = false;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    fake.addTeam("T1");
    fake.addChannel("T1", "C1");
    const opened = await fetch(`${fake.apiUrl}apps.connections.open`, { method: "POST", headers: { authorization: `Bearer ${fake.addAppToken()}` } });
    const { url } = (await opened.json()) as { url: string };
    // A bare Socket Mode client: acks each envelope and answers at its response_url, on time or late.
    socket = new WebSocket(url);
    socket.on("message", (raw) => {
      const envelope = JSON.parse(String(raw)) as { envelope_id?: string; payload?: { response_url?: string } };
      if (!envelope.envelope_id) return;
      if (ackLate) fake.now = () => Date.now() + 3_001;
      socket.send(JSON.stringify({ envelope_id: envelope.envelope_id }));
      const responseUrl = envelope.payload?.response_url;
      if (responseUrl) void fetch(responseUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ response_type: "ephemeral", text: "Noted" }) });
    });
  });

  afterAll(async () => {
    socket?.close();
    await fake?.close();
  });

  const press = () => fake.pressButton("T1", "C1", "U1", { action_id: "vote:2601.00001:up", value: "up" });

  it("over Socket Mode: an ack more than 3 s after the envelope fails the press; one in time goes through", async () => {
    ackLate = true;
    try {
      await expect(press()).rejects.toThrow(/\(interactive\) acked after \d+ ms; Slack allows 3000/);
    } finally {
      ackLate = false;
      fake.now = () => Date.now();
    }
    expect(await press()).toMatchObject([{ body: { text: "Noted" } }]);
  });

  it("over HTTP: a signed press the app does not answer within 3 s fails; a prompt 200 passes", async () => {
    const listen = async (server: Server) => {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    };
    const payload = blockActionsPayload("T1", "C1", "U1", { action_id: "vote:2601.00001:up", value: "up" }, fake.newResponseUrl());
    // Answers 200, but half a second after Slack's 3 s: the fake gives up first (a real wait of 3 s).
    let slowAnswer: NodeJS.Timeout | undefined;
    const slow = createServer((_req, res) => {
      slowAnswer = setTimeout(() => res.writeHead(200).end(), 3_500);
    });
    const prompt = createServer((_req, res) => res.writeHead(200).end());
    try {
      await expect(postSignedAction(await listen(slow), "secret", payload)).rejects.toThrow(/did not answer the interaction within 3000 ms/);
      expect(await postSignedAction(await listen(prompt), "secret", payload)).toBe(200);
    } finally {
      clearTimeout(slowAnswer);
      for (const server of [slow, prompt]) {
        server.closeAllConnections();
        server.close();
      }
    }
  });
});
