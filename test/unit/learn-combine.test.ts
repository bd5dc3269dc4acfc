/** Keyword matches combined with the model (rank, filter), and what `learn: auto` means. */
import { describe, expect, it } from "vitest";
import { applyLearning, FILTER_THRESHOLD } from "../../src/core/learn/combine.js";
import { AUTO_MIN_VOTES_EACH, effectiveLearnMode } from "../../src/core/learn/learn-mode.js";
import type { PaperMatch } from "../../src/core/match-result.js";
import type { Paper } from "../../src/core/paper.js";
import { makeArchivedPaper } from "../helpers/papers.js";

const match = (id: string, score: number): PaperMatch => ({ paper: makeArchivedPaper(id, "2026-01-06"), topicIds: [1], terms: [], spans: [], score });
/** A stand-in model: a fixed probability per paper id. */
const model = (probabilities: Record<string, number>) => ({ score: (paper: Paper) => probabilities[paper.id] ?? 0.5 });
const ids = (list: Array<{ match: PaperMatch }>) => list.map((m) => m.match.paper.id);

// Keyword order: a, b (title hits) > c > d > e. Five matches: percentiles are quarters, sums exact.
const MATCHES = [match("d", 101), match("b", 10_100), match("a", 10_200), match("e", 100), match("c", 102)];

describe("combining keyword matches with the model", () => {
  it("off, or no model: keyword order, nothing held back", () => {
    expect(ids(applyLearning(MATCHES, "off", model({ e: 0.99 })).kept)).toEqual(["a", "b", "c", "d", "e"]);
    const none = applyLearning(MATCHES, "filter", null);
    expect(ids(none.kept)).toEqual(["a", "b", "c", "d", "e"]);
    expect(none.heldBack).toEqual([]);
    expect(none.kept.every((m) => m.probability === null)).toBe(true);
  });

  it("rank: blends keyword and model percentiles half and half, keyword order breaking ties", () => {
    // Keyword percentiles a=1, b=¾, c=½, d=¼, e=0; a mirrored model makes every blend ½: keyword order stays.
    const mirrored = applyLearning(MATCHES, "rank", model({ a: 0.1, b: 0.2, c: 0.3, d: 0.4, e: 0.5 }));
    expect(ids(mirrored.kept)).toEqual(["a", "b", "c", "d", "e"]);
    expect(mirrored.kept.map((m) => m.combined)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    // Model percentiles e=1, a=¾, b=½, c=¼, d=0 → a=⅞, b=⅝, e=½, c=⅜, d=⅛.
    const preferE = applyLearning(MATCHES, "rank", model({ a: 0.5, b: 0.4, c: 0.3, d: 0.2, e: 0.95 }));
    expect(ids(preferE.kept)).toEqual(["a", "b", "e", "c", "d"]);
    expect(preferE.kept.map((m) => m.combined)).toEqual([0.875, 0.625, 0.5, 0.375, 0.125]);
    expect(preferE.heldBack).toEqual([]);
    expect(preferE.kept.find((m) => m.match.paper.id === "e")!.probability).toBe(0.95);
    // Model percentiles c=1, a=¾, e=½, d=¼, b=0 → a=⅞, c=¾, b=⅜, d=¼, e=¼ (d before e: keyword order).
    const preferC = applyLearning(MATCHES, "rank", model({ a: 0.5, b: 0.1, c: 0.9, d: 0.2, e: 0.3 }));
    expect(ids(preferC.kept)).toEqual(["a", "c", "b", "d", "e"]);
  });

  it("filter: ranks the same way and holds back what the model is confident is unwanted", () => {
    const probabilities = { a: 0.9, b: FILTER_THRESHOLD - 0.01, c: FILTER_THRESHOLD, d: 0.05, e: 0.6 };
    const result = applyLearning(MATCHES, "filter", model(probabilities));
    expect(ids(result.kept)).toEqual(["a", "c", "e"]);
    expect(ids(result.heldBack)).toEqual(["b", "d"]);
    expect(ids(applyLearning(MATCHES, "filter", model(probabilities), { threshold: 0.5 }).kept)).toEqual(["a", "e"]);
    expect(applyLearning(MATCHES, "rank", model(probabilities)).heldBack).toEqual([]);
  });

  it("a single match keeps its place", () => {
    expect(ids(applyLearning([match("a", 5)], "rank", model({ a: 0.3 })).kept)).toEqual(["a"]);
  });
});

describe("effective learning mode", () => {
  it(`auto ranks once the channel has ${AUTO_MIN_VOTES_EACH} votes of each kind, and is off before`, () => {
    expect(AUTO_MIN_VOTES_EACH).toBe(5);
    expect(effectiveLearnMode("auto", { up: 5, down: 5 })).toBe("rank");
    expect(effectiveLearnMode("auto", { up: 40, down: 7 })).toBe("rank");
    expect(effectiveLearnMode("auto", { up: 4, down: 5 })).toBe("off");
    expect(effectiveLearnMode("auto", { up: 5, down: 4 })).toBe("off");
    expect(effectiveLearnMode("auto", { up: 0, down: 0 })).toBe("off");
  });

  it("off and rank are taken as set; filter only ranks until the same number of votes of each kind", () => {
    expect(effectiveLearnMode("off", { up: 50, down: 50 })).toBe("off");
    expect(effectiveLearnMode("rank", { up: 0, down: 0 })).toBe("rank");
    expect(effectiveLearnMode("filter", { up: 5, down: 5 })).toBe("filter");
    expect(effectiveLearnMode("filter", { up: 1, down: 23 })).toBe("rank");
    expect(effectiveLearnMode("filter", { up: 23, down: 4 })).toBe("rank");
  });
});
