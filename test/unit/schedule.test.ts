import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, type ChannelSettings } from "../../src/core/channel.js";
import { dueScheduledSlot, latestSlot, localTime, nextPostTime, zonedInstant } from "../../src/core/schedule.js";

const settings = (patch: Partial<ChannelSettings>): ChannelSettings => ({ ...DEFAULT_SETTINGS, ...patch });
const at = (iso: string) => new Date(iso);

describe("schedule: local time and zones", () => {
  it.each([
    ["2026-01-06T08:30:00Z", "Europe/Berlin", "2026-01-06", 9 * 60 + 30],
    ["2026-07-06T08:30:00Z", "Europe/Berlin", "2026-07-06", 10 * 60 + 30],
    ["2026-01-06T03:00:00Z", "America/New_York", "2026-01-05", 22 * 60],
    ["2026-01-06T20:00:00Z", "Asia/Shanghai", "2026-01-07", 4 * 60],
  ])("%s in %s is %s at minute %i", (instant, zone, date, minutes) => {
    const local = localTime(at(instant), zone);
    expect(local.date).toBe(date);
    expect(local.minutes).toBe(minutes);
  });

  it("finds the UTC instant of a wall-clock time across DST", () => {
    expect(zonedInstant("2026-01-06", 9 * 60, "Europe/Berlin").toISOString()).toBe("2026-01-06T08:00:00.000Z");
    expect(zonedInstant("2026-07-06", 9 * 60, "Europe/Berlin").toISOString()).toBe("2026-07-06T07:00:00.000Z");
    expect(zonedInstant("2026-03-08", 9 * 60, "America/New_York").toISOString()).toBe("2026-03-08T13:00:00.000Z");
  });
});

describe("schedule: slots", () => {
  it("is not due before the post time, due after it, once per day", () => {
    const s = settings({ time: "09:00", timezone: "Europe/Berlin" });
    const created = at("2026-01-01T00:00:00Z");
    expect(dueScheduledSlot(s, at("2026-01-06T07:59:00Z"), "d:2026-01-05", created)).toBeNull();
    expect(dueScheduledSlot(s, at("2026-01-06T08:00:00Z"), "d:2026-01-05", created)).toBe("d:2026-01-06");
    expect(dueScheduledSlot(s, at("2026-01-06T15:00:00Z"), "d:2026-01-06", created)).toBeNull();
  });

  it("skips weekends for weekdays channels and catches up the latest missed slot", () => {
    const s = settings({ days: "weekdays" });
    // Sunday 2026-01-11 at 10:00 UTC: the latest weekday slot is Friday the 9th.
    expect(latestSlot(s, at("2026-01-11T10:00:00Z"))?.key).toBe("d:2026-01-09");
    expect(dueScheduledSlot(s, at("2026-01-11T10:00:00Z"), "d:2026-01-08", at("2026-01-01T00:00:00Z"))).toBe("d:2026-01-09");
    expect(nextPostTime(s, at("2026-01-10T10:00:00Z"))?.toISOString()).toBe("2026-01-12T09:00:00.000Z");
  });

  it("does not post a slot scheduled before the channel existed", () => {
    const s = settings({ time: "09:00" });
    expect(dueScheduledSlot(s, at("2026-01-06T15:00:00Z"), null, at("2026-01-06T14:00:00Z"))).toBeNull();
    expect(dueScheduledSlot(s, at("2026-01-07T09:00:00Z"), null, at("2026-01-06T14:00:00Z"))).toBe("d:2026-01-07");
  });

  it("has no next post time in instant mode", () => {
    expect(nextPostTime(settings({ mode: "instant" }), at("2026-01-06T10:00:00Z"))).toBeNull();
  });
});
