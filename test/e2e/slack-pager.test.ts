/**
 * The digest preview's Previous / Next buttons with the real Bolt app against the fake Slack: pressed over
 * Socket Mode (an `interactive` envelope) and over HTTP (a signed block_actions form post). A press runs
 * `digest <date> page <n>` and replaces the message through the press's response_url; a forged value is
 * refused and the app keeps answering.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGER_REFUSAL } from "../../src/platforms/pager-buttons.js";
import type { SlackPlatform } from "../../src/platforms/slack/slack.js";
import { blockActionsPayload, FakeSlack, signSlackRequest, slashPayload, type Reply } from "./fakes/slack.js";
import { blockButtons } from "./fakes/slack-validate.js";
import { digestMarkdown, startSlackTestApp, textOf, type SlackTestApp } from "./fakes/slack-setup.js";

const DATE = "2026-02-10";
/** 25 matching papers: three preview pages of 10. */
const PAPERS = Array.from({ length: 25 }, (_, i) => ({ id: `2602.${String(70001 + i)}`, title: `Wombat paper ${i}`, tldr: `Wombat finding ${i}.` }));

async function setUp(env: SlackTestApp, subscribe: () => Promise<Reply[]>): Promise<void> {
  const [report] = await env.app.ingestFiles([{ name: `${DATE}.md`, source: `test:${DATE}`, text: digestMarkdown(PAPERS) }]);
  expect(report?.outcome).toBe("new");
  const [reply] = await subscribe();
  expect(textOf(reply!.body)).toContain("Subscribed to 1 topic");
}

/** The pager's buttons among a reply's blocks (each card also has its 👍 / 👎). */
const pagerButtonsIn = (blocks: unknown) => blockButtons(blocks).filter((button) => button.value.startsWith("pager:"));

/** The paper titles a reply shows. */
const titlesIn = (body: Record<string, unknown>) => [...textOf(body).matchAll(/Wombat paper (\d+)/g)].map((match) => match[1]);

describe("Slack pager buttons over Socket Mode", () => {
  let fake: FakeSlack;
  let env: SlackTestApp;

  beforeAll(async () => {
    fake = await FakeSlack.start();
    const team = fake.addTeam("T1");
    fake.addChannel("T1", "CPAGE");
    env = await startSlackTestApp({ fake, now: new Date("2026-02-10T08:00:00Z"), slack: { appToken: fake.addAppToken(), botToken: team.botToken } });
    await setUp(env, () => fake.slashCommand("T1", "CPAGE", "U1", "subscribe wombat"));
  });

  afterAll(async () => {
    await env?.close();
    await fake?.close();
  });

  it("shows Next on page 1; pressing it replaces the message with page 2, which has Previous and Next", async () => {
    const [first] = await fake.slashCommand("T1", "CPAGE", "U1", `digest ${DATE}`);
    expect(textOf(first!.body)).toContain("page 1 of 3");
    const buttons = pagerButtonsIn(first!.body["blocks"]);
    // Each of the ten cards has its 👍 / 👎 too.
    expect(blockButtons(first!.body["blocks"]).filter((button) => button.value.startsWith("vote:"))).toHaveLength(20);
    expect(buttons.map((button) => button.text)).toEqual(["Next 10"]);
    expect(buttons[0]!.value).toBe(`pager:digest:${DATE}:2`);

    // Another member of the channel may page too: the digest preview is read-only.
    const replies = await fake.pressButton("T1", "CPAGE", "U2", buttons[0]!);
    expect(replies).toHaveLength(1);
    const page2 = replies[0]!.body;
    expect(page2["replace_original"]).toBe(true);
    expect(page2["response_type"]).toBe("ephemeral");
    expect(textOf(page2)).toContain("page 2 of 3");
    const shown1 = titlesIn(first!.body);
    const shown2 = titlesIn(page2);
    expect(shown2).toHaveLength(10);
    expect(shown2.filter((title) => shown1.includes(title))).toEqual([]);
    expect(pagerButtonsIn(page2["blocks"]).map((button) => [button.text, button.value])).toEqual([
      ["Previous", `pager:digest:${DATE}:1`],
      ["Next 10", `pager:digest:${DATE}:3`],
    ]);

    // The last page has only Previous.
    const [page3] = await fake.pressButton("T1", "CPAGE", "U1", pagerButtonsIn(page2["blocks"])[1]!);
    expect(textOf(page3!.body)).toContain("page 3 of 3");
    expect(titlesIn(page3!.body)).toHaveLength(5);
    expect(pagerButtonsIn(page3!.body["blocks"]).map((button) => button.text)).toEqual(["Previous"]);
  });

  it("refuses forged button values briefly and keeps answering commands", async () => {
    for (const value of [`pager:digest:${DATE}:2; drop`, "pager:digest:2026-02-10:0", "subscribe everything", "", "x".repeat(3000)]) {
      const [refusal] = await fake.pressButton("T1", "CPAGE", "U1", { action_id: "paperboy_pager_2", value });
      expect(refusal!.body["response_type"]).toBe("ephemeral");
      expect(refusal!.body["replace_original"]).toBe(false);
      expect(refusal!.body["text"]).toBe(PAGER_REFUSAL);
    }
    // A well-formed id for a page that does not exist is the command's own error, not a crash.
    const [tooFar] = await fake.pressButton("T1", "CPAGE", "U1", { action_id: "paperboy_pager_9", value: `pager:digest:${DATE}:9` });
    expect(textOf(tooFar!.body)).toContain("has 3 pages");
    expect((await env.app.store.listTopics("slack:T1/CPAGE")).map((topic) => topic.text)).toEqual(["wombat"]);
    const [help] = await fake.slashCommand("T1", "CPAGE", "U1", "help");
    expect(textOf(help!.body)).toContain("/papers digest");
  });
});

