import { describe, expect, it } from "vitest";
import { composeDigestPost, highlight } from "../../src/core/compose.js";
import type { PaperMatch } from "../../src/core/match-result.js";
import type { ArchivedPaper } from "../../src/core/paper.js";
import { plain } from "../../src/core/post.js";
import { cardSummary, firstSentencesEnd, shortenAuthors } from "../../src/core/summary.js";
import { makeArchivedPaper } from "../helpers/papers.js";

function paper(id: string, patch: Partial<ArchivedPaper> = {}): ArchivedPaper {
  return makeArchivedPaper(id, "2026-01-06", {
    title: `Paper ${id}`,
    authors: ["Ada Lovelace", "Alan Turing"],
    categories: ["cs.DC"],
    tldr: "A short summary about KV caches.",
    motivation: "m",
    method: "me",
    result: "r",
    conclusion: "c",
    abstract: "First sentence. Second one.",
    ...patch,
  });
}

const match = (p: ArchivedPaper, score: number, patch: Partial<PaperMatch> = {}): PaperMatch => ({ paper: p, topicIds: [1], terms: ["KV caches"], spans: [], score, ...patch });

describe("compose: digest post", () => {
  it("ranks best first, caps at the channel's max and adds the overflow line", () => {
    const matches = [match(paper("1"), 1), match(paper("2"), 5), match(paper("3"), 3)];
    const post = composeDigestPost({ dates: ["2026-01-06"], topics: ["kv cache"], matches, settings: { maxPapers: 2, format: "compact" } });
    expect(post.cards.map((card) => card.paperId)).toEqual(["2", "3"]);
    expect(post.header.count).toBe(3);
    expect(post.header.topics).toEqual(["kv cache"]);
    expect(plain(post.overflow!)).toBe("…and 1 more: /papers digest 2026-01-06");
  });

  it("shortens authors after three with et al.", () => {
    expect(shortenAuthors(["A", "B", "C"])).toBe("A, B, C");
    expect(shortenAuthors(["A", "B", "C", "D"])).toBe("A, B, C et al.");
  });

  it("falls back to the abstract's first two sentences when the TL;DR is missing", () => {
    const p = paper("9", { tldr: null, abstract: "We study e.g. caches. They help a lot. A third sentence here." });
    expect(cardSummary(p)).toMatchObject({ field: "abstract", text: "We study e.g. caches. They help a lot. …" });
    expect(firstSentencesEnd("One. Two. Three.", 2)).toBe(9);
  });

  it("carries the four detail fields only in full format", () => {
    const compact = composeDigestPost({ dates: ["2026-01-06"], topics: [], matches: [match(paper("1"), 1)], settings: { maxPapers: 10, format: "compact" } });
    const full = composeDigestPost({ dates: ["2026-01-06"], topics: [], matches: [match(paper("1"), 1)], settings: { maxPapers: 10, format: "full" } });
    expect(compact.cards[0]!.details).toBeNull();
    expect(full.cards[0]!.details).toEqual({ motivation: "m", method: "me", result: "r", conclusion: "c" });
  });

  it("turns matched spans of the summary field into highlight spans", () => {
    const p = paper("1");
    const post = composeDigestPost({ dates: ["2026-01-06"], topics: ["kv cache"], matches: [match(p, 1, { spans: [{ field: "tldr", start: 22, end: 31 }, { field: "title", start: 0, end: 5 }] })], settings: { maxPapers: 10, format: "compact" } });
    const summary = post.cards[0]!.summary;
    expect(summary.filter((span) => span.kind === "highlight").map((span) => span.text)).toEqual(["KV caches"]);
    expect(plain(summary)).toBe(p.tldr);
  });

  it("merges overlapping highlight spans and clips out-of-range ones", () => {
    const rich = highlight("abcdefghij", [{ field: "x", start: 2, end: 5 }, { field: "x", start: 4, end: 7 }, { field: "x", start: 8, end: 40 }]);
    expect(rich.map((span) => [span.kind, span.text])).toEqual([["text", "ab"], ["highlight", "cde"], ["highlight", "fg"], ["text", "h"], ["highlight", "ij"]]);
  });
});
