/**
 * The Slack platform on its own (createSlackPlatform with a stub command handler) over Socket Mode against
 * the fake: failing handlers, multi-message replies, and sends without the history scope.
 */
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { CommandHandler, Store } from "../../src/core/ports.js";
import type { Card, Post } from "../../src/core/post.js";
import { slackMode } from "../../src/platforms/slack/mode.js";
import { renderSlackPost } from "../../src/platforms/slack/render.js";
import { createSlackPlatform, type SlackPlatform } from "../../src/platforms/slack/slack.js";
import { openStore } from "../../src/store/open-store.js";
import { FakeSlack, type FakeTeam } from "./fakes/slack.js";
import { textOf } from "./fakes/slack-setup.js";

function card(i: number): Card {
  return { paperId: `2601.${i}`, title: `Paper ${i}`, url: `https://arxiv.org/abs/2601.${i}`, authors: "A. Author", category: "cs.LG", summary: [{ kind: "text", text: `Summary ${i}. `.repeat(30) }], summarySource: "tldr", matched: [], details: null, extra: [] };
}

describe("the Slack platform with a stub command handler", () => {
  let fake: FakeSlack;
  let team: FakeTeam;
  let store: Store;
  let platform: SlackPlatform;
  let handler: CommandHandler;
  const logLines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    fake = await FakeSlack.start();
    // A workspace that installed the app without the history scopes.
    team = fake.addTeam("T9", { scopes: ["commands", "chat:write"] });
    fake.addChannel("T9", "C1");
    const config = loadConfig({ env: {}, configDir: "config", flags: { slack: { botToken: team.botToken, appToken: fake.addAppToken(), apiUrl: fake.apiUrl } } });
    store = await openStore("sqlite::memory:");
    await store.migrate();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    });
    platform = createSlackPlatform({ config, store, logger: pino({ level: "debug" }, sink) });
    await platform.start((command, context) => handler(command, context));
  });

  afterAll(async () => {
    await platform?.stop();
    await store?.close();
    await fake?.close();
  });

  it("answers a failing handler with a short ephemeral error, and logs it", async () => {
    handler = async () => {
      throw new Error("database on fire");
    };
    const [reply] = await fake.slashCommand("T9", "C1", "U1", "status");
    expect(reply!.body["response_type"]).toBe("ephemeral");
    expect(textOf(reply!.body)).toContain("⚠️ Something went wrong");
    expect(textOf(reply!.body)).toContain("`status`");
    expect(logLines.some((line) => line["msg"] === "slash command failed")).toBe(true);
  });

  it("passes the parsed command and its context to the handler", async () => {
    let seen: unknown = null;
    handler = async (command, context) => {
      seen = { command, context: { ...context, checkCanPost: typeof context.checkCanPost } };
      return { header: { title: "ok" }, intro: [], cards: [], notes: [], overflow: null, format: "compact", ephemeral: true };
    };
    await fake.slashCommand("T9", "C1", "U7", "Subscribe  kv cache, moe");
    expect(seen).toEqual({ command: { name: "subscribe", args: "kv cache, moe" }, context: { channel: { platform: "slack", workspace: "T9", channel: "C1" }, userId: "U7", isManager: true, checkCanPost: "function" } });
  });

  it("sends a reply that renders to several messages as several responses, in order", async () => {
    const post: Post = { header: { title: "Search: many" }, intro: [], cards: Array.from({ length: 60 }, (_, i) => card(i)), notes: [], overflow: null, format: "compact", ephemeral: true };
    const expected = renderSlackPost(post).length;
    expect(expected).toBeGreaterThan(1);
    expect(expected).toBeLessThanOrEqual(5); // a response_url takes 5 uses
    handler = async () => post;
    const replies = await fake.slashCommand("T9", "C1", "U1", "search many", { replies: expected });
    expect(replies).toHaveLength(expected);
    const text = replies.map((reply) => textOf(reply.body)).join("\n");
    expect(text.indexOf("2601.0|")).toBeLessThan(text.indexOf("2601.59|"));
    for (let i = 0; i < 60; i += 1) expect(text).toContain(`<https://arxiv.org/abs/2601.${i}|Paper ${i}>`);
  });

  it("cuts a reply longer than a response_url's 5 uses, saying so", async () => {
    const post: Post = { header: { title: "Preview" }, intro: [], cards: Array.from({ length: 300 }, (_, i) => card(i)), notes: [], overflow: null, format: "compact", ephemeral: true };
    expect(renderSlackPost(post).length).toBeGreaterThan(5);
    handler = async () => post;
    const replies = await fake.slashCommand("T9", "C1", "U1", "digest", { replies: 5 });
    expect(replies).toHaveLength(5);
    expect(textOf(replies[4]!.body)).toContain("Answer cut short");
    expect(logLines.some((line) => String(line["msg"]).includes("could not answer"))).toBe(false);
  });

  it("without the history scope, a recovering send logs once and posts anyway", async () => {
    const ref = { platform: "slack" as const, workspace: "T9", channel: "C1" };
    const [message] = platform.render({ header: { title: "Hello" }, intro: [], cards: [], notes: [], overflow: null, format: "compact", ephemeral: false });
    const before = fake.posted("T9", "C1").length;
    await platform.send(ref, message!, { key: "k:0", replyTo: null, recovering: true });
    await platform.send(ref, message!, { key: "k:1", replyTo: null, recovering: true });
    expect(fake.posted("T9", "C1").length).toBe(before + 2);
    expect(fake.calls("conversations.history").filter((call) => call.error === "missing_scope")).toHaveLength(2);
    expect(logLines.filter((line) => String(line["msg"]).includes("cannot read channel history"))).toHaveLength(1);
  });

  it("maps a permanent send failure to a non-retryable PlatformError with Slack's code", async () => {
    const [message] = platform.render({ header: { title: "Hello" }, intro: [], cards: [], notes: [], overflow: null, format: "compact", ephemeral: false });
    await expect(platform.send({ platform: "slack", workspace: "T9", channel: "CNONE" }, message!, { key: "k:2", replyTo: null, recovering: false })).rejects.toMatchObject({ code: "channel_not_found", retryable: false });
    fake.failNext(1, { error: "is_archived" });
    await expect(platform.send({ platform: "slack", workspace: "T9", channel: "C1" }, message!, { key: "k:3", replyTo: null, recovering: false })).rejects.toMatchObject({ code: "is_archived", retryable: false });
    // The fake rejects an over-long message as Slack does; our renderer never produces one.
    const huge = { body: { text: "x", blocks: Array.from({ length: 5 }, () => ({ type: "section", text: { type: "mrkdwn", text: "y".repeat(2900) } })) }, replyTo: null };
    await expect(platform.send({ platform: "slack", workspace: "T9", channel: "C1" }, huge, { key: "k:4", replyTo: null, recovering: false })).rejects.toMatchObject({ code: "msg_blocks_too_long", retryable: false });
  });

  it("never logs a token", () => {
    const all = JSON.stringify(logLines);
    expect(all).not.toContain(team.botToken);
    expect(all).not.toContain("xapp-");
  });
});

