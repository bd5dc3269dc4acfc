/**
 * The running service (`paperboy start`, the built CLI) and instant channels: what arrives in the watched
 * folder reaches the channel, all of it.
 */
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli, workspace } from "../helpers/cli.js";
import { fileText, startService, waitFor } from "../helpers/service.js";

beforeAll(() => ensureBuilt(), 120_000);

/** arXiv ids of a digest file, as `paperboy parse --json` reads them. */
function idsOf(file: string): Set<string> {
  const parsed = JSON.parse(runCli(null, ["parse", file, "--json"]).stdout) as { papers: Array<{ id: string }> };
  return new Set(parsed.papers.map((paper) => paper.id));
}

describe("the service with an instant channel", () => {
  it("two digests of consecutive days dropped into the folder at once both reach the channel", async () => {
    const ws = workspace({}, { seeds: false });
    const output = join(ws.dir, "out.txt");
    const config = JSON.parse(readFileSync(join(ws.configDir, "default.json"), "utf8"));
    config.logLevel = "info";
    config.sources = { watch: true, folderPollSeconds: 5 };
    config.console = { enabled: true, channels: [{ name: "fl", topics: ["federated learning"], settings: { mode: "instant", maxPapers: 500 }, output }] };
    writeFileSync(join(ws.configDir, "default.json"), JSON.stringify(config));
    const service = startService(ws);
    try {
      expect(await waitFor(() => service.output().includes("paperboy is running"), 30_000), service.output()).toBe(true);
      // Two consecutive days: a bundled seed stands in for 2026-01-05.
      const older = join(ws.dir, "2026-01-05.md");
      writeFileSync(older, readFileSync(join(ROOT, "seeds", "2025-12-11.md"), "utf8"));
      copyFileSync(older, join(ws.seeds, "2026-01-05.md"));
      copyFileSync(join(ROOT, "seeds", "2026-01-06.md"), join(ws.seeds, "2026-01-06.md"));
      const newer = idsOf(join(ROOT, "seeds", "2026-01-06.md"));
      const onlyOlder = [...idsOf(older)].filter((id) => !newer.has(id));
      const posted = () => fileText(output);
      expect(await waitFor(() => posted().includes("2026-01-06"), 30_000), service.output()).toBe(true);
      // The older day's federated-learning papers are there too (not only the newer day's).
      const olderPosted = onlyOlder.filter((id) => posted().includes(`https://arxiv.org/abs/${id}`));
      expect(olderPosted.length, posted()).toBeGreaterThan(0);
      expect(posted()).toContain("2026-01-05");
    } finally {
      await service.stop();
    }
  }, 90_000);
});