describe("Slack pager buttons over HTTP", () => {
  const SECRET = "signing-secret-for-pager";
  let fake: FakeSlack;
  let env: SlackTestApp;
  let base: string;

  /** A signed block_actions post, as Slack sends it: form-encoded with the JSON in `payload`. */
  async function press(value: string, secret = SECRET): Promise<{ status: number; responseUrl: string }> {
    const responseUrl = fake.newResponseUrl();
    const payload = blockActionsPayload("T1", "CPAGE", "U1", { action_id: "paperboy_pager_2", value }, responseUrl);
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const response = await fetch(`${base}/slack/events`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(secret, body) } });
    return { status: response.status, responseUrl };
  }

  beforeAll(async () => {
    fake = await FakeSlack.start();
    const team = fake.addTeam("T1");
    fake.addChannel("T1", "CPAGE");
    env = await startSlackTestApp({ fake, now: new Date("2026-02-10T08:00:00Z"), slack: { botToken: team.botToken, signingSecret: SECRET } });
    base = `http://127.0.0.1:${(env.app.platforms.get("slack") as SlackPlatform).receiverPort!()}`;
    await setUp(env, async () => {
      const responseUrl = fake.newResponseUrl();
      const body = new URLSearchParams(slashPayload("T1", "CPAGE", "U1", "subscribe wombat", responseUrl) as Record<string, string>).toString();
      await fetch(`${base}/slack/events`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(SECRET, body) } });
      return fake.waitForReplies(responseUrl, 1);
    });
  });

  afterAll(async () => {
    await env?.close();
    await fake?.close();
  });

  it("answers a signed press with the requested page, and rejects an unsigned one", async () => {
    const { status, responseUrl } = await press(`pager:digest:${DATE}:2`);
    expect(status).toBe(200);
    const [page2] = await fake.waitForReplies(responseUrl, 1);
    expect(page2!.body["replace_original"]).toBe(true);
    expect(textOf(page2!.body)).toContain("page 2 of 3");

    const forged = await press(`pager:digest:${DATE}:3`, "not-the-secret");
    expect(forged.status).toBe(401);
    expect(fake.repliesTo(forged.responseUrl)).toEqual([]);
  });
});
