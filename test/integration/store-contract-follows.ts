/**
 * Store contract: personal destinations (a person's follows, `slack:T1/@U1`) are channels like any other —
 * stored and read back with their `@user` ref, listed with their workspace (so an uninstall pauses them),
 * with a ledger of their own, and the one-time notice kept in the key/value state.
 */
import { describe, expect, it } from "vitest";
import { personalRef } from "../../src/core/channel.js";
import type { Store } from "../../src/core/ports.js";
import { SLACK, delivery, settings } from "./store-fixtures.js";

export function followsContract(store: () => Store): void {
  describe("personal destinations", () => {
    const PERSONAL = personalRef(SLACK, "U1");

    it("stores a person's destination with its @user ref, listed with its workspace", async () => {
      const created = await store().ensureChannel(PERSONAL, settings({ time: "08:00", timezone: "Europe/Berlin" }));
      expect(created).toMatchObject({ id: "slack:T1/@U1", ref: { platform: "slack", workspace: "T1", channel: "@U1" } });
      expect(await store().getChannel("slack:T1/@U1")).toEqual(created);
      await store().ensureChannel(SLACK, settings());
      await store().ensureChannel(personalRef({ ...SLACK, workspace: "T2" }, "U1"), settings());
      expect((await store().listChannels({ platform: "slack", workspace: "T1" })).map((c) => c.id)).toEqual(["slack:T1/@U1", "slack:T1/C1"]);
    });

    it("keeps the person's ledger apart from the channel's: the same paper may reach both, each once", async () => {
      await store().ensureChannel(SLACK, settings());
      await store().ensureChannel(PERSONAL, settings());
      expect(await store().claimDelivery(delivery("slack:T1/C1", "s1", ["P1"]))).not.toBeNull();
      expect(await store().claimDelivery(delivery("slack:T1/@U1", "s1", ["P1"]))).not.toBeNull();
      expect(await store().claimDelivery(delivery("slack:T1/@U1", "s2", ["P1"]))).toBeNull();
      expect(await store().postedPapers("slack:T1/@U1", ["P1", "P2"])).toEqual(new Set(["P1"]));
    });

    it("remembers and forgets the notice given about a pause", async () => {
      const channel = await store().ensureChannel(PERSONAL, settings());
      await store().updateSettings(channel.id, { paused: true }, "dm_closed: Cannot send messages to this user (50007)");
      await store().setState(`follow-notice:${channel.id}`, "dm_closed: Cannot send messages to this user (50007)");
      expect(await store().getState("follow-notice:slack:T1/@U1")).toBe("dm_closed: Cannot send messages to this user (50007)");
      await store().setState(`follow-notice:${channel.id}`, null);
      expect(await store().getState("follow-notice:slack:T1/@U1")).toBeNull();
    });
  });
}
