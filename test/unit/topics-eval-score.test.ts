/** npm run eval scores exactly as ../shared/eval/score.py: ids normalized, precision 0 on empty predictions. */
import { describe, expect, it } from "vitest";
import { normId, scorePredictions } from "../../eval/score.js";
import { substringPredictions } from "../../eval/substring.js";

describe("eval scoring (score.py semantics)", () => {
  it.each([
    ["2602.03708v2", "2602.03708"],
    ["arXiv:2602.03708", "2602.03708"],
    ["https://arxiv.org/abs/2602.03708v1", "2602.03708"],
    ["https://arxiv.org/pdf/2602.03708.pdf", "2602.03708"],
  ])("normalizes %s", (raw, id) => expect(normId(raw)).toBe(id));

  it("per-query counts, micro pools counts, macro averages, a missing query predicts nothing", () => {
    const queries = [
      { query: "a", relevant: ["1", "2"] },
      { query: "b", relevant: ["3"] },
    ];
    const result = scorePredictions(queries, new Map([["a", ["1v2", "4"]]]));
    expect(result.perQuery[0]).toMatchObject({ tp: 1, fp: 1, fn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(result.perQuery[1]).toMatchObject({ predicted: 0, tp: 0, fn: 1, precision: 0, recall: 0, f1: 0 });
    expect(result.micro).toMatchObject({ tp: 1, fp: 1, fn: 2, precision: 0.5 });
    expect(result.micro.recall).toBeCloseTo(1 / 3);
    expect(result.macro.precision).toBeCloseTo(0.25);
  });

  it("the substring baseline searches title + TL;DR + abstract, case-insensitively", () => {
    const papers = [
      { id: "1", title: "Speculative Decoding", tldr: "", abstract: "" },
      { id: "2", title: "x", tldr: "", abstract: "no match", method: "speculative decoding" },
    ];
    expect(substringPredictions([{ query: "speculative decoding", relevant: [] }], papers).get("speculative decoding")).toEqual(["1"]);
  });
});
