import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { enabledPlatforms, loadConfig } from "../../src/config.js";
import { PaperboyError } from "../../src/core/errors.js";

const configDir = join(import.meta.dirname, "../../config");

describe("config", () => {
  it("runs the demo with no configuration: sqlite default, seeds, console channels on", () => {
    const config = loadConfig({ env: {}, configDir });
    expect(config.db).toBe("sqlite:./data/paperboy.db");
    expect(config.digests).toBe("./seeds");
    expect(config.console.channels.length).toBeGreaterThanOrEqual(2);
    expect(enabledPlatforms(config)).toEqual({ slack: false, discord: false, console: true });
  });

  it("layers local.json, then the environment, then flags", () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-config-"));
    writeFileSync(join(dir, "default.json"), JSON.stringify({ db: "sqlite:a.db", digests: "./a", port: 1 }));
    writeFileSync(join(dir, "local.json"), JSON.stringify({ digests: "./b", port: 2 }));
    const config = loadConfig({ env: { PORT: "3", PAPERBOY_DIGESTS: "./c" }, configDir: dir, flags: { digests: "./d" } });
    expect(config.db).toBe("sqlite:a.db");
    expect(config.port).toBe(3);
    expect(config.digests).toBe("./d");
  });

  it("reports every problem at once, naming the variable", () => {
    let error: unknown;
    try {
      loadConfig({ env: { PAPERBOY_DB: "mysql://x", PORT: "http", SLACK_API_URL: "not a url" }, configDir });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PaperboyError);
    const message = (error as PaperboyError).message;
    expect(message).toContain("PAPERBOY_DB");
    expect(message).toContain("PORT");
    expect(message).toContain("SLACK_API_URL");
  });

  it("turns platforms on from their tokens, and the console off unless asked", () => {
    const config = loadConfig({ env: { DISCORD_TOKEN: "x", SLACK_APP_TOKEN: "xapp-1", SLACK_BOT_TOKEN: "xoxb-1" }, configDir });
    expect(enabledPlatforms(config)).toEqual({ slack: true, discord: true, console: false });
    const both = loadConfig({ env: { DISCORD_TOKEN: "x" }, configDir, flags: { console: { enabled: true } } });
    expect(enabledPlatforms(both).console).toBe(true);
  });

  it("rejects a bad time zone in the channel defaults", () => {
    expect(() => loadConfig({ env: {}, configDir, flags: { defaults: { timezone: "Mars/Olympus" } } })).toThrow(/defaults.timezone/);
  });

  describe("problems name the setting, where it came from, and what to type", () => {
    const problemsOf = (files: { default?: unknown; local?: unknown }, env: Record<string, string> = {}): string[] => {
      const dir = mkdtempSync(join(tmpdir(), "paperboy-config-"));
      writeFileSync(join(dir, "default.json"), JSON.stringify(files.default ?? {}));
      if (files.local) writeFileSync(join(dir, "local.json"), JSON.stringify(files.local));
      try {
        loadConfig({ env, configDir: dir });
      } catch (error) {
        return ((error as PaperboyError).detail?.problems as string[]) ?? [];
      }
      return [];
    };

    it("rejects sqlite: with an empty path", () => {
      expect(problemsOf({}, { PAPERBOY_DB: "sqlite:" })).toEqual([expect.stringMatching(/^db \(PAPERBOY_DB\): expected sqlite:<path>/)]);
      expect(problemsOf({ default: { db: "sqlite:  " } })).toHaveLength(1);
    });

    it("reports an unknown key with its path, file and a did-you-mean", () => {
      const problems = problemsOf({ local: { defaults: { tiemzone: "Europe/Berlin" }, sourcez: {} } });
      expect(problems).toHaveLength(2);
      expect(problems).toContainEqual(expect.stringMatching(/^sourcez \(in .*local\.json\): unknown setting — did you mean 'sources'\?$/));
      expect(problems).toContainEqual(expect.stringMatching(/^defaults\.tiemzone \(in .*local\.json\): unknown setting — did you mean 'timezone'\?$/));
    });

    it("checks console channel topics with the topic syntax", () => {
      const problems = problemsOf({ default: { console: { channels: [{ name: "a", topics: ["kv cache", '"unclosed'] }] } } });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^console\.channels\.0\.topics\.1 \(in .*default\.json\): topic ""unclosed": unclosed quote/);
    });

    it("blames a bad port in local.json on the file, not on PORT, in plain words", () => {
      const problems = problemsOf({ local: { port: "abc" } });
      expect(problems).toEqual([expect.stringMatching(/^port \(in .*local\.json\): /)]);
      expect(problems[0]).not.toContain("PORT");
      expect(problems[0]).not.toMatch(/NaN/);
      expect(problemsOf({}, { PORT: "abc" })[0]).toMatch(/^port \(PORT\): expected a number$/);
    });
  });
});
