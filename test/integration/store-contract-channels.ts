/** Store contract: channels, settings, topics and the key/value state. */
import { describe, expect, it } from "vitest";
import { isPaperboyError } from "../../src/core/errors.js";
import type { Store } from "../../src/core/ports.js";
import { CONSOLE, DISCORD, SLACK, settings } from "./store-fixtures.js";

export function channelsContract(store: () => Store): void {
  describe("channels and topics", () => {
    it("creates a channel once and returns the existing one afterwards", async () => {
      const created = await store().ensureChannel(SLACK, settings({ time: "08:30" }));
      expect(created).toMatchObject({ id: "slack:T1/C1", ref: SLACK, pausedReason: null, cursor: 0, lastSlot: null });
      expect(created.settings).toEqual(settings({ time: "08:30" }));
      const again = await store().ensureChannel(SLACK, settings({ time: "23:00" }));
      expect(again).toEqual(created);
      expect(await store().getChannel("slack:T1/C1")).toEqual(created);
      expect(await store().getChannel("slack:T1/C2")).toBeNull();
    });

    it("lists channels, filtered by platform and workspace", async () => {
      await store().ensureChannel(SLACK, settings());
      await store().ensureChannel({ ...SLACK, workspace: "T2" }, settings());
      await store().ensureChannel(DISCORD, settings());
      await store().ensureChannel(CONSOLE, settings());
      expect((await store().listChannels()).map((c) => c.id)).toEqual(["console:demo", "discord:G1/42", "slack:T1/C1", "slack:T2/C1"]);
      expect((await store().listChannels({ platform: "slack" })).map((c) => c.id)).toEqual(["slack:T1/C1", "slack:T2/C1"]);
      expect((await store().listChannels({ platform: "slack", workspace: "T2" })).map((c) => c.id)).toEqual(["slack:T2/C1"]);
    });

    it("patches only the named settings and sets or clears the paused reason", async () => {
      await store().ensureChannel(SLACK, settings());
      const patched = await store().updateSettings("slack:T1/C1", { maxPapers: 25, format: "full" });
      expect(patched.settings).toEqual(settings({ maxPapers: 25, format: "full" }));
      const paused = await store().updateSettings("slack:T1/C1", { paused: true }, "channel_not_found");
      expect(paused.settings.paused).toBe(true);
      expect(paused.pausedReason).toBe("channel_not_found");
      const kept = await store().updateSettings("slack:T1/C1", { time: "07:00", timezone: "Asia/Shanghai", days: "weekdays", mode: "instant", onEmpty: "note" });
      expect(kept.pausedReason).toBe("channel_not_found");
      expect(kept.settings).toEqual({ ...settings(), time: "07:00", timezone: "Asia/Shanghai", days: "weekdays", mode: "instant", onEmpty: "note", maxPapers: 25, format: "full", paused: true });
      const resumed = await store().updateSettings("slack:T1/C1", { paused: false }, null);
      expect(resumed.pausedReason).toBeNull();
      expect(resumed.settings.paused).toBe(false);
    });

    it("keeps the reading settings (language, match, learn) apart from the others", async () => {
      const created = await store().ensureChannel(SLACK, settings());
      expect(created.settings).toMatchObject({ language: "both", match: "balanced", learn: "auto" });
      const patched = await store().updateSettings("slack:T1/C1", { language: "en", match: "strict", learn: "filter" });
      expect(patched.settings).toEqual(settings({ language: "en", match: "strict", learn: "filter" }));
      expect((await store().getChannel("slack:T1/C1"))!.settings).toEqual(patched.settings);
    });

    it("refuses to update an unknown channel with a coded error", async () => {
      const error = await store().updateSettings("slack:T9/C9", { maxPapers: 3 }).catch((e: unknown) => e);
      expect(isPaperboyError(error) && error.code).toBe("store.unknown_channel");
    });

    it("adds topics, skipping exact duplicates, and removes them by id", async () => {
      await store().ensureChannel(SLACK, settings());
      await store().ensureChannel(DISCORD, settings());
      const first = await store().addTopics("slack:T1/C1", ["kv cache", "moe", "kv cache"]);
      expect(first.map((t) => t.text)).toEqual(["kv cache", "moe"]);
      expect(first[0]).toMatchObject({ channelId: "slack:T1/C1" });
      expect(typeof first[0]!.id).toBe("number");
      const second = await store().addTopics("slack:T1/C1", ["moe", "cat:cs.AR", "MoE"]);
      expect(second.map((t) => t.text)).toEqual(["kv cache", "moe", "cat:cs.AR", "MoE"]);
      expect(second[0]).toEqual(first[0]);
      await store().addTopics("discord:G1/42", ["moe"]);
      expect((await store().listTopics("discord:G1/42")).map((t) => t.text)).toEqual(["moe"]);
      expect((await store().allTopics()).length).toBe(5);

      const moe = second.find((t) => t.text === "moe")!;
      const discordMoe = (await store().listTopics("discord:G1/42"))[0]!;
      // A topic id of another channel is not removed through this one.
      expect(await store().removeTopics("slack:T1/C1", [moe.id, discordMoe.id, 999_999])).toBe(1);
      expect((await store().listTopics("slack:T1/C1")).map((t) => t.text)).toEqual(["kv cache", "cat:cs.AR", "MoE"]);
      expect(await store().removeTopics("slack:T1/C1", [])).toBe(0);
      expect((await store().listTopics("discord:G1/42")).length).toBe(1);
    });

    it("refuses topics for an unknown channel", async () => {
      const error = await store().addTopics("slack:T9/C9", ["moe"]).catch((e: unknown) => e);
      expect(isPaperboyError(error) && error.code).toBe("store.unknown_channel");
    });

    it("deletes a channel with its topics", async () => {
      await store().ensureChannel(SLACK, settings());
      await store().addTopics("slack:T1/C1", ["moe"]);
      await store().deleteChannel("slack:T1/C1");
      expect(await store().getChannel("slack:T1/C1")).toBeNull();
      expect(await store().allTopics()).toEqual([]);
      await store().deleteChannel("slack:T1/C1");
    });

    it("keeps key/value state: set, overwrite, list by prefix, delete", async () => {
      expect(await store().getState("slack:installation:T1")).toBeNull();
      await store().setState("slack:installation:T1", '{"team":"T1"}');
      await store().setState("slack:installation:T1", '{"team":"T1","v":2}');
      await store().setState("slack:installation:T2", "two");
      await store().setState("slack_other", "x");
      await store().setState("discord:x", "y");
      expect(await store().getState("slack:installation:T1")).toBe('{"team":"T1","v":2}');
      expect(await store().listState("slack:installation:")).toEqual([
        { key: "slack:installation:T1", value: '{"team":"T1","v":2}' },
        { key: "slack:installation:T2", value: "two" },
      ]);
      expect((await store().listState("slack_")).map((e) => e.key)).toEqual(["slack_other"]);
      await store().setState("slack:installation:T2", null);
      expect(await store().getState("slack:installation:T2")).toBeNull();
      expect((await store().listState("")).length).toBe(3);
    });
  });
}
