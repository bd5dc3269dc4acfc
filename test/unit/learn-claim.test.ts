/** Delivery's compose → claim step with a channel's learning: what the claimed post holds, and what a failing model does. */
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Channel } from "../../src/core/channel.js";
import { composeAndClaim, type ClaimDeps, type Matched } from "../../src/core/delivery/claim.js";
import type { LearningSource } from "../../src/core/learn/learning-source.js";
import type { PaperMatch } from "../../src/core/match-result.js";
import type { Paper } from "../../src/core/paper.js";
import type { Delivery, NewDelivery, Platform } from "../../src/core/ports.js";
import { plain, type Post } from "../../src/core/post.js";
import { makeArchivedPaper } from "../helpers/papers.js";

const DATE = "2026-01-06";
const match = (id: string, score: number): PaperMatch => ({ paper: makeArchivedPaper(id, DATE, { title: `Paper ${id}` }), topicIds: [1], terms: [], spans: [], score });
// Keyword order a > b > c > d (percentiles 1, ⅔, ⅓, 0); the model likes c most, then d, and is sure the
// channel does not want a (percentiles a 0, b ⅓, c 1, d ⅔). Combined: c ⅔, a ½, b ½, d ⅓.
const MATCHES = [match("a", 400), match("b", 300), match("c", 200), match("d", 100)];
const PROBABILITIES: Record<string, number> = { a: 0.05, b: 0.4, c: 0.9, d: 0.7 };
const model = { score: (paper: Paper) => PROBABILITIES[paper.id] ?? 0.5 };

function setup(learning: LearningSource | undefined, onEmpty: "skip" | "note" = "note", matches = MATCHES) {
  const claims: NewDelivery[] = [];
  const warnings: Array<Record<string, unknown>> = [];
  const deps: ClaimDeps = {
    store: {
      postedPapers: async () => new Set<string>(),
      listTopics: async () => [{ id: 1, channelId: "console:c", text: "t", createdAt: "2026-01-01T00:00:00.000Z" }],
      claimDelivery: async (input) => {
        claims.push(input);
        return { id: 1, channelId: input.channelId, slot: input.slot, state: "sending", digestDates: input.digestDates, paperIds: input.paperIds, messages: [], error: null, createdAt: "", updatedAt: "" } satisfies Delivery;
      },
    },
    lease: () => ({ owner: "test", until: "2026-01-06T10:00:00.000Z" }),
    log: { warn: (object) => void warnings.push(object) },
    ...(learning ? { learning } : {}),
  };
  const channel: Channel = { id: "console:c", ref: { platform: "console", workspace: "", channel: "c" }, settings: { ...DEFAULT_SETTINGS, onEmpty }, pausedReason: null, cursor: 1, lastSlot: null, createdAt: "2026-01-01T00:00:00.000Z" };
  const platform = { render: (post: Post) => [{ body: post, replyTo: null }] } as unknown as Platform;
  const matched: Matched = { byChannel: new Map([["console:c", matches]]), idsByDate: new Map([[DATE, new Set(MATCHES.map((m) => m.paper.id))]]) };
  const plan = { slot: "i:2", digests: [{ seq: 2, date: DATE, hash: "h", source: "s", paperCount: 4, ingestedAt: "" }], cursorTo: 2 };
  const claim = () => composeAndClaim(deps, channel, plan, matched, platform);
  const posted = () => claims[0]!.messages[0]!.body as Post;
  return { claim, claims, posted, warnings };
}

const source = (mode: "off" | "rank" | "filter", calls = { n: 0 }): LearningSource => ({
  trainings: 0,
  forChannel: async () => {
    calls.n++;
    return { mode, model: model as never, counts: { up: 5, down: 5 } };
  },
});

describe("claiming a delivery with the channel's learning", () => {
  it("claims the post in the model's order and records exactly the posted papers", async () => {
    const { claim, claims, posted } = setup(source("rank"));
    expect((await claim()).kind).toBe("claimed");
    expect(posted().cards.map((card) => card.paperId)).toEqual(["c", "a", "b", "d"]);
    expect(claims[0]!.paperIds).toEqual(["c", "a", "b", "d"]);
  });

  it("filter: held-back papers are neither posted nor reserved; the footer counts them", async () => {
    const { claim, claims, posted } = setup(source("filter"));
    await claim();
    expect(claims[0]!.paperIds).toEqual(["c", "b", "d"]);
    expect(posted().notes.map(plain)).toEqual([`1 paper held back by this channel's votes — /papers digest ${DATE} all`]);
  });

  it("everything held back still posts the footer, even with on-empty skip", async () => {
    const allUnwanted: LearningSource = { trainings: 0, forChannel: async () => ({ mode: "filter", model: { score: () => 0.01 } as never, counts: { up: 5, down: 5 } }) };
    const { claim, claims, posted } = setup(allUnwanted, "skip");
    expect((await claim()).kind).toBe("claimed");
    expect(claims[0]!.paperIds).toEqual([]);
    expect(posted().notes.map(plain)).toContain(`4 papers held back by this channel's votes — /papers digest ${DATE} all`);
  });

  it("a model that cannot be had leaves the post in keyword order, with a warning", async () => {
    const failing: LearningSource = { trainings: 0, forChannel: async () => Promise.reject(new Error("store hiccup")) };
    const { claim, posted, warnings } = setup(failing);
    expect((await claim()).kind).toBe("claimed");
    expect(posted().cards.map((card) => card.paperId)).toEqual(["a", "b", "c", "d"]);
    expect(warnings).toEqual([{ channel: "console:c", err: "store hiccup" }]);
  });

  it("without learning the post keeps keyword order; with nothing matched the model is not asked", async () => {
    const keywordOnly = setup(undefined);
    await keywordOnly.claim();
    expect(keywordOnly.posted().cards.map((card) => card.paperId)).toEqual(["a", "b", "c", "d"]);
    const calls = { n: 0 };
    const empty = setup(source("rank", calls), "skip", []);
    expect((await empty.claim()).kind).toBe("skipped");
    expect(calls.n).toBe(0);
    await setup(source("rank", calls)).claim();
    expect(calls.n).toBe(1);
  });
});
