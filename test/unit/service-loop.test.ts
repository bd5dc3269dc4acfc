import { describe, expect, it } from "vitest";
import type { DeliveryReport } from "../../src/core/delivery.js";
import { createServiceLoop } from "../../src/service-loop.js";

const empty: DeliveryReport = { delivered: 0, skipped: 0, failed: 0, pending: 0 };

function loopOver(archive: { seq: number }) {
  const rounds: string[] = [];
  const loop = createServiceLoop({
    poll: async () => rounds.push("poll"),
    runDue: async () => {
      rounds.push("deliver");
      return empty;
    },
    latestSeq: async () => archive.seq,
  });
  return { loop, rounds };
}

describe("the service loop", () => {
  it("delivers after a poll only when the archive has a digest not yet delivered against, whoever stored it", async () => {
    const archive = { seq: 0 };
    const { loop, rounds } = loopOver(archive);
    expect(await loop.pollAndDeliver()).toBeNull();
    archive.seq = 3; // stored by another instance or process
    expect(await loop.pollAndDeliver()).toEqual(empty);
    expect(await loop.pollAndDeliver()).toBeNull();
    expect(rounds).toEqual(["poll", "poll", "deliver", "poll"]);
  });

  it("a scheduled round counts: the poll after it does not deliver the same digest again", async () => {
    const archive = { seq: 2 };
    const { loop, rounds } = loopOver(archive);
    await loop.deliverDue();
    expect(await loop.pollAndDeliver()).toBeNull();
    expect(rounds).toEqual(["deliver", "poll"]);
  });

  it("runs queued rounds one at a time, in order, and keeps going after one fails", async () => {
    const { loop } = loopOver({ seq: 0 });
    const order: number[] = [];
    let active = 0;
    const job = (n: number, fail = false) => async () => {
      active += 1;
      expect(active).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(n);
      active -= 1;
      if (fail) throw new Error("round failed");
    };
    const results = await Promise.allSettled([loop.serial(job(1)), loop.serial(job(2, true)), loop.serial(job(3))]);
    await loop.idle();
    expect(order).toEqual([1, 2, 3]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
  });
});
