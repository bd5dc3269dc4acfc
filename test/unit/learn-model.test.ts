/** The per-channel relevance model: deterministic training, scores that generalize, explanations. */
import { describe, expect, it } from "vitest";
import { trainChannelModel, voteTargets } from "../../src/core/learn/channel-model.js";
import { trainLogistic } from "../../src/core/learn/logistic.js";
import { buildVocabulary } from "../../src/core/learn/tfidf.js";
import { makeArchivedPaper } from "../helpers/papers.js";
import { BACKGROUND, byId, CORPUS, UNSEEN_DISSIMILAR, UNSEEN_SIMILAR, UNWANTED, votesOn, WANTED } from "./learn-fixtures.js";

const vocabulary = buildVocabulary(CORPUS);
const votes = [...votesOn(WANTED, "up"), ...votesOn(UNWANTED, "down")];
const papers = byId([...WANTED, ...UNWANTED]);
const train = () => trainChannelModel({ votes, papers, vocabulary })!;

describe("relevance model", () => {
  it("trains deterministically: the same votes give the same weights and scores", () => {
    const first = train();
    const second = train();
    expect([...second.weights.weights]).toEqual([...first.weights.weights]);
    expect(second.weights.bias).toBe(first.weights.bias);
    expect(second.score(UNSEEN_SIMILAR)).toBe(first.score(UNSEEN_SIMILAR));
    expect(first.trainedOn).toEqual({ papers: 10, up: 5, down: 5 });
  });

  it("does not depend on the order the votes come in", () => {
    const reversed = trainChannelModel({ votes: [...votes].reverse(), papers, vocabulary })!;
    expect([...reversed.weights.weights]).toEqual([...train().weights.weights]);
  });

  it("fits its votes and scores an unseen similar paper above an unseen dissimilar one", () => {
    const model = train();
    for (const paper of WANTED) expect(model.score(paper)).toBeGreaterThan(0.7);
    for (const paper of UNWANTED) expect(model.score(paper)).toBeLessThan(0.3);
    expect(model.score(UNSEEN_SIMILAR)).toBeGreaterThan(0.5);
    expect(model.score(UNSEEN_DISSIMILAR)).toBeLessThan(0.5);
    for (const paper of BACKGROUND) expect(model.score(UNSEEN_SIMILAR)).toBeGreaterThan(model.score(paper));
  });

  it("explains a score by the paper's own terms, pushing up and down", () => {
    const model = train();
    const up = model.explain(UNSEEN_SIMILAR);
    expect(up.pushingUp.map((t) => t.term).join(" ")).toMatch(/speculative|draft/);
    expect(up.pushingUp.every((t) => t.weight > 0)).toBe(true);
    const down = model.explain(UNSEEN_DISSIMILAR);
    expect(down.pushingDown.map((t) => t.term).join(" ")).toMatch(/gaussian|splatting|scenes/);
    expect(down.pushingDown.every((t) => t.weight < 0)).toBe(true);
    // Only terms the paper has: nothing about splatting explains a decoding paper.
    expect(up.pushingDown.map((t) => t.term).join(" ")).not.toMatch(/gaussian|splatting/);
    expect(model.explain(UNSEEN_SIMILAR, 2).pushingUp).toHaveLength(2);
    // A paper with none of the voted papers' terms has nothing to explain.
    const unrelated = makeArchivedPaper("2601.00099", "2026-01-06", { title: "Lattice chromodynamics", abstract: "Quarks and gluons on a lattice." });
    expect(model.explain(unrelated)).toEqual({ pushingUp: [], pushingDown: [] });
  });

  it("lists its strongest terms overall as they read", () => {
    const top = train().topTerms(8);
    expect(top.pushingUp.map((t) => t.term)).toEqual(expect.arrayContaining([expect.stringMatching(/draft|speculative/)]));
    expect(top.pushingDown.map((t) => t.term)).toEqual(expect.arrayContaining([expect.stringMatching(/gaussian|splatting|scene/)]));
    expect(top.pushingUp.length).toBeLessThanOrEqual(8);
  });

  it("retrains incrementally from the previous weights when a vote arrives", () => {
    const previous = train();
    const before = previous.score(UNSEEN_DISSIMILAR);
    const more = [...votes, ...votesOn([UNSEEN_DISSIMILAR], "up")];
    const all = byId([...WANTED, ...UNWANTED, UNSEEN_DISSIMILAR]);
    const updated = trainChannelModel({ votes: more, papers: all, vocabulary, previous })!;
    expect(updated.score(UNSEEN_DISSIMILAR)).toBeGreaterThan(before);
    expect(trainChannelModel({ votes: more, papers: all, vocabulary, previous })!.weights).toEqual(updated.weights);
    expect(updated.trainedOn).toEqual({ papers: 11, up: 6, down: 5 });
  });

  it("takes each paper's share of 👍 as its target, and ignores votes on unknown papers", () => {
    const split = [...votesOn([WANTED[0]!], "up", "U1"), ...votesOn([WANTED[0]!], "down", "U2"), ...votesOn([WANTED[0]!], "up", "U3"), ...votesOn([UNWANTED[0]!], "down")];
    expect(voteTargets(split)).toEqual([
      { paperId: "2601.00001", target: 2 / 3 },
      { paperId: "2601.00011", target: 0 },
    ]);
    expect(trainChannelModel({ votes: votesOn(BACKGROUND, "up"), papers: byId(WANTED), vocabulary })).toBeNull();
    expect(trainChannelModel({ votes: [...votes, ...votesOn(BACKGROUND, "up")], papers, vocabulary })!.trainedOn).toEqual({ papers: 10, up: 5, down: 5 });
  });

  it("regularizes: a stronger L2 penalty keeps the weights smaller", () => {
    const examples = [...WANTED, ...UNWANTED].map((p, i) => ({ features: vocabulary.vector(p).values, target: i < WANTED.length ? 1 : 0 }));
    const norm = (l2: number) => Math.hypot(...trainLogistic(examples, { l2 }).weights.values());
    expect(norm(0.05)).toBeLessThan(norm(0.0001));
  });
});
