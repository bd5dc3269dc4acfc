/** `paperboy match "like:<id>" <digests>`: the built CLI compares with an example paper of the given digests. */
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli } from "../helpers/cli.js";

beforeAll(() => ensureBuilt(), 120_000);

const seed = (name: string) => join(ROOT, "seeds", name);

describe("paperboy match with like:", () => {
  it("prints the papers similar to the example, with the shared terms, never the example itself", () => {
    const result = runCli(null, ["match", "like:https://arxiv.org/abs/2512.09084v1", seed("2025-12-11.md"), seed("2026-01-06.md"), "--json"]);
    expect(result.status).toBe(0);
    const matches = JSON.parse(result.stdout) as Array<{ id: string; terms: string[] }>;
    expect(matches.map((m) => m.id)).toContain("2601.02310");
    expect(matches.map((m) => m.id)).not.toContain("2512.09084");
    expect(matches.find((m) => m.id === "2601.02310")!.terms[0]).toMatch(/^like 2512\.09084: .*kolmogorov/i);
  });

  it("refuses an example that is in none of the digests", () => {
    const result = runCli(null, ["match", "like:2512.09084 -survey", seed("2026-01-06.md")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("2512.09084: not in the given digests");
  });
});
