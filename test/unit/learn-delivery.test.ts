/** A channel's votes in what it receives: the post's order, `filter`'s footer, the `all` preview, and the model cache. */
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type ChannelSettings } from "../../src/core/channel.js";
import { composeDigestPost } from "../../src/core/compose.js";
import { feedbackReport } from "../../src/cli/feedback-command.js";
import { createLearningSource, type LearningStore } from "../../src/core/learn/learning-source.js";
import type { ChannelLearningInput } from "../../src/core/learn/channel-order.js";
import type { PaperMatch } from "../../src/core/match-result.js";
import type { ArchivedPaper, Paper } from "../../src/core/paper.js";
import type { DigestInfo } from "../../src/core/ports.js";
import { plain } from "../../src/core/post.js";
import type { Vote } from "../../src/core/vote.js";
import { renderConsolePost, type ConsoleBody } from "../../src/platforms/console/render.js";
import { makeArchivedPaper } from "../helpers/papers.js";
import { CORPUS, UNSEEN_DISSIMILAR, UNSEEN_SIMILAR, UNWANTED, votesOn, WANTED } from "./learn-fixtures.js";

const match = (id: string, score: number): PaperMatch => ({ paper: makeArchivedPaper(id, "2026-01-06", { title: `Paper ${id}` }), topicIds: [1], terms: [], spans: [], score });
/** A stand-in model: a fixed probability per paper id. */
const model = (probabilities: Record<string, number>) => ({ score: (paper: Paper) => probabilities[paper.id] ?? 0.5 });
// Keyword order a > b > c > d > e.
const MATCHES = [match("c", 300), match("a", 500), match("e", 100), match("b", 400), match("d", 200)];
// The votes like e and d, dislike a and b.
const LIKES = { a: 0.1, b: 0.2, c: 0.5, d: 0.8, e: 0.9 };
const settings = { maxPapers: 10, format: "compact" as const };
const compose = (learning: ChannelLearningInput | null, extra: { showHeldBack?: boolean; page?: number; dates?: string[] } = {}) =>
  composeDigestPost({ dates: extra.dates ?? ["2026-01-06"], topics: ["t"], matches: MATCHES, settings, learning, ...extra });
const cardIds = (learning: ChannelLearningInput | null, extra = {}) => compose(learning, extra).cards.map((card) => card.paperId);

