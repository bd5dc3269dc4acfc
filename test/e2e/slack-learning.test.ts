/**
 * Votes change what a Slack channel receives, end to end: the real app and Bolt over Socket Mode against
 * the fake Slack. Channels vote with `/papers vote` (≥ 5 👍, ≥ 5 👎 on archive papers); the next digest's
 * post then orders its cards the way the votes lean, unlike a channel that only uses keywords, and with
 * `learn filter` the footer names how many papers were held back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DECODING_NEXT_DAY, nextDayMarkdown, SPLATTING_NEXT_DAY, VOTED_DOWN, VOTED_UP, votingDayMarkdown } from "../helpers/learning-digests.js";
import { FakeSlack } from "./fakes/slack.js";
import { startSlackTestApp, textOf, type SlackTestApp } from "./fakes/slack-setup.js";

const ADMIN = "UADMIN";
// Apart from the seeds' dates, so the first post of each channel is the next day's digest.
const VOTING_DATE = "2026-03-02";
const NEXT_DATE = "2026-03-03";

let fake: FakeSlack;
let env: SlackTestApp;

beforeAll(async () => {
  fake = await FakeSlack.start();
  const team = fake.addTeam("T1");
  const appToken = fake.addAppToken();
  for (const channel of ["CKEY", "CRANK", "CFILTER"]) fake.addChannel("T1", channel);
  env = await startSlackTestApp({
    fake,
    now: new Date(`${VOTING_DATE}T08:00:00Z`),
    installs: [team],
    slack: { appToken, clientId: "111.222", clientSecret: "client-secret", stateSecret: "state-secret", managers: [ADMIN] },
  });
});

afterAll(async () => {
  await env?.close();
  await fake?.close();
});

/** A slash command over the socket; the text of its one ephemeral reply. */
async function papers(channel: string, text: string, user = ADMIN): Promise<string> {
  const replies = await fake.slashCommand("T1", channel, user, text);
  expect(replies).toHaveLength(1);
  return textOf(replies[0]!.body);
}

/** The arXiv ids of the cards of everything posted to the channel, in order. */
function postedCardIds(channel: string): string[] {
  const text = fake
    .posted("T1", channel)
    .map((message) => textOf(message.body))
    .join("\n");
  return [...text.matchAll(/\*<https:\/\/arxiv\.org\/abs\/([\d.]+)\|/g)].map((found) => found[1]!);
}

describe("a Slack channel's votes in its posts", () => {
  it("ranks the post the way the votes say, and filter names the papers it held back", async () => {
    const [voting] = await env.app.ingestFiles([{ name: `${VOTING_DATE}.md`, source: `test:${VOTING_DATE}`, text: votingDayMarkdown() }]);
    expect(voting?.outcome).toBe("new");
    env.clock.set(new Date(`${VOTING_DATE}T10:00:00Z`));
    for (const [channel, learn] of [["CKEY", "off"], ["CRANK", "auto"], ["CFILTER", "filter"]] as const) {
      expect(await papers(channel, "subscribe efficient")).toContain("Subscribed");
      await papers(channel, "schedule instant");
      await papers(channel, `set learn ${learn}`);
      if (learn === "off") continue;
      // Two people vote; anyone in the channel may.
      for (const [i, paper] of VOTED_UP.entries()) expect(await papers(channel, `vote ${paper.id} up`, `UVOTER${i % 2}`)).toContain("Noted");
      let last = "";
      for (const [i, paper] of VOTED_DOWN.entries()) last = await papers(channel, `vote ${paper.id} down`, `UVOTER${i % 2}`);
      expect(last).toContain("this channel has 6 👍, 6 👎 so far");
    }

    env.clock.set(new Date(`${NEXT_DATE}T08:00:00Z`));
    const [next] = await env.app.ingestFiles([{ name: `${NEXT_DATE}.md`, source: `test:${NEXT_DATE}`, text: nextDayMarkdown() }]);
    expect(next?.outcome).toBe("new");
    const report = await env.app.deliverDue();
    expect(report).toMatchObject({ delivered: 3, failed: 0 });

    // Keywords alone: every paper has "efficient" once in its title, so id order — splatting first.
    expect(postedCardIds("CKEY")).toEqual([...SPLATTING_NEXT_DAY, ...DECODING_NEXT_DAY]);
    // The votes liked decoding and not splatting: the decoding papers come first, every paper is posted.
    const ranked = postedCardIds("CRANK");
    expect(ranked.slice(0, 2).sort()).toEqual(DECODING_NEXT_DAY);
    expect(ranked.slice(2).sort()).toEqual(SPLATTING_NEXT_DAY);
    // filter: the splatting papers stay out, and the footer says how many and where to see them.
    expect(postedCardIds("CFILTER").sort()).toEqual(DECODING_NEXT_DAY);
    const filterText = fake.posted("T1", "CFILTER").map((message) => textOf(message.body)).join("\n");
    expect(filterText).toContain(`2 papers held back by this channel's votes — \`/papers digest ${NEXT_DATE} all\``);
    expect(fake.posted("T1", "CRANK").map((message) => textOf(message.body)).join("\n")).not.toContain("held back");

    // The command the footer names lists them, and why says what the votes did.
    const all = await papers("CFILTER", `digest ${NEXT_DATE} all`);
    for (const id of SPLATTING_NEXT_DAY) expect(all).toContain(`arxiv.org/abs/${id}|`);
    expect(all).toContain("Held back by this channel's votes");
    const why = await papers("CFILTER", `why ${SPLATTING_NEXT_DAY[0]}`);
    expect(why).toMatch(/this channel's model gives the paper \d+%/);
    expect(why).toContain("held back");
  });
});
