/**
 * Personal follows on Slack, with the real Bolt app against the fake Slack: a follow made in a channel is
 * delivered to the app's DM with the person (conversations.open, im:write) at their own time and never
 * twice — also when Slack took a message but the answer was lost (found again in the DM's history,
 * im:history); a workspace that installed the app without im:write pauses the follow and tells the person
 * once; nobody else sees a person's follows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BOT_SCOPES } from "../../src/platforms/slack/manifest.js";
import { FakeSlack, type FakeTeam } from "./fakes/slack.js";
import { startSlackTestApp, textOf, type SlackTestApp } from "./fakes/slack-setup.js";

const OLD_SCOPES = ["commands", "chat:write", "channels:history", "groups:history"];

let fake: FakeSlack;
let t1: FakeTeam;
let t2: FakeTeam;
let env: SlackTestApp;

beforeAll(async () => {
  fake = await FakeSlack.start();
  t1 = fake.addTeam("T1", { scopes: [...BOT_SCOPES] });
  // Installed before follows existed: no im:write.
  t2 = fake.addTeam("T2", { scopes: OLD_SCOPES });
  for (const channel of ["CA", "CB", "CC"]) fake.addChannel("T1", channel);
  fake.addChannel("T2", "CA");
  for (const user of ["UALICE", "UDAVE", "UCAROL", "UERIN"]) fake.addUser("T1", user);
  fake.addUser("T2", "UBOB");
  const appToken = fake.addAppToken();
  env = await startSlackTestApp({
    fake,
    now: new Date("2026-01-06T08:00:00Z"),
    installs: [t1, t2],
    // Only UADMIN manages channels: follows need no manager rights.
    slack: { appToken, clientId: "111.222", clientSecret: "client-secret", stateSecret: "state-secret", managers: ["UADMIN"] },
  });
});

afterAll(async () => {
  await env?.close();
  await fake?.close();
});

/** `/papers <text>` as `user`; the one reply must be ephemeral. */
async function papers(team: string, channel: string, user: string, text: string): Promise<string> {
  const replies = await fake.slashCommand(team, channel, user, text);
  expect(replies).toHaveLength(1);
  expect(replies[0]!.body["response_type"]).toBe("ephemeral");
  return textOf(replies[0]!.body);
}

const opensFor = (user: string) => fake.calls("conversations.open").filter((call) => call.body["users"] === user);

describe("personal follows delivered by Slack DM", () => {
  it("delivers a follow made in a channel to the app's DM with the person at their time, and never twice", async () => {
    expect(await papers("T1", "CA", "UALICE", "follow federated")).toContain("Following 1 topic");
    expect(await papers("T1", "CA", "UALICE", "follow-schedule 08:30 UTC")).toContain("08:30 UTC");

    await env.app.deliverDue(new Date("2026-01-06T08:29:00Z"));
    expect(opensFor("UALICE")).toHaveLength(0);

    await env.app.deliverDue(new Date("2026-01-06T08:31:00Z"));
    const dm = fake.dmChannelOf("UALICE");
    const delivered = fake.posted("T1", dm);
    expect(delivered.length).toBeGreaterThanOrEqual(1);
    expect(delivered[0]!.text).toContain("federated");
    expect(delivered.map((message) => JSON.stringify(message.blocks)).join("")).toContain("https://arxiv.org/abs/2601.01793");
    expect(fake.posted("T1", "CA")).toHaveLength(0);
    expect((await env.app.store.lastDelivery("slack:T1/@UALICE"))?.state).toBe("sent");

    // Later rounds, the next day: nothing again, not even a look at the DM.
    await env.app.deliverDue(new Date("2026-01-06T08:40:00Z"));
    await env.app.deliverDue(new Date("2026-01-07T08:31:00Z"));
    expect(fake.posted("T1", dm)).toHaveLength(delivered.length);
    expect(opensFor("UALICE")).toHaveLength(1);
  });

  it("does not post twice in a DM when Slack took the message but the answer was lost", async () => {
    await papers("T1", "CB", "UDAVE", "follow diffusion");
    await papers("T1", "CB", "UDAVE", "follow-schedule 08:35 UTC");
    fake.failNext(1, { status: 500, posted: true });
    await env.app.deliverDue(new Date("2026-01-06T08:36:00Z"));
    const dm = fake.dmChannelOf("UDAVE");
    const delivery = await env.app.store.lastDelivery("slack:T1/@UDAVE");
    expect(delivery?.state).toBe("sent");
    // The lost answer's message was found in the DM's history (im:history) instead of being posted again.
    expect(fake.calls("conversations.history").some((call) => call.body["channel"] === dm && call.error === null)).toBe(true);
    expect(fake.posted("T1", dm)).toHaveLength(delivery!.messages.length);
    // The retry reused the DM channel id it had (cached), instead of opening the DM again.
    expect(opensFor("UDAVE")).toHaveLength(1);
  });

  it("pauses a follow when the DM cannot be opened, tells the person once, and tries no more", async () => {
    await papers("T2", "CA", "UBOB", "follow federated");
    await papers("T2", "CA", "UBOB", "follow-schedule 08:45 UTC");
    const report = await env.app.deliverDue(new Date("2026-01-06T08:46:00Z"));
    expect(report.failed).toBe(1);
    expect(opensFor("UBOB").map((call) => call.error)).toEqual(["missing_scope"]);
    const paused = await env.app.store.getChannel("slack:T2/@UBOB");
    expect(paused?.settings.paused).toBe(true);
    expect(paused?.pausedReason).toMatch(/^missing_scope: /);

    await env.app.deliverDue(new Date("2026-01-07T08:46:00Z"));
    expect(opensFor("UBOB")).toHaveLength(1);

    const first = await papers("T2", "CA", "UBOB", "help");
    expect(first).toContain("About your follows");
    expect(first).toContain("/papers follow-resume");
    expect(await papers("T2", "CA", "UBOB", "list")).not.toContain("About your follows");
  });

  it("shows a person's follows to nobody else: not another member's following, not the channel's list", async () => {
    await papers("T1", "CC", "UCAROL", "follow reinforcement learning");
    expect(await papers("T1", "CC", "UCAROL", "following")).toContain("1. `reinforcement learning`");
    expect(await papers("T1", "CC", "UERIN", "following")).not.toContain("reinforcement learning");
    const list = await papers("T1", "CC", "UERIN", "list");
    expect(list).not.toContain("reinforcement learning");
    // The same person in another workspace has no follows there.
    expect(await papers("T2", "CA", "UCAROL", "following")).not.toContain("reinforcement learning");
    expect(await papers("T1", "CC", "UCAROL", "unfollow all")).toContain("Unfollowed 1 topic");
  });
});
