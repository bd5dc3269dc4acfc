/** Store contract: ingesting digests, merging papers, reading the archive. */
import { describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { paper } from "./store-fixtures.js";

export function archiveContract(store: () => Store): void {
  describe("archive", () => {
    it("migrate is idempotent", async () => {
      await store().migrate();
      await store().migrate();
      expect(await store().countPapers()).toBe(0);
    });

    it("ingests a new digest and reads it back in digest order", async () => {
      const result = await store().ingestDigest({ date: "2026-01-05", hash: "h1", source: "a.md", papers: [paper("2601.00002"), paper("2601.00001")] });
      expect(result.outcome).toBe("new");
      expect(result.newPapers).toBe(2);
      expect(result.digest).toMatchObject({ date: "2026-01-05", hash: "h1", source: "a.md", paperCount: 2 });
      expect(result.digest.seq).toBeGreaterThan(0);
      expect(typeof result.digest.ingestedAt).toBe("string");
      expect((await store().digestPapers("2026-01-05")).map((p) => p.id)).toEqual(["2601.00002", "2601.00001"]);
      const stored = await store().getPaper("2601.00001");
      expect(stored).toEqual({ ...paper("2601.00001"), firstSeen: "2026-01-05", lastSeen: "2026-01-05" });
      expect(await store().getPaper("9999.99999")).toBeNull();
    });

    it("treats the same date and hash as unchanged and writes nothing", async () => {
      const first = await store().ingestDigest({ date: "2026-01-05", hash: "h1", source: "a.md", papers: [paper("1")] });
      const again = await store().ingestDigest({ date: "2026-01-05", hash: "h1", source: "b.md", papers: [paper("1"), paper("2")] });
      expect(again.outcome).toBe("unchanged");
      expect(again.newPapers).toBe(0);
      expect(again.digest).toEqual(first.digest);
      expect(await store().countPapers()).toBe(1);
      expect(await store().latestDigest()).toEqual(first.digest);
    });

    it("treats the same date with another hash as an update with a new seq", async () => {
      const first = await store().ingestDigest({ date: "2026-01-05", hash: "h1", source: "a.md", papers: [paper("1"), paper("2")] });
      const updated = await store().ingestDigest({ date: "2026-01-05", hash: "h2", source: "a.md", papers: [paper("3"), paper("1", { tldr: "fixed" })] });
      expect(updated.outcome).toBe("updated");
      expect(updated.newPapers).toBe(1);
      expect(updated.digest.seq).toBeGreaterThan(first.digest.seq);
      expect(updated.digest.paperCount).toBe(2);
      expect((await store().digestPapers("2026-01-05")).map((p) => p.id)).toEqual(["3", "1"]);
      expect((await store().getPaper("1"))?.tldr).toBe("fixed");
      expect(await store().listDigests(10)).toEqual([updated.digest]);
      expect(await store().digestsAfter(first.digest.seq)).toEqual([updated.digest]);
    });

    it("keeps one row per arXiv id, also for a paper twice in one file", async () => {
      const result = await store().ingestDigest({
        date: "2026-01-05",
        hash: "h",
        source: "a.md",
        papers: [paper("1"), paper("2"), paper("1", { tldr: "second copy" })],
      });
      expect(result.newPapers).toBe(2);
      expect(result.digest.paperCount).toBe(2);
      expect(await store().countPapers()).toBe(2);
      expect((await store().digestPapers("2026-01-05")).map((p) => p.id)).toEqual(["1", "2"]);
      expect((await store().getPaper("1"))?.tldr).toBe("second copy");
    });

    it("merges a paper seen again: first_seen kept, last_seen advanced, fields filled, richer categories kept", async () => {
      const jsonl = paper("1", { categories: ["cs.DC", "cs.LG"], codeUrl: "https://github.com/x/y", codeStars: 12, comment: "10 pages" });
      await store().ingestDigest({ date: "2026-01-05", hash: "a", source: "a.jsonl", papers: [jsonl] });
      const markdown = paper("1", { categories: ["cs.DC"], tldr: "新的摘要", abstract: null, title: "Paper 1 (v2)" });
      const result = await store().ingestDigest({ date: "2026-01-06", hash: "b", source: "b.md", papers: [markdown] });
      expect(result.newPapers).toBe(0);
      const merged = await store().getPaper("1");
      expect(merged).toMatchObject({
        title: "Paper 1 (v2)",
        categories: ["cs.DC", "cs.LG"],
        tldr: "新的摘要",
        abstract: "Abstract of 1.",
        codeUrl: "https://github.com/x/y",
        codeStars: 12,
        comment: "10 pages",
        firstSeen: "2026-01-05",
        lastSeen: "2026-01-06",
      });
      // An older digest ingested late widens first_seen but does not overwrite newer text.
      await store().ingestDigest({ date: "2026-01-01", hash: "c", source: "c.md", papers: [paper("1", { title: "Old title", method: "old method" })] });
      expect(await store().getPaper("1")).toMatchObject({ title: "Paper 1 (v2)", method: "old method", firstSeen: "2026-01-01", lastSeen: "2026-01-06" });
    });

    it("lists digests: latest, by date, after a seq (oldest first), newest dates first", async () => {
      expect(await store().latestDigest()).toBeNull();
      const a = (await store().ingestDigest({ date: "2026-01-05", hash: "a", source: "a", papers: [paper("1")] })).digest;
      const b = (await store().ingestDigest({ date: "2026-01-07", hash: "b", source: "b", papers: [paper("2")] })).digest;
      const c = (await store().ingestDigest({ date: "2026-01-06", hash: "c", source: "c", papers: [] })).digest;
      expect(await store().latestDigest()).toEqual(c);
      expect(await store().digestByDate("2026-01-07")).toEqual(b);
      expect(await store().digestByDate("2026-01-08")).toBeNull();
      expect(await store().digestsAfter(0)).toEqual([a, b, c]);
      expect(await store().digestsAfter(a.seq)).toEqual([b, c]);
      expect(await store().digestsAfter(c.seq)).toEqual([]);
      expect((await store().listDigests(2)).map((d) => d.date)).toEqual(["2026-01-07", "2026-01-06"]);
      expect(await store().digestPapers("2026-01-06")).toEqual([]);
    });

    it("gets papers in the order asked, leaving out unknown ids", async () => {
      await store().ingestDigest({ date: "2026-01-05", hash: "a", source: "a", papers: [paper("1"), paper("2"), paper("3")] });
      expect((await store().getPapers(["3", "x", "1"])).map((p) => p.id)).toEqual(["3", "1"]);
      expect(await store().getPapers([])).toEqual([]);
    });

    it("ingests a large digest in one go", async () => {
      const papers = Array.from({ length: 1500 }, (_, i) => paper(`2601.${String(i).padStart(5, "0")}`, { tldr: `要点 ${i}` }));
      const result = await store().ingestDigest({ date: "2026-01-05", hash: "big", source: "big.md", papers });
      expect(result.newPapers).toBe(1500);
      expect(await store().countPapers()).toBe(1500);
      expect((await store().digestPapers("2026-01-05")).at(-1)?.id).toBe("2601.01499");
    });
  });
}
