import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type Channel } from "../../src/core/channel.js";
import { planFor } from "../../src/core/delivery-plan.js";
import type { DigestInfo } from "../../src/core/ports.js";

function channel(createdAt: string, cursor = 0): Channel {
  return {
    id: "console:x",
    ref: { platform: "console", workspace: "", channel: "x" },
    settings: { ...DEFAULT_SETTINGS, mode: "instant" },
    pausedReason: null,
    cursor,
    lastSlot: null,
    createdAt,
  };
}

function digest(seq: number, date: string, ingestedAt: string): DigestInfo {
  return { seq, date, hash: `h${seq}`, source: `${date}.md`, paperCount: 1, ingestedAt };
}

const now = new Date("2026-01-07T00:00:00Z");

describe("planFor: a channel's first post", () => {
  it("brings only the newest of the digests the archive held when the channel was created", () => {
    const backlog = [digest(1, "2026-01-04", "2026-01-04T10:00:00Z"), digest(2, "2026-01-05", "2026-01-05T10:00:00Z")];
    const plan = planFor(channel("2026-01-06T00:00:00Z"), backlog, now);
    expect(plan?.digests.map((d) => d.date)).toEqual(["2026-01-05"]);
    expect(plan?.cursorTo).toBe(2);
  });

  it("brings every digest that arrived after the channel was created", () => {
    const arrived = [digest(1, "2026-01-05", "2026-01-06T10:00:00Z"), digest(2, "2026-01-06", "2026-01-06T10:00:00Z")];
    const plan = planFor(channel("2026-01-06T00:00:00Z"), arrived, now);
    expect(plan?.digests.map((d) => d.date)).toEqual(["2026-01-05", "2026-01-06"]);
  });

  it("a channel with deliveries behind it gets everything after its cursor", () => {
    const later = [digest(3, "2026-01-05", "2026-01-04T10:00:00Z"), digest(4, "2026-01-06", "2026-01-04T10:00:00Z")];
    expect(planFor(channel("2026-01-06T00:00:00Z", 2), later, now)?.digests.map((d) => d.seq)).toEqual([3, 4]);
  });
});
