/**
 * 👍 / 👎 under every card of a delivered digest, with the real Bolt app against the fake Slack: a press on
 * the channel post (block_actions over Socket Mode, acked within 3 s; or a signed HTTP post) records the
 * presser's vote for that paper in that channel and answers ephemerally, never touching the post. One
 * vote per person per paper per channel, changeable; `paperboy feedback --json` shows the result.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedbackReport } from "../../src/cli/feedback-command.js";
import { PAGER_REFUSAL } from "../../src/platforms/pager-buttons.js";
import type { SlackPlatform } from "../../src/platforms/slack/slack.js";
import { VOTE_REFUSAL } from "../../src/platforms/vote-buttons.js";
import { ensureBuilt, runCliAsync } from "../helpers/cli.js";
import { FakeSlack, signSlackRequest, slashPayload, type FakeMessage, type Reply } from "./fakes/slack.js";
import { postedButtonPayload, postSignedAction } from "./fakes/slack-buttons.js";
import { blockButtons, validateMessage } from "./fakes/slack-validate.js";
import { digestMarkdown, startSlackTestApp, textOf, type SlackTestApp } from "./fakes/slack-setup.js";

const DATE = "2026-02-10";
const PAPERS = Array.from({ length: 4 }, (_, i) => ({ id: `2602.${String(80001 + i)}`, title: `Wombat burrow study ${i + 1}`, tldr: `Wombat finding ${i + 1}.` }));
const CARD2 = PAPERS[1]!.id;

/** Subscribes the channel, ingests the digest a minute later and delivers it; returns the channel posts. */
async function deliverDigest(env: SlackTestApp, fake: FakeSlack, channel: string, subscribe: () => Promise<Reply[]>): Promise<FakeMessage[]> {
  const [subscribed] = await subscribe();
  expect(textOf(subscribed!.body)).toContain("Subscribed to 1 topic");
  env.clock.set(new Date(env.clock.now().getTime() + 60_000));
  const [report] = await env.app.ingestFiles([{ name: `${DATE}.md`, source: `test:${DATE}`, text: digestMarkdown(PAPERS) }]);
  expect(report?.outcome).toBe("new");
  await env.app.deliverDue(new Date(`${DATE}T09:05:00Z`));
  const posted = fake.posted("T1", channel).filter((message) => message.threadTs === null);
  expect(posted.length).toBeGreaterThan(0);
  return posted;
}

/** The posted message holding a button, and the button. */
function findButton(posted: FakeMessage[], actionId: string): { message: FakeMessage; value: string } {
  for (const message of posted) {
    const button = blockButtons(message.blocks).find((candidate) => candidate.action_id === actionId);
    if (button) return { message, value: button.value };
  }
  throw new Error(`no posted button ${actionId}`);
}

