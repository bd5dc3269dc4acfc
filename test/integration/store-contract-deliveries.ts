/** Store contract: claiming deliveries, the posted-paper ledger, resuming and finishing. */
import { beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports.js";
import { DISCORD, SLACK, delivery, settings } from "./store-fixtures.js";

const CH = "slack:T1/C1";

export function deliveriesContract(store: () => Store): void {
  describe("deliveries", () => {
    beforeEach(async () => {
      await store().ensureChannel(SLACK, settings());
      await store().ensureChannel(DISCORD, settings());
    });

    it("claims a slot once: the delivery, its messages, the cursor and the last slot", async () => {
      const claimed = await store().claimDelivery(delivery(CH, "2026-01-05T09:00", ["1", "2"], { cursorTo: 7 }));
      expect(claimed).toMatchObject({
        channelId: CH,
        slot: "2026-01-05T09:00",
        state: "sending",
        digestDates: ["2026-01-05"],
        paperIds: ["1", "2"],
        error: null,
      });
      expect(claimed!.messages).toEqual([
        { index: 0, body: { text: "post 2026-01-05T09:00" }, replyTo: null, state: "pending", ref: null },
        { index: 1, body: { text: "details", blocks: [{ type: "section" }] }, replyTo: 0, state: "pending", ref: null },
      ]);
      expect(await store().getChannel(CH)).toMatchObject({ cursor: 7, lastSlot: "2026-01-05T09:00" });
      expect(await store().claimDelivery(delivery(CH, "2026-01-05T09:00", ["3"], { cursorTo: 9 }))).toBeNull();
      expect(await store().getChannel(CH)).toMatchObject({ cursor: 7, lastSlot: "2026-01-05T09:00" });
      expect(await store().postedPapers(CH, ["1", "2", "3"])).toEqual(new Set(["1", "2"]));
    });

    it("leases an open delivery to one owner at a time; an expired lease can be taken over", async () => {
      const claimed = await store().claimDelivery({ ...delivery(CH, "lease-1", ["L1"]), lease: { owner: "a", until: "2999-01-01T00:00:00.000Z" } });
      expect(await store().leaseDelivery(claimed!.id, "b", "2999-01-01T00:00:00.000Z")).toBe(false);
      expect(await store().leaseDelivery(claimed!.id, "a", "2999-01-01T00:05:00.000Z")).toBe(true);
      const stale = await store().claimDelivery({ ...delivery(CH, "lease-2", ["L2"]), lease: { owner: "a", until: "2000-01-01T00:00:00.000Z" } });
      expect(await store().leaseDelivery(stale!.id, "b", "2999-01-01T00:00:00.000Z")).toBe(true);
      expect(await store().leaseDelivery(stale!.id, "a", "2999-01-01T00:00:00.000Z")).toBe(false);
      await store().finishDelivery(stale!.id, "sent", null);
      expect(await store().leaseDelivery(stale!.id, "b", "2999-01-01T00:00:00.000Z")).toBe(false);
    });

    it("refuses a claim carrying a paper already posted to the channel, writing nothing", async () => {
      await store().claimDelivery(delivery(CH, "slot-1", ["1", "2"], { cursorTo: 3 }));
      expect(await store().claimDelivery(delivery(CH, "slot-2", ["3", "2"], { cursorTo: 5 }))).toBeNull();
      expect(await store().getChannel(CH)).toMatchObject({ cursor: 3, lastSlot: "slot-1" });
      expect(await store().postedPapers(CH, ["1", "2", "3"])).toEqual(new Set(["1", "2"]));
      expect((await store().lastDelivery(CH))?.slot).toBe("slot-1");
      // The refused slot is still free: a corrected claim for it succeeds.
      expect(await store().claimDelivery(delivery(CH, "slot-2", ["3"], { cursorTo: 5 }))).not.toBeNull();
      // Another channel may get the same paper.
      expect(await store().claimDelivery(delivery("discord:G1/42", "slot-1", ["1", "2"]))).not.toBeNull();
    });

    it("never moves the cursor backwards", async () => {
      await store().claimDelivery(delivery(CH, "a", ["1"], { cursorTo: 5 }));
      await store().claimDelivery(delivery(CH, "b", ["2"], { cursorTo: 4 }));
      expect(await store().getChannel(CH)).toMatchObject({ cursor: 5, lastSlot: "b" });
    });

    it("records a skipped slot without messages or papers, and it is not unfinished", async () => {
      const skipped = await store().claimDelivery(delivery(CH, "empty", [], { state: "skipped", messages: [], cursorTo: 2 }));
      expect(skipped).toMatchObject({ state: "skipped", paperIds: [], messages: [] });
      expect(await store().unfinishedDeliveries()).toEqual([]);
      expect(await store().getChannel(CH)).toMatchObject({ cursor: 2, lastSlot: "empty" });
    });

    it("lists unfinished deliveries oldest first, with message progress", async () => {
      const a = await store().claimDelivery(delivery(CH, "a", ["1"]));
      const b = await store().claimDelivery(delivery("discord:G1/42", "a", ["1"]));
      await store().markMessage(a!.id, 0, "sending", null);
      await store().markMessage(a!.id, 0, "sent", "1736.0001");
      const unfinished = await store().unfinishedDeliveries();
      expect(unfinished.map((d) => d.id)).toEqual([a!.id, b!.id]);
      expect(unfinished[0]!.messages.map((m) => [m.state, m.ref])).toEqual([
        ["sent", "1736.0001"],
        ["pending", null],
      ]);
      await store().finishDelivery(a!.id, "sent", null);
      await store().finishDelivery(b!.id, "failed", "missing_access");
      expect(await store().unfinishedDeliveries()).toEqual([]);
      expect(await store().lastDelivery("discord:G1/42")).toMatchObject({ state: "failed", error: "missing_access" });
      expect(await store().lastDelivery(CH)).toMatchObject({ state: "sent", slot: "a" });
      // Papers of a failed delivery stay reserved: never risk posting them twice.
      expect(await store().postedPapers("discord:G1/42", ["1"])).toEqual(new Set(["1"]));
    });

    it("returns the channel's last delivery, or null", async () => {
      expect(await store().lastDelivery(CH)).toBeNull();
      await store().claimDelivery(delivery(CH, "a", ["1"]));
      await store().claimDelivery(delivery(CH, "b", ["2"]));
      expect((await store().lastDelivery(CH))?.slot).toBe("b");
    });

    it("refuses a claim for an unknown channel", async () => {
      await expect(store().claimDelivery(delivery("slack:T9/C9", "a", ["1"]))).rejects.toMatchObject({ code: "store.unknown_channel" });
    });

    it("forgets a deleted channel's ledger", async () => {
      await store().claimDelivery(delivery(CH, "a", ["1"]));
      await store().deleteChannel(CH);
      expect(await store().unfinishedDeliveries()).toEqual([]);
      expect(await store().postedPapers(CH, ["1"])).toEqual(new Set());
    });

    it("handles many papers in one claim", async () => {
      const ids = Array.from({ length: 2500 }, (_, i) => `p${i}`);
      expect(await store().claimDelivery(delivery(CH, "big", ids))).not.toBeNull();
      expect((await store().postedPapers(CH, ids)).size).toBe(2500);
      expect(await store().claimDelivery(delivery(CH, "big-2", ["new", "p2499"]))).toBeNull();
      expect(await store().postedPapers(CH, ["new"])).toEqual(new Set());
    });
  });
}

/** Two stores on one database race for the same work: exactly one claim wins each time. */
export function concurrencyContract(pair: () => [Store, Store]): void {
  describe("concurrency", () => {
    it("two instances racing for one slot: exactly one wins", async () => {
      const [a, b] = pair();
      await a.ensureChannel(SLACK, settings());
      for (let round = 0; round < 5; round++) {
        const slot = `race-${round}`;
        const claims = await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? a : b).claimDelivery(delivery(CH, slot, [`${slot}-paper`]))),
        );
        expect(claims.filter((c) => c !== null)).toHaveLength(1);
      }
      expect((await b.unfinishedDeliveries()).length).toBe(5);
    });

    it("two instances racing with the same paper in different slots: exactly one wins", async () => {
      const [a, b] = pair();
      await b.ensureChannel(SLACK, settings());
      const claims = await Promise.all([
        a.claimDelivery(delivery(CH, "slot-a", ["shared", "a-only"])),
        b.claimDelivery(delivery(CH, "slot-b", ["shared", "b-only"])),
        a.claimDelivery(delivery(CH, "slot-c", ["c-only", "shared"])),
      ]);
      expect(claims.filter((c) => c !== null)).toHaveLength(1);
      const winner = claims.find((c) => c !== null)!;
      expect(await a.postedPapers(CH, ["shared", "a-only", "b-only", "c-only"])).toEqual(new Set(winner.paperIds));
    });

    it("ingesting the same digest from two instances at once stores it once", async () => {
      const [a, b] = pair();
      const papers = [{ id: "1", title: "t", authors: [], categories: [], url: "u", tldr: null, motivation: null, method: null, result: null, conclusion: null, abstract: null }];
      const results = await Promise.all([
        a.ingestDigest({ date: "2026-01-05", hash: "h", source: "a", papers }),
        b.ingestDigest({ date: "2026-01-05", hash: "h", source: "b", papers }),
      ]);
      expect(results.map((r) => r.outcome).sort()).toEqual(["new", "unchanged"]);
      expect(await b.countPapers()).toBe(1);
    });
  });
}
