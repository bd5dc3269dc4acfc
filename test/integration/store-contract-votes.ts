/** Store contract: votes — one per person per paper per channel, changeable, counted per channel. */
import { describe, expect, it } from "vitest";
import { isPaperboyError } from "../../src/core/errors.js";
import type { Store } from "../../src/core/ports.js";
import type { NewVote, VoteValue } from "../../src/core/vote.js";
import { DISCORD, SLACK, settings } from "./store-fixtures.js";

const vote = (paperId: string, userId: string, value: VoteValue, channelId = "slack:T1/C1"): NewVote => ({ channelId, paperId, userId, value });

export function votesContract(store: () => Store): void {
  describe("votes", () => {
    it("records votes and returns the channel's totals after each one", async () => {
      await store().ensureChannel(SLACK, settings());
      expect(await store().voteCounts("slack:T1/C1")).toEqual({ up: 0, down: 0 });
      expect(await store().recordVote(vote("2601.00001", "U1", "up"))).toEqual({ up: 1, down: 0 });
      expect(await store().recordVote(vote("2601.00001", "U2", "up"))).toEqual({ up: 2, down: 0 });
      expect(await store().recordVote(vote("2601.00002", "U1", "down"))).toEqual({ up: 2, down: 1 });
      expect(await store().voteCounts("slack:T1/C1")).toEqual({ up: 2, down: 1 });
    });

    it("keeps one vote per person per paper: voting again changes it", async () => {
      await store().ensureChannel(SLACK, settings());
      await store().recordVote(vote("2601.00001", "U1", "up"));
      expect(await store().recordVote(vote("2601.00001", "U1", "up"))).toEqual({ up: 1, down: 0 });
      expect(await store().recordVote(vote("2601.00001", "U1", "down"))).toEqual({ up: 0, down: 1 });
      const votes = await store().channelVotes("slack:T1/C1");
      expect(votes).toHaveLength(1);
      expect(votes[0]).toMatchObject({ paperId: "2601.00001", userId: "U1", value: "down" });
      expect(votes[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it("lists a channel's votes with paper, person and value; other channels keep theirs apart", async () => {
      await store().ensureChannel(SLACK, settings());
      await store().ensureChannel(DISCORD, settings());
      await store().recordVote(vote("2601.00002", "U2", "down"));
      await store().recordVote(vote("2601.00001", "U1", "up"));
      await store().recordVote(vote("2601.00001", "U1", "down", "discord:G1/42"));
      const votes = await store().channelVotes("slack:T1/C1");
      expect(votes.map(({ paperId, userId, value }) => ({ paperId, userId, value })).sort((a, b) => a.paperId.localeCompare(b.paperId))).toEqual([
        { paperId: "2601.00001", userId: "U1", value: "up" },
        { paperId: "2601.00002", userId: "U2", value: "down" },
      ]);
      expect(await store().voteCounts("discord:G1/42")).toEqual({ up: 0, down: 1 });
      expect(await store().channelVotes("slack:T9/C9")).toEqual([]);
    });

    it("refuses a vote in an unknown channel and a value other than up or down, with coded errors", async () => {
      const unknown = await store().recordVote(vote("2601.00001", "U1", "up")).catch((e: unknown) => e);
      expect(isPaperboyError(unknown) && unknown.code).toBe("store.unknown_channel");
      await store().ensureChannel(SLACK, settings());
      const bad = await store().recordVote(vote("2601.00001", "U1", "sideways" as VoteValue)).catch((e: unknown) => e);
      expect(isPaperboyError(bad) && bad.code).toBe("store.bad_vote");
      expect(await store().voteCounts("slack:T1/C1")).toEqual({ up: 0, down: 0 });
    });

    it("forgets a channel's votes with the channel", async () => {
      await store().ensureChannel(SLACK, settings());
      await store().recordVote(vote("2601.00001", "U1", "up"));
      await store().deleteChannel("slack:T1/C1");
      await store().ensureChannel(SLACK, settings());
      expect(await store().channelVotes("slack:T1/C1")).toEqual([]);
    });
  });
}
