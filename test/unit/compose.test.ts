import { describe, expect, it } from "vitest";
import { composeDigestPost, highlight } from "../../src/core/compose.js";
import type { PaperMatch } from "../../src/core/match-result.js";
import type { ArchivedPaper } from "../../src/core/paper.js";
import { pagerLine, plain } from "../../src/core/post.js";
import { parseDigestArgs } from "../../src/core/commands/lookup.js";
import { renderConsolePost, type ConsoleBody } from "../../src/platforms/console/render.js";
import { renderDiscordPost } from "../../src/platforms/discord/render.js";
import { renderSlackPost, type SlackMessageBody } from "../../src/platforms/slack/render.js";
import { blockTexts } from "../e2e/fakes/slack-validate.js";
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

describe("compose: overflow that leads to every match", () => {
  const many = (count: number) => Array.from({ length: count }, (_, i) => match(paper(String(100 + i)), count - i));
  const compose = (count: number, extra: { maxPapers?: number; page?: number } = {}) =>
    composeDigestPost({ dates: ["2026-01-06"], topics: ["kv cache"], matches: many(count), settings: { maxPapers: extra.maxPapers ?? 10, format: "compact" }, ...(extra.page ? { page: extra.page } : {}) });

  it("points the post's overflow line at the preview page holding the first paper it left out", () => {
    expect(plain(compose(35).overflow!)).toBe("…and 25 more: /papers digest 2026-01-06 page 2");
    expect(plain(compose(35, { maxPapers: 5 }).overflow!)).toBe("…and 30 more: /papers digest 2026-01-06");
    expect(plain(compose(35, { maxPapers: 20 }).overflow!)).toBe("…and 15 more: /papers digest 2026-01-06 page 3");
    expect(compose(35).pager).toBeUndefined();
  });

  it("pages the preview 10 at a time, every match reachable, with a pager instead of an overflow line", () => {
    const all = new Set<string>();
    for (let page = 1; page <= 4; page += 1) {
      const post = compose(35, { page });
      expect(post.overflow).toBeNull();
      expect(post.pager).toEqual({ page, pages: 4, size: 10, command: "/papers digest 2026-01-06" });
      expect(post.header.count).toBe(35);
      for (const card of post.cards) all.add(card.paperId);
    }
    expect(all.size).toBe(35);
    expect(compose(35, { page: 2 }).cards.map((card) => card.paperId)).toEqual(Array.from({ length: 10 }, (_, i) => String(110 + i)));
    expect(plain(pagerLine(compose(35, { page: 2 }).pager!))).toBe("page 2 of 4 — /papers digest 2026-01-06 page 3");
    expect(plain(pagerLine(compose(35, { page: 4 }).pager!))).toBe("page 4 of 4 — first page: /papers digest 2026-01-06");
    expect(compose(8, { page: 1 }).pager).toBeUndefined();
  });

  it("reads `[date] [page N]` in either order and rejects anything else", () => {
    expect(parseDigestArgs("")).toEqual({ date: null, page: 1 });
    expect(parseDigestArgs("2026-01-06 page 3")).toEqual({ date: "2026-01-06", page: 3 });
    expect(parseDigestArgs("page 2")).toEqual({ date: null, page: 2 });
    expect(parseDigestArgs("PAGE 2 2026-01-06")).toEqual({ date: "2026-01-06", page: 2 });
    expect(parseDigestArgs("2026-01-06 3")).toEqual({ date: "2026-01-06", page: 3 });
    expect(parseDigestArgs("2026-01-06 all page 2")).toEqual({ date: "2026-01-06", page: 2, all: true });
    for (const bad of ["yesterday", "page", "page two", "page 0", "0", "2026-01-06 2026-01-07", "12345"]) expect(parseDigestArgs(bad), bad).toBeNull();
  });

  it("every renderer shows the pager line and numbers page 2 from 11", () => {
    const post = compose(35, { page: 2 });
    const slack = renderSlackPost(post).flatMap((message) => blockTexts((message.body as SlackMessageBody).blocks));
    expect(slack).toContain("page 2 of 4 — `/papers digest 2026-01-06 page 3`");
    const discord = JSON.stringify(renderDiscordPost(post).map((message) => message.body));
    expect(discord).toContain("page 2 of 4 — `/papers digest 2026-01-06 page 3`");
    const lines = (renderConsolePost(post)[0]!.body as ConsoleBody).lines.map((line) => line.map(([, value]) => value).join(""));
    expect(lines).toContain("page 2 of 4 — /papers digest 2026-01-06 page 3");
    expect(lines).toContain("11. Paper 110");
  });
});
