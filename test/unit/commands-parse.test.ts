import { describe, expect, it } from "vitest";
import { parseCommandText } from "../../src/core/commands/handler.js";
import { parseArxivId } from "../../src/core/commands/lookup.js";
import { parseSchedule } from "../../src/core/commands/settings.js";

describe("command text", () => {
  it.each([
    ["/papers subscribe kv cache, moe", "subscribe", "kv cache, moe"],
    ["subscribe   kv cache", "subscribe", "kv cache"],
    ["", "help", ""],
    ["/papers", "help", ""],
    ["STATUS", "status", ""],
  ])("%j → %s(%j)", (input, name, args) => {
    expect(parseCommandText(input)).toEqual({ name, args });
  });
});

describe("arXiv ids from what people paste", () => {
  it.each([
    ["2512.09277", "2512.09277"],
    ["2512.09277v3", "2512.09277"],
    ["https://arxiv.org/abs/2512.09277", "2512.09277"],
    ["https://arxiv.org/pdf/2512.09277v1", "2512.09277"],
    ["arxiv.org/abs/2512.09277v2/", "2512.09277"],
    ["math/0601001", "math/0601001"],
    ["https://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001"],
    ["not an id", null],
    ["12345", null],
  ])("%s → %s", (input, id) => {
    expect(parseArxivId(input)).toBe(id);
  });
});

describe("schedule arguments", () => {
  it("reads a time, a zone and the days in any order", () => {
    expect(parseSchedule("08:30 Europe/Berlin weekdays")).toEqual({ ok: true, patch: { time: "08:30", timezone: "Europe/Berlin", days: "weekdays", mode: "digest" } });
    expect(parseSchedule("weekdays 7:05")).toEqual({ ok: true, patch: { time: "07:05", days: "weekdays", mode: "digest" } });
    expect(parseSchedule("instant")).toEqual({ ok: true, patch: { mode: "instant" } });
  });

  it.each([
    ["25:00", /not a time/],
    ["08:30 Mars/Base", /not a time zone/],
    ["", /Give a time/],
  ])("rejects %j with a reason", (input, reason) => {
    const parsed = parseSchedule(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(reason);
  });
});
