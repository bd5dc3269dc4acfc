/** Store contract: full-text candidates for a search plan. */
import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { paper, plan, term } from "./store-fixtures.js";

/** Every word a prefix, as the topic planner sends word forms. */
const forms = (text: string) => term(text, { prefix: true, prefixes: text.split(" ").map(() => true) });

const ids = async (store: Store, p: ReturnType<typeof plan>, limit = 50) => (await store.searchCandidates(p, limit)).map((x) => x.id);

export function searchContract(store: () => Store): void {
  describe("search", () => {
    beforeEach(async () => {
      await store().ingestDigest({
        date: "2026-01-05",
        hash: "a",
        source: "a.md",
        papers: [
          paper("old-title", { title: "Efficient KV Cache Compression", abstract: "We compress caches." }),
          paper("old-body", { title: "Serving systems", abstract: "A study of KV-caches in LLM serving.", categories: ["cs.DC", "cs.LG"] }),
          paper("cjk", {
            title: "Privacy at scale",
            tldr: "本文提出一种联邦学习框架，用于KV缓存压缩。",
            abstract: "Federated training.",
            authors: ["Song Han", "Li Wei"],
            categories: ["cs.CR"],
          }),
        ],
      });
      await store().ingestDigest({
        date: "2026-01-07",
        hash: "b",
        source: "b.md",
        papers: [
          paper("new-body", { title: "Attention kernels", abstract: "Paged attention keeps the KV cache in blocks.", method: "We use quantization." }),
          paper("new-title", { title: "Caching for LLMs", abstract: "Speculative decoding with a draft model.", authors: ["Hannah Li"], categories: ["cs.AR"] }),
          paper("unrelated", { title: "Graph coloring", abstract: "Déjà vu: a combinatorial result.", categories: ["math.CO"] }),
        ],
      });
    });

    it("finds phrases across word forms and separators", async () => {
      expect(new Set(await ids(store(), plan([forms("kv cache")])))).toEqual(new Set(["old-title", "old-body", "new-body"]));
      // Without prefixes a word matches only itself: "cache" is not "caches".
      expect(new Set(await ids(store(), plan([term("kv cache")])))).toEqual(new Set(["old-title", "new-body"]));
      expect(await ids(store(), plan([term("speculative decoding")]))).toEqual(["new-title"]);
      // Word order matters in a phrase.
      expect(await ids(store(), plan([term("decoding speculative")]))).toEqual([]);
    });

    it("ranks title hits first, then the most recent", async () => {
      expect(await ids(store(), plan([forms("kv cache")]))).toEqual(["old-title", "new-body", "old-body"]);
      expect(await ids(store(), plan([[term("cach", { prefix: true })]]))).toEqual(["new-title", "old-title", "new-body", "old-body"]);
    });

    it("matches a prefix in the last word", async () => {
      expect(new Set(await ids(store(), plan([term("quantiz", { prefix: true })])))).toEqual(new Set(["new-body"]));
      expect(await ids(store(), plan([term("llm", { prefix: false })]))).toEqual(["old-body"]);
      expect(new Set(await ids(store(), plan([term("llm", { prefix: true })])))).toEqual(new Set(["old-body", "new-title"]));
    });

    it("matches a prefix in any word of a phrase (per-word prefixes)", async () => {
      await store().ingestDigest({
        date: "2026-01-08",
        hash: "g",
        source: "g.md",
        papers: [
          paper("gen-1", { title: "Generative retrieval", abstract: "Generation studies of quality." }),
          paper("gen-2", { title: "General methods", abstract: "KV caching strategies." }),
        ],
      });
      expect(await ids(store(), plan([term("generat", { prefix: true })]))).toEqual(["gen-1"]);
      expect(await ids(store(), plan([term("generat stud", { prefix: true, prefixes: [true, true] })]))).toEqual(["gen-1"]);
      // Without per-word prefixes only the last word is a prefix: "generat" alone is not a word.
      expect(await ids(store(), plan([term("generat stud", { prefix: true })]))).toEqual([]);
      expect(new Set(await ids(store(), plan([term("kv cach strateg", { prefix: true, prefixes: [true, true, true] })])))).toEqual(new Set(["gen-2"]));
      expect(new Set(await ids(store(), plan([term("kv cach", { prefix: false, prefixes: [false, true] })])))).toEqual(
        new Set(["old-title", "old-body", "new-body", "gen-2"]),
      );
    });

    it("finds phrases with short function words in them", async () => {
      expect(await ids(store(), plan([forms("keeps the kv cache in blocks")]))).toEqual(["new-body"]);
      expect(await ids(store(), plan([forms("speculative decoding with a draft model")]))).toEqual(["new-title"]);
      expect(await ids(store(), plan([forms("for")]))).toEqual(["new-title"]);
    });

    it("finds every form of a prefix shared by very many words", async () => {
      const many = Array.from({ length: 80 }, (_, i) => paper(`z${i}`, { title: `Zeta${i} functions`, abstract: "Nothing." }));
      await store().ingestDigest({ date: "2026-01-09", hash: "z", source: "z.md", papers: many });
      expect(await ids(store(), plan([forms("zeta")]), 500)).toHaveLength(80);
      expect(await ids(store(), plan([forms("zeta function")]), 500)).toHaveLength(80);
      expect(await ids(store(), plan([forms("zeta17 function")]), 500)).toEqual(["z17"]);
    });

    it("restricts an alternative to one field", async () => {
      expect(await ids(store(), plan([term("kv cache", { field: "title" })]))).toEqual(["old-title"]);
      expect(await ids(store(), plan([term("quantization", { field: "method" })]))).toEqual(["new-body"]);
      expect(await ids(store(), plan([term("quantization", { field: "abstract" })]))).not.toContain("old-title");
    });

    it("combines groups (AND) and alternatives (OR)", async () => {
      expect(await ids(store(), plan([term("kv cache"), term("paged")]))).toEqual(["new-body"]);
      expect(new Set(await ids(store(), plan([[term("paged"), term("draft model")]])))).toEqual(new Set(["new-body", "new-title"]));
    });

    it("filters by category, exact or by prefix", async () => {
      expect(await ids(store(), plan([forms("kv cache")], { categories: ["cs.DC"] }))).toEqual(["old-body"]);
      expect(await ids(store(), plan([], { categories: ["cs.AR"] }))).toEqual(["new-title"]);
      expect(await ids(store(), plan([], { categories: ["CS.ar"] }))).toEqual(["new-title"]);
      expect(new Set(await ids(store(), plan([], { categories: ["cs.*"] })))).toEqual(
        new Set(["old-title", "old-body", "cjk", "new-body", "new-title"]),
      );
      expect(await ids(store(), plan([], { categories: ["math.*"] }))).toEqual(["unrelated"]);
      expect(new Set(await ids(store(), plan([], { categories: ["cs.AR", "cs.CR"] })))).toEqual(new Set(["new-title", "cjk"]));
    });

    it("requires every author word", async () => {
      expect(await ids(store(), plan([], { authorWords: ["song", "han"] }))).toEqual(["cjk"]);
      expect(new Set(await ids(store(), plan([], { authorWords: ["li"] })))).toEqual(new Set(["cjk", "new-title"]));
      expect(await ids(store(), plan([], { authorWords: ["hannah", "li"] }))).toEqual(["new-title"]);
      expect(await ids(store(), plan([], { authorWords: ["nobody"] }))).toEqual([]);
    });

    it("finds CJK terms as substrings, of any length", async () => {
      for (const text of ["联邦学习", "联邦", "学", "学习框架", "kv缓存", "缓存压缩"]) {
        expect(await ids(store(), plan([term(text, { cjk: true })])), text).toEqual(["cjk"]);
      }
      expect(await ids(store(), plan([term("联邦学习", { cjk: true, field: "tldr" })]))).toEqual(["cjk"]);
      expect(await ids(store(), plan([term("联邦学习", { cjk: true, field: "title" })]))).toEqual([]);
      expect(await ids(store(), plan([term("学习联邦", { cjk: true })]))).toEqual([]);
      // Synonyms across languages: either alternative.
      expect(new Set(await ids(store(), plan([[term("联邦学习", { cjk: true }), term("paged attention")]])))).toEqual(new Set(["cjk", "new-body"]));
    });

    it("folds diacritics", async () => {
      expect(await ids(store(), plan([term("deja vu")]))).toEqual(["unrelated"]);
    });

    it("honours the limit and returns the newest for an empty plan", async () => {
      expect(await ids(store(), plan([term("kv cache")]), 2)).toEqual(["old-title", "new-body"]);
      expect(await ids(store(), plan([]), 3)).toHaveLength(3);
      expect((await ids(store(), plan([]), 3)).every((id) => ["new-body", "new-title", "unrelated"].includes(id))).toBe(true);
      expect(await ids(store(), plan([term("kv cache")]), 0)).toEqual([]);
    });

    it("keeps the index current when a paper is merged again", async () => {
      await store().ingestDigest({
        date: "2026-01-08",
        hash: "c",
        source: "c.md",
        papers: [paper("old-body", { title: "Serving systems", abstract: "Now about mixture of experts." })],
      });
      expect(await ids(store(), plan([term("mixture of experts")]))).toEqual(["old-body"]);
      expect(new Set(await ids(store(), plan([term("kv cache")])))).toEqual(new Set(["old-title", "new-body"]));
      // Recency follows last_seen: the merged paper is now the newest.
      expect((await ids(store(), plan([term("serving")])))[0]).toBe("old-body");
      expect(await store().countPapers()).toBe(6);
    });
  });
}
