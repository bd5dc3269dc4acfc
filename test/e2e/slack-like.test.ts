/**
 * A `like:` subscription end to end: the real app and Bolt against the fake Slack, the seeds as the
 * archive. A channel subscribes `like:<a GS-KAN paper of 2025-12-11>` from chat; a digest made of real
 * seed entries arrives; the post carries the Kolmogorov-Arnold paper and not the federated-learning one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeSlack } from "./fakes/slack.js";
import { startSlackTestApp, textOf, type SlackTestApp } from "./fakes/slack-setup.js";
import { seedEntries } from "../helpers/seed-entries.js";

const ADMIN = "UADMIN";

/** GS-KAN (2025-12-11 seed): Kolmogorov-Arnold networks. */
const EXAMPLE = "2512.09084";
/** T-KAN (2026-01-06 seed): Kolmogorov-Arnold networks for order books — similar (cosine ≈ 0.17). */
const SIMILAR = "2601.02310";
/** FAROS (2026-01-06 seed): backdoor-robust federated learning — not similar. */
const DISSIMILAR = "2601.01833";

let fake: FakeSlack;
let env: SlackTestApp;

async function papers(channel: string, text: string): Promise<string> {
  const replies = await fake.slashCommand("T1", channel, ADMIN, text);
  expect(replies).toHaveLength(1);
  return textOf(replies[0]!.body);
}

describe("Slack: a like: subscription", () => {
  beforeAll(async () => {
    fake = await FakeSlack.start();
    const team = fake.addTeam("T1");
    const appToken = fake.addAppToken();
    for (const channel of ["CLIKE", "CREFUSE"]) fake.addChannel("T1", channel);
    env = await startSlackTestApp({
      fake,
      now: new Date("2026-01-06T08:00:00Z"),
      installs: [team],
      slack: { appToken, clientId: "111.222", clientSecret: "client-secret", stateSecret: "state-secret", managers: [ADMIN] },
    });
  });
  afterAll(async () => {
    await env?.close();
    await fake?.close();
  });

  it("refuses an example paper the archive does not have, and a bad id with its position", async () => {
    const unknown = await papers("CREFUSE", "subscribe like:2512.99999 -survey");
    expect(unknown).toContain("2512.99999 is not in the archive");
    const bad = await papers("CREFUSE", "subscribe kv cache, like:kvcache");
    expect(bad).toContain("'kvcache' is not an arXiv id or URL at 6");
    expect(await env.app.store.listTopics("slack:T1/CREFUSE")).toEqual([]);
  });

  it("shows the nearest papers of the latest digest, then delivers the similar paper and not the dissimilar one", async () => {
    const reply = await papers("CLIKE", `subscribe like:https://arxiv.org/abs/${EXAMPLE}v1`);
    expect(reply).toContain("Subscribed to 1 topic");
    expect(reply).toMatch(new RegExp(`in the 2026-01-06 digest this topic would have posted 1 paper: ${SIMILAR}`));
    expect(reply).toContain(`like ${EXAMPLE}: `);

    env.clock.set(new Date("2026-01-06T08:01:00Z"));
    const [report] = await env.app.ingestFiles([{ name: "2026-01-07.md", source: "test:2026-01-07", text: seedEntries("2026-01-06.md", [DISSIMILAR, SIMILAR]) }]);
    expect(report?.outcome).toBe("new");
    await env.app.deliverDue(new Date("2026-01-07T09:05:00Z"));

    const posted = fake.posted("T1", "CLIKE").map((message) => textOf(message.body)).join("\n");
    expect(posted).toContain(`abs/${SIMILAR}|`);
    expect(posted).not.toContain(`abs/${DISSIMILAR}|`);
    // The card's matched line names what the paper shares with the example.
    expect(posted).toMatch(new RegExp(`matched: like ${EXAMPLE}: [^\\n]*kolmogorov`, "i"));
    const delivery = await env.app.store.lastDelivery("slack:T1/CLIKE");
    expect(delivery?.state).toBe("sent");

    const why = await papers("CLIKE", `why ${DISSIMILAR}`);
    expect(why).toMatch(new RegExp(`like ${EXAMPLE}: too far \\(similarity 0\\.\\d\\d, balanced needs 0\\.10\\)`));
    expect(await papers("CLIKE", `why ${SIMILAR}`)).toMatch(new RegExp(`like ${EXAMPLE}: shares .*kolmogorov`, "i"));
  });
});
