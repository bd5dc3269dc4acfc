import { describe, expect, it } from "vitest";
import type { PaperMatch } from "../../src/core/match-result.js";
import type { ArchivedPaper } from "../../src/core/paper.js";
import type { SearchPlan, Store } from "../../src/core/ports.js";
import { rankForSearch, searchArchive } from "../../src/core/search.js";
import { createTopicTools } from "../../src/core/topic-tools.js";
import { makeArchivedPaper } from "../helpers/papers.js";

function paper(id: string, title: string, lastSeen: string, abstract = "Nothing here."): ArchivedPaper {
  return makeArchivedPaper(id, lastSeen, { title, authors: ["A"], abstract });
}

const match = (p: ArchivedPaper, field: string, score = 1): PaperMatch => ({ paper: p, topicIds: [1], terms: [], spans: [{ field, start: 0, end: 1 }], score });

describe("search ranking", () => {
  it("puts title hits first, then the newest, whatever the body-hit score", () => {
    const ranked = rankForSearch([
      match(paper("1", "a", "2026-01-01"), "abstract", 500),
      match(paper("2", "b", "2025-01-01"), "title", 1),
      match(paper("3", "c", "2026-02-01"), "title", 1),
      match(paper("4", "d", "2026-03-01"), "tldr", 1),
    ]);
    expect(ranked.map((m) => m.paper.id)).toEqual(["3", "2", "4", "1"]);
  });

  it("verifies candidates in store order and stops once enough title hits are confirmed", async () => {
    const candidates = [
      paper("1", "Speculative decoding for all", "2026-01-05"),
      paper("2", "Unrelated title", "2026-01-06", "We use speculative decoding."),
      paper("3", "Faster speculative decoding", "2026-01-04"),
      paper("4", "Noise", "2026-01-07", "no match at all"),
      ...Array.from({ length: 60 }, (_, i) => paper(`x${i}`, `Speculative decoding ${i}`, "2025-01-01")),
    ];
    let asked = 0;
    const store = { searchCandidates: async (_plan: SearchPlan, limit: number) => ((asked = limit), candidates.slice(0, limit)) } as unknown as Store;
    const { matches, more } = await searchArchive(store, createTopicTools(), "speculative decoding", 2);
    expect(asked).toBeGreaterThanOrEqual(2);
    expect(matches.map((m) => m.paper.id)).toEqual(["1", "3"]);
    expect(more).toBe(true);
  });
});

describe("search: queries that cannot hit a title (author:, cat:, Chinese without an English synonym)", () => {
  it("stop at the first verified candidates, which the store already gives newest first", async () => {
    const candidates = Array.from({ length: 40 }, (_, i) => ({ ...paper(`c${i}`, `Paper ${i}`, `2026-01-${String(40 - i).padStart(2, "0")}`), authors: [i % 2 === 0 ? "Ada Lovelace" : "Alan Turing"] }));
    let verifiedUpTo = 0;
    const tools = createTopicTools();
    const counting = { ...tools, matchTopics: (topics: Parameters<typeof tools.matchTopics>[0], papers: ArchivedPaper[]) => ((verifiedUpTo += papers.length), tools.matchTopics(topics, papers)) };
    const store = { searchCandidates: async () => candidates } as unknown as Store;
    const { matches } = await searchArchive(store, counting, "author:lovelace", 3);
    expect(matches.map((m) => m.paper.id)).toEqual(["c0", "c2", "c4"]);
    expect(verifiedUpTo).toBeLessThan(candidates.length);
  });
});