describe("the Slack platform over HTTP with the app's own routes", () => {
  it("serves the given /healthz and /metrics on Bolt's server, next to /slack/events", async () => {
    const fake = await FakeSlack.start();
    const team = fake.addTeam("T1");
    const config = loadConfig({ env: {}, configDir: "config", flags: { port: 0, slack: { botToken: team.botToken, signingSecret: "s", apiUrl: fake.apiUrl } } });
    expect(slackMode(config)).toEqual({ socketMode: false, oauth: false, ownsHttpPort: true });
    const store = await openStore("sqlite::memory:");
    const platform = createSlackPlatform({
      config,
      store,
      logger: pino({ level: "silent" }),
      httpRoutes: [
        { path: "/healthz", method: "GET", handler: (_req, res) => void res.writeHead(503).end("starting") },
        { path: "/metrics", method: "GET", handler: (_req, res) => void res.writeHead(200).end("paperboy_up 1") },
      ],
    });
    try {
      await platform.start(async () => ({ header: { title: "x" }, intro: [], cards: [], notes: [], overflow: null, format: "compact", ephemeral: true }));
      const base = `http://127.0.0.1:${platform.receiverPort!()}`;
      expect(await (await fetch(`${base}/metrics`)).text()).toBe("paperboy_up 1");
      const health = await fetch(`${base}/healthz`);
      expect([health.status, await health.text()]).toEqual([503, "starting"]);
      expect((await fetch(`${base}/slack/events`, { method: "POST", body: "x=1" })).status).toBe(401);
    } finally {
      await platform.stop();
      await store.close();
      await fake.close();
    }
  });

  it("knows when Bolt owns the HTTP port: HTTP mode, or Socket Mode with OAuth install pages", () => {
    const mode = (slack: Record<string, string>) => slackMode(loadConfig({ env: {}, configDir: "config", flags: { slack } }));
    expect(mode({ appToken: "xapp-1", botToken: "xoxb-1" })).toEqual({ socketMode: true, oauth: false, ownsHttpPort: false });
    expect(mode({ appToken: "xapp-1", clientId: "1", clientSecret: "2", stateSecret: "3" })).toEqual({ socketMode: true, oauth: true, ownsHttpPort: true });
  });
});