describe("the channel's learning in its post", () => {
  it("keeps keyword order when the channel does not learn or has no model", () => {
    expect(cardIds(null)).toEqual(["a", "b", "c", "d", "e"]);
    expect(cardIds({ mode: "off", model: model(LIKES) })).toEqual(["a", "b", "c", "d", "e"]);
    expect(cardIds({ mode: "filter", model: null })).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("rank: reorders the cards the way the votes lean, posting every match", () => {
    // Keyword percentiles a 1, b ¾, c ½, d ¼, e 0; the model's a 0, b ¼, c ½, d 1, e ¾; combined = the mean:
    // d ⅝, then a, b, c ½ each (ties keep keyword order), e ⅜. d climbs from 4th to 1st.
    const leaning = compose({ mode: "rank", model: model({ a: 0.1, b: 0.2, c: 0.3, d: 0.95, e: 0.9 }) });
    expect(leaning.cards.map((card) => card.paperId)).toEqual(["d", "a", "b", "c", "e"]);
    expect(leaning.header.count).toBe(5);
    expect(leaning.notes).toEqual([]);
  });

  it("filter: holds back what the model is confident the channel does not want, and says so in the footer", () => {
    const post = compose({ mode: "filter", model: model(LIKES) });
    expect(post.cards.map((card) => card.paperId)).not.toContain("a");
    expect(post.cards.map((card) => card.paperId)).not.toContain("b");
    expect(post.cards).toHaveLength(3);
    expect(post.header.count).toBe(3);
    expect(post.notes.map(plain)).toEqual(["2 papers held back by this channel's votes — /papers digest 2026-01-06 all"]);
    // Every renderer shows notes: the console's text has the footer as it is.
    const consoleText = renderConsolePost(post).map((message) => JSON.stringify(message.body as ConsoleBody)).join("\n");
    expect(consoleText).toContain("2 papers held back by this channel's votes");
  });

  it("filter over several dates names each date's preview; everything held back still explains itself", () => {
    const post = compose({ mode: "filter", model: model({ a: 0.1, b: 0.1, c: 0.1, d: 0.1, e: 0.1 }) }, { dates: ["2026-01-05", "2026-01-06"] });
    expect(post.cards).toEqual([]);
    expect(post.notes.map(plain)).toEqual([
      "No paper left after this channel's votes.",
      "5 papers held back by this channel's votes — /papers digest 2026-01-05 all, /papers digest 2026-01-06 all",
    ]);
  });

  it("the `all` preview lists held-back papers too, marked, and pages with `all`", () => {
    const post = compose({ mode: "filter", model: model(LIKES) }, { showHeldBack: true, page: 1 });
    expect(post.cards.map((card) => card.paperId)).toEqual(cardIds({ mode: "rank", model: model(LIKES) }));
    const marked = post.cards.filter((card) => card.extra.some((line) => plain(line).startsWith("Held back by this channel's votes")));
    expect(marked.map((card) => card.paperId).sort()).toEqual(["a", "b"]);
    expect(plain(marked.find((card) => card.paperId === "a")!.extra.at(-1)!)).toBe("Held back by this channel's votes (the model gives it 10%).");
    expect(post.notes).toEqual([]);
    const many = composeDigestPost({
      dates: ["2026-01-06"],
      topics: ["t"],
      matches: Array.from({ length: 12 }, (_, i) => match(`p${i}`, i)),
      settings,
      learning: { mode: "filter", model: model({ p0: 0.01 }) },
      showHeldBack: true,
      page: 1,
    });
    expect(many.pager?.command).toBe("/papers digest 2026-01-06 all");
  });
});

/** A store holding the learning fixtures' papers in one digest, with votes a test changes. */
function fakeStore(votes: Vote[], olderPapers: ArchivedPaper[] = []) {
  const reads = { papers: 0, digests: 0 };
  const digest: DigestInfo = { seq: 1, date: "2026-01-06", hash: "h", source: "s", paperCount: CORPUS.length, ingestedAt: "2026-01-06T08:00:00.000Z" };
  const store: LearningStore & { failNext: boolean } = {
    failNext: false,
    channelVotes: async () => [...votes],
    getPapers: async (ids: string[]) => {
      reads.papers++;
      if (store.failNext) {
        store.failNext = false;
        throw new Error("store hiccup");
      }
      return [...CORPUS, ...olderPapers].filter((paper) => ids.includes(paper.id));
    },
    listDigests: async () => [digest],
    latestDigest: async () => digest,
    digestPapers: async (): Promise<ArchivedPaper[]> => {
      reads.digests++;
      return CORPUS;
    },
  };
  return { store, reads, digest };
}
const channel = (learn: ChannelSettings["learn"]) => ({ id: "console:c", settings: { ...DEFAULT_SETTINGS, learn } });

describe("the per-channel model cache", () => {
  it("trains once for the same votes, again only when a vote arrives or changes", async () => {
    const votes = [...votesOn(WANTED, "up"), ...votesOn(UNWANTED, "down")];
    const { store } = fakeStore(votes);
    const source = createLearningSource(store);
    const first = await source.forChannel(channel("auto"));
    expect(first.mode).toBe("rank");
    expect(first.counts).toEqual({ up: 5, down: 5 });
    expect(first.model!.score(UNSEEN_SIMILAR)).toBeGreaterThan(first.model!.score(UNSEEN_DISSIMILAR));
    await source.forChannel(channel("auto"));
    await source.forChannel(channel("filter"));
    expect(source.trainings).toBe(1);
    votes.push({ paperId: UNSEEN_DISSIMILAR.id, userId: "U2", value: "down", at: "2026-01-06T11:00:00.000Z" });
    const second = await source.forChannel(channel("auto"));
    expect(source.trainings).toBe(2);
    expect(second.model).not.toBe(first.model);
    // A changed vote (same number of votes) is news too.
    votes[0] = { ...votes[0]!, value: "down", at: "2026-01-06T12:00:00.000Z" };
    await source.forChannel(channel("rank"));
    expect(source.trainings).toBe(3);
  });

  it("counts the archive once for every channel, again only when a digest arrives, and then moves models without training", async () => {
    const { store, reads, digest } = fakeStore([...votesOn(WANTED, "up"), ...votesOn(UNWANTED, "down")]);
    const source = createLearningSource(store);
    const first = (await source.forChannel(channel("rank"))).model!;
    await source.forChannel({ ...channel("rank"), id: "console:other" });
    expect(source.trainings).toBe(2);
    expect(reads.digests).toBe(1);
    digest.seq = 2;
    const moved = (await source.forChannel(channel("rank"))).model!;
    await source.forChannel({ ...channel("rank"), id: "console:other" });
    expect(reads.digests).toBe(2);
    expect(source.trainings).toBe(2);
    expect(moved).not.toBe(first);
    expect(moved.weights).toBe(first.weights);
    expect(moved.score(UNSEEN_SIMILAR)).toBeCloseTo(first.score(UNSEEN_SIMILAR), 10);
  });

  it("trains nothing for a channel that does not learn, nor before auto has enough votes", async () => {
    const { store, reads } = fakeStore([...votesOn(WANTED, "up"), ...votesOn(UNWANTED.slice(0, 4), "down")]);
    const source = createLearningSource(store);
    expect(await source.forChannel(channel("auto"))).toMatchObject({ mode: "off", model: null, counts: { up: 5, down: 4 } });
    expect(await source.forChannel(channel("off"))).toMatchObject({ mode: "off", model: null });
    expect(source.trainings).toBe(0);
    expect(reads.papers).toBe(0);
    // `filter` before enough votes only ranks, with a model.
    expect((await source.forChannel(channel("filter"))).mode).toBe("rank");
    expect(source.trainings).toBe(1);
  });

  it("does not keep a failed training: the next call trains again", async () => {
    const { store } = fakeStore([...votesOn(WANTED, "up"), ...votesOn(UNWANTED, "down")]);
    const source = createLearningSource(store);
    store.failNext = true;
    await expect(source.forChannel(channel("rank"))).rejects.toThrow("store hiccup");
    expect((await source.forChannel(channel("rank"))).model).not.toBeNull();
  });

  it("keeps at most maxChannels models, dropping the least recently used; a dropped channel retrains on demand", async () => {
    const { store } = fakeStore([...votesOn(WANTED, "up"), ...votesOn(UNWANTED, "down")]);
    const source = createLearningSource(store, { maxChannels: 2 });
    const at = (id: string) => source.forChannel({ ...channel("rank"), id });
    await at("console:a");
    await at("console:b");
    await at("console:a"); // a is now the most recently used
    expect(source.trainings).toBe(2);
    await at("console:c"); // over the cap: b goes
    expect(source.trainings).toBe(3);
    await at("console:a");
    await at("console:c");
    expect(source.trainings).toBe(3);
    expect((await at("console:b")).model).not.toBeNull();
    expect(source.trainings).toBe(4);
  });
});

describe("paperboy feedback's model", () => {
  // Voted on, but older than the digests the vocabulary counts: a second way of counting would differ here.
  const older = makeArchivedPaper("2512.00041", "2025-12-01", {
    title: "Speculative decoding for speech recognition with draft acoustic models",
    abstract: "A small draft model proposes transcript tokens that a large speech recognizer verifies; speculative decoding halves latency.",
  });

  it("is the model delivery uses: the same terms, from the same cache, without training again", async () => {
    const { store } = fakeStore([...votesOn([...WANTED, older], "up"), ...votesOn(UNWANTED, "down")], [older]);
    const delivery = createLearningSource(store);
    const used = (await delivery.forChannel(channel("rank"))).model!;
    const report = await feedbackReport(store, delivery, channel("rank"));
    expect(delivery.trainings).toBe(1);
    expect(report.model).toEqual({ ...used.trainedOn, ...used.topTerms(10) });
    expect(report.papers.find((paper) => paper.id === older.id)?.title).toBe(older.title);
    // The CLI is another process: a fresh source trains the same model from the same votes.
    const cli = await feedbackReport(store, createLearningSource(store), channel("off"));
    expect(cli.model).toEqual(report.model);
    expect(cli.learn).toEqual({ setting: "off", effective: "off" });
  });
});
