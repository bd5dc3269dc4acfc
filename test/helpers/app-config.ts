/** The configuration the end-to-end suites run the real app with: a temp folder, a copy of the seeds. */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger, silentLogger, type Logger } from "../../src/log.js";
import { ROOT } from "./cli.js";

/** A fresh temp folder with the seeds in `digests/`, a SQLite file, no console channels, no watching. */
export function appTestConfig(prefix: string, flags: Record<string, unknown>): { dir: string; config: Config } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(ROOT, "seeds"), join(dir, "digests"), { recursive: true });
  const config = loadConfig({
    env: {},
    configDir: join(ROOT, "config"),
    flags: {
      db: `sqlite:${join(dir, "paperboy.db")}`,
      digests: join(dir, "digests"),
      port: 0,
      logLevel: "silent",
      console: { enabled: false, channels: [] },
      sources: { watch: false },
      ...flags,
    },
  });
  return { dir, config };
}

/** PAPERBOY_TEST_LOG=debug shows the app's logs when a test needs explaining. */
export function testLogger(): Logger {
  const level = process.env["PAPERBOY_TEST_LOG"];
  return level ? createLogger({ level, pretty: false }) : silentLogger();
}