describe("Slack vote buttons over Socket Mode", { timeout: 120_000 }, () => {
  let fake: FakeSlack;
  let env: SlackTestApp;
  let posted: FakeMessage[];

  beforeAll(async () => {
    ensureBuilt();
    fake = await FakeSlack.start();
    const team = fake.addTeam("T1");
    fake.addChannel("T1", "CVOTE");
    env = await startSlackTestApp({ fake, now: new Date(`${DATE}T08:00:00Z`), slack: { appToken: fake.addAppToken(), botToken: team.botToken } });
    posted = await deliverDigest(env, fake, "CVOTE", () => fake.slashCommand("T1", "CVOTE", "U1", "subscribe wombat"));
  }, 120_000);

  afterAll(async () => {
    await env?.close();
    await fake?.close();
  });

  it("puts 👍 relevant / 👎 not for us under every card of the delivered post, within Slack's limits", () => {
    const buttons = posted.flatMap((message) => blockButtons(message.blocks));
    expect(buttons.map((button) => [button.text, button.value])).toEqual(PAPERS.flatMap((paper) => [["👍 relevant", `vote:${paper.id}:up`], ["👎 not for us", `vote:${paper.id}:down`]]));
    for (const message of posted) expect(validateMessage(message.body)).toBeNull();
  });

  it("records one vote per person per paper, changeable, answered ephemerally without touching the post", async () => {
    const before = structuredClone(posted.map((message) => message.blocks));
    const up = findButton(posted, "paperboy_vote_up_2");
    const down = findButton(posted, "paperboy_vote_down_2");
    expect(up.value).toBe(`vote:${CARD2}:up`);

    const vote = async (user: string, actionId: string): Promise<Record<string, unknown>> => {
      const replies = await fake.pressPostedButton(findButton(posted, actionId).message, user, actionId);
      expect(replies).toHaveLength(1);
      const body = replies[0]!.body;
      expect(body["response_type"]).toBe("ephemeral");
      expect(body["replace_original"]).toBe(false);
      return body;
    };
    expect(textOf(await vote("UA", "paperboy_vote_up_2"))).toContain("Noted — this channel has 1 👍, 0 👎 so far.");
    // The same person pressing again is still one vote.
    expect(textOf(await vote("UA", "paperboy_vote_up_2"))).toContain("1 👍, 0 👎");
    // Changing their mind replaces the vote.
    expect(textOf(await vote("UA", "paperboy_vote_down_2"))).toContain("0 👍, 1 👎");
    // Someone else's vote counts on its own.
    expect(textOf(await vote("UB", "paperboy_vote_up_2"))).toContain("1 👍, 1 👎");
    expect(down.message.ts).toBe(up.message.ts);

    const votes = await env.app.store.channelVotes("slack:T1/CVOTE");
    expect(votes.map((v) => [v.paperId, v.userId, v.value]).sort()).toEqual([[CARD2, "UA", "down"], [CARD2, "UB", "up"]]);
    // The channel post is exactly as delivered; every press was acked (the fake enforces the 3 s).
    expect(posted.map((message) => message.blocks)).toEqual(before);
    expect(fake.acks.length).toBeGreaterThanOrEqual(5);

    const result = await runCliAsync(null, ["--db", env.config.db, "feedback", "slack:T1/CVOTE", "--json"]);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as FeedbackReport;
    expect(report.totals).toEqual({ up: 1, down: 1, papers: 1, voters: 2 });
    expect(report.papers).toEqual([{ id: CARD2, title: PAPERS[1]!.title, up: 1, down: 1, lastVote: expect.stringMatching(/^\d{4}-/) }]);
  });

  it("refuses forged vote values and unknown buttons briefly, and keeps answering", async () => {
    for (const value of [`vote:${CARD2}:sideways`, `vote:${CARD2}:up; drop`, "vote:all:up", "", "x".repeat(3000)]) {
      const [refusal] = await fake.pressButton("T1", "CVOTE", "UC", { action_id: "paperboy_vote_up_2", value });
      expect(refusal!.body["response_type"]).toBe("ephemeral");
      expect(refusal!.body["replace_original"]).toBe(false);
      expect(refusal!.body["text"]).toBe(VOTE_REFUSAL);
    }
    const [other] = await fake.pressButton("T1", "CVOTE", "UC", { action_id: "someone_elses_button", value: `vote:${CARD2}:up` });
    expect(other!.body["text"]).toBe(PAGER_REFUSAL);
    // A well-formed id for a paper the archive does not have is the vote command's own answer.
    const [unknown] = await fake.pressButton("T1", "CVOTE", "UC", { action_id: "paperboy_vote_up_9", value: "vote:2699.99999:up" });
    expect(textOf(unknown!.body)).toContain("not in the archive");
    expect((await env.app.store.channelVotes("slack:T1/CVOTE")).filter((v) => v.userId === "UC")).toEqual([]);
  });
});

describe("Slack vote buttons over HTTP", { timeout: 60_000 }, () => {
  const SECRET = "signing-secret-for-votes";
  let fake: FakeSlack;
  let env: SlackTestApp;
  let posted: FakeMessage[];
  let events: string;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    const team = fake.addTeam("T1");
    fake.addChannel("T1", "CHTTP");
    env = await startSlackTestApp({ fake, now: new Date(`${DATE}T08:00:00Z`), slack: { botToken: team.botToken, signingSecret: SECRET } });
    events = `http://127.0.0.1:${(env.app.platforms.get("slack") as SlackPlatform).receiverPort!()}/slack/events`;
    posted = await deliverDigest(env, fake, "CHTTP", async () => {
      const responseUrl = fake.newResponseUrl();
      const body = new URLSearchParams(slashPayload("T1", "CHTTP", "U1", "subscribe wombat", responseUrl) as Record<string, string>).toString();
      await fetch(events, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(SECRET, body) } });
      return fake.waitForReplies(responseUrl, 1);
    });
  });

  afterAll(async () => {
    await env?.close();
    await fake?.close();
  });

  it("answers a signed press on the post within 3 s with the ephemeral count, and ignores an unsigned one", async () => {
    const { message } = findButton(posted, "paperboy_vote_up_2");
    const responseUrl = fake.newResponseUrl();
    expect(await postSignedAction(events, SECRET, postedButtonPayload(message, "UA", "paperboy_vote_up_2", responseUrl))).toBe(200);
    const [reply] = await fake.waitForReplies(responseUrl, 1);
    expect(reply!.body["response_type"]).toBe("ephemeral");
    expect(reply!.body["replace_original"]).toBe(false);
    expect(textOf(reply!.body)).toContain("Noted — this channel has 1 👍, 0 👎 so far.");

    const forgedUrl = fake.newResponseUrl();
    expect(await postSignedAction(events, "not-the-secret", postedButtonPayload(message, "UB", "paperboy_vote_down_2", forgedUrl))).toBe(401);
    expect(fake.repliesTo(forgedUrl)).toEqual([]);
    expect(await env.app.store.voteCounts("slack:T1/CHTTP")).toEqual({ up: 1, down: 0 });
  });
});
