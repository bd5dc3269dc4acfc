/**
 * The real app with Slack over HTTP (one workspace, bot token + signing secret): Bolt verifies request
 * signatures, serves /healthz, answers the URL verification, runs slash commands and install events.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackPlatform } from "../../src/platforms/slack/slack.js";
import { FakeSlack, signSlackRequest, slashPayload, type FakeTeam } from "./fakes/slack.js";
import { startSlackTestApp, textOf, type SlackTestApp } from "./fakes/slack-setup.js";

const SECRET = "signing-secret-for-tests";

describe("Slack over HTTP", () => {
  let fake: FakeSlack;
  let t1: FakeTeam;
  let env: SlackTestApp;
  let base: string;

  async function post(body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(`${base}/slack/events`, { method: "POST", body, headers });
  }

  function slash(text: string, channel = "C1"): { body: string; responseUrl: string } {
    const responseUrl = fake.newResponseUrl();
    const payload = slashPayload("T1", channel, "U1", text, responseUrl);
    return { body: new URLSearchParams(payload as Record<string, string>).toString(), responseUrl };
  }

  // Bolt parses form bodies only with exactly this content type (no charset suffix).
  const FORM = { "content-type": "application/x-www-form-urlencoded" };

  /** Subscribes `channel` through a signed command: each test sets up the channel it reads. */
  async function subscribe(channel: string, topic: string): Promise<void> {
    const { body, responseUrl } = slash(`subscribe ${topic}`, channel);
    expect((await post(body, { ...FORM, ...signSlackRequest(SECRET, body) })).status).toBe(200);
    await fake.waitForReplies(responseUrl, 1);
  }

  beforeAll(async () => {
    fake = await FakeSlack.start();
    t1 = fake.addTeam("T1");
    for (const channel of ["C1", "C2", "C3", "C4"]) fake.addChannel("T1", channel);
    env = await startSlackTestApp({ fake, now: new Date("2026-01-06T08:00:00Z"), slack: { botToken: t1.botToken, signingSecret: SECRET } });
    const platform = env.app.platforms.get("slack") as SlackPlatform;
    base = `http://127.0.0.1:${platform.receiverPort!()}`;
  });

  afterAll(async () => {
    await env?.close();
    await fake?.close();
  });

  it("serves GET /healthz", async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    // Over HTTP there is no connection to lose: no platform state to report.
    expect(await response.json()).toEqual({ status: "ok", platforms: {} });
  });

  it("accepts a correctly signed slash command and answers through its response_url", async () => {
    const { body, responseUrl } = slash("subscribe federated");
    const response = await post(body, { ...FORM, ...signSlackRequest(SECRET, body) });
    expect(response.status).toBe(200);
    const [reply] = await fake.waitForReplies(responseUrl, 1);
    expect(reply!.body["response_type"]).toBe("ephemeral");
    expect(textOf(reply!.body)).toContain("Subscribed to 1 topic");
    expect((await env.app.store.listTopics("slack:T1/C1")).map((topic) => topic.text)).toEqual(["federated"]);
  });

  it("rejects forged, tampered and stale (> 5 min) requests with 401 and runs nothing", async () => {
    await subscribe("C2", "federated");
    const forged = slash("subscribe forged", "C2");
    expect((await post(forged.body, { ...FORM, ...signSlackRequest("not-the-secret", forged.body) })).status).toBe(401);

    const tampered = slash("subscribe tampered", "C2");
    const signedOriginal = signSlackRequest(SECRET, tampered.body);
    expect((await post(tampered.body.replace("tampered", "evil"), { ...FORM, ...signedOriginal })).status).toBe(401);

    const stale = slash("subscribe stale", "C2");
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await post(stale.body, { ...FORM, ...signSlackRequest(SECRET, stale.body, sixMinutesAgo) })).status).toBe(401);

    const unsigned = slash("subscribe unsigned", "C2");
    expect((await post(unsigned.body, FORM)).status).toBe(401);

    // A valid command after them is answered; the rejected ones never were.
    const valid = slash("list", "C2");
    expect((await post(valid.body, { ...FORM, ...signSlackRequest(SECRET, valid.body) })).status).toBe(200);
    await fake.waitForReplies(valid.responseUrl, 1);
    for (const rejected of [forged, tampered, stale, unsigned]) expect(fake.repliesTo(rejected.responseUrl)).toEqual([]);
    expect((await env.app.store.listTopics("slack:T1/C2")).map((topic) => topic.text)).toEqual(["federated"]);
  });

  it("answers a signed form that repeats a field, using its first value", async () => {
    await subscribe("C3", "federated");
    const { body, responseUrl } = slash("list", "C3");
    const repeated = `${body}&text=${encodeURIComponent("status")}&channel_id=C9&user_id=U9`;
    expect((await post(repeated, { ...FORM, ...signSlackRequest(SECRET, repeated) })).status).toBe(200);
    const [reply] = await fake.waitForReplies(responseUrl, 1);
    expect(textOf(reply!.body)).toContain("federated");
    expect(textOf(reply!.body)).not.toMatch(/went wrong|could not run/i);
  });

  it("answers names of Object.prototype members with the unknown-command help", async () => {
    for (const name of ["constructor x", "__proto__", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
      const { body, responseUrl } = slash(name);
      expect((await post(body, { ...FORM, ...signSlackRequest(SECRET, body) })).status).toBe(200);
      const [reply] = await fake.waitForReplies(responseUrl, 1);
      expect(textOf(reply!.body), name).toContain(`Unknown command '${name.split(" ")[0]!.toLowerCase()}'`);
    }
    const { body, responseUrl } = slash("set constructor 5");
    await post(body, { ...FORM, ...signSlackRequest(SECRET, body) });
    expect(textOf((await fake.waitForReplies(responseUrl, 1))[0]!.body)).toContain("Unknown setting 'constructor'");
  });

  it("counts commands in /metrics under the known names plus `other`, however many names are typed", async () => {
    const typed = [...Array.from({ length: 150 }, (_, i) => `nonsense${i}x${Math.random().toString(36).slice(2, 8)}`), "STATUS"];
    for (let start = 0; start < typed.length; start += 15) {
      await Promise.all(typed.slice(start, start + 15).map(async (name) => {
        const { body, responseUrl } = slash(name);
        await post(body, { ...FORM, ...signSlackRequest(SECRET, body) });
        await fake.waitForReplies(responseUrl, 1);
      }));
    }
    const metrics = await (await fetch(`${base}/metrics`)).text();
    const labels = [...metrics.matchAll(/^paperboy_commands_total\{command="([^"]*)"\} (\d+)/gm)].map((m) => ({ command: m[1]!, count: Number(m[2]) }));
    const known = ["help", "subscribe", "unsubscribe", "list", "search", "paper", "digest", "why", "schedule", "set", "pause", "resume", "status", "other"];
    expect(labels.map((label) => label.command).filter((command) => !known.includes(command))).toEqual([]);
    expect(labels.find((label) => label.command === "other")?.count).toBeGreaterThanOrEqual(150);
    expect(labels.find((label) => label.command === "status")?.count).toBeGreaterThanOrEqual(1);
  });

  it("answers Slack's URL verification challenge (set-up of the request URL)", async () => {
    const body = JSON.stringify({ token: "x", challenge: "challenge-123", type: "url_verification" });
    const response = await post(body, { "content-type": "application/json", ...signSlackRequest(SECRET, body) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("challenge-123");
  });

  it("pauses the workspace's channels when its bot token is revoked", async () => {
    await subscribe("C4", "federated");
    const body = JSON.stringify({
      token: "x",
      team_id: "T1",
      api_app_id: "A0PAPERBOY",
      type: "event_callback",
      event_id: "Ev1",
      event_time: Math.floor(Date.now() / 1000),
      event: { type: "tokens_revoked", tokens: { bot: [t1.botUserId] }, event_ts: "1.0" },
    });
    const response = await post(body, { "content-type": "application/json", ...signSlackRequest(SECRET, body) });
    expect(response.status).toBe(200);
    // The event is acked before it is processed: wait (bounded) for its effect.
    for (let i = 0; i < 100 && !(await env.app.store.getChannel("slack:T1/C4"))?.settings.paused; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    const channel = await env.app.store.getChannel("slack:T1/C4");
    expect(channel?.settings.paused).toBe(true);
    expect(channel?.pausedReason).toBe("slack app uninstalled");
  });
});

describe("Slack over HTTP with OAuth installs (multi-workspace)", () => {
  let fake: FakeSlack;
  let env: SlackTestApp;
  let base: string;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    fake.setOAuthClient("111.222", "client-secret");
    env = await startSlackTestApp({ fake, now: new Date("2026-01-06T08:00:00Z"), slack: { signingSecret: SECRET, clientId: "111.222", clientSecret: "client-secret", stateSecret: "state-secret" } });
    const platform = env.app.platforms.get("slack") as SlackPlatform;
    base = `http://127.0.0.1:${platform.receiverPort!()}`;
  });

  afterAll(async () => {
    await env?.close();
    await fake?.close();
  });

  it("installs a workspace through /slack/install and /slack/oauth_redirect, then posts and answers there", async () => {
    const team = fake.addTeam("T5");
    fake.addChannel("T5", "C5");
    const install = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(install.status).toBe(200);
    const cookie = install.headers.get("set-cookie")?.split(";")[0];
    expect(cookie).toBeTruthy();
    const state = /state=([^&"]+)/.exec(await install.text())?.[1];
    expect(state).toBeTruthy();

    const code = fake.addOAuthCode("T5");
    // Without the browser's state cookie the callback is refused (CSRF protection).
    const forged = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${state}`, { redirect: "manual" });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect(await env.app.store.getState("slack:installation:team:T5")).toBeNull();

    const callback = await fetch(`${base}/slack/oauth_redirect?code=${code}&state=${state}`, { redirect: "manual", headers: { cookie: cookie! } });
    expect(callback.status).toBe(200);
    const stored = JSON.parse((await env.app.store.getState("slack:installation:team:T5"))!) as { bot: { token: string } };
    expect(stored.bot.token).toBe(team.botToken);

    // The installed workspace can use /papers (authorized from the installation) …
    const responseUrl = fake.newResponseUrl();
    const body = new URLSearchParams(slashPayload("T5", "C5", "U1", "subscribe federated", responseUrl) as Record<string, string>).toString();
    expect((await fetch(`${base}/slack/events`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(SECRET, body) } })).status).toBe(200);
    expect(textOf((await fake.waitForReplies(responseUrl, 1))[0]!.body)).toContain("Subscribed to 1 topic");
    // … and gets its digest, sent with its own token.
    await env.app.deliverDue(new Date("2026-01-06T09:01:00Z"));
    const posted = fake.posted("T5", "C5");
    expect(posted.length).toBeGreaterThanOrEqual(1);
    expect(fake.calls("chat.postMessage").every((call) => call.headers.authorization === `Bearer ${team.botToken}`)).toBe(true);
  });

  it("refuses to send to a workspace that never installed the app", async () => {
    const slack = env.app.platforms.get("slack")!;
    const [message] = slack.render({ header: { title: "x" }, intro: [], cards: [], notes: [], overflow: null, format: "compact", ephemeral: false });
    await expect(slack.send({ platform: "slack", workspace: "TNOPE", channel: "C1" }, message!, { key: "k", replyTo: null, recovering: false })).rejects.toMatchObject({ code: "slack_not_installed", retryable: false });
  });
});
