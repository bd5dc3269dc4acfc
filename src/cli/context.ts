/** Shared plumbing of the CLI commands: config from flags, logger, output, one-line errors. */
import { dirname, join, resolve } from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadConfig, type Config } from "../config.js";
import { isCalendarDate } from "../core/digest/date-from-file-name.js";
import { errorMessage, PaperboyError } from "../core/errors.js";
import { createLogger, type Logger } from "../log.js";

export interface GlobalOptions {
  db?: string;
  digests?: string;
  configDir?: string;
  logLevel?: string;
}

/** The package root (where config/ and seeds/ live), from dist/src/cli/ or src/cli/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json")) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function resolveConfig(options: GlobalOptions, extraFlags: Record<string, unknown> = {}): Config {
  const flags: Record<string, unknown> = { ...extraFlags };
  if (options.db) flags.db = options.db;
  if (options.digests) flags.digests = options.digests;
  if (options.logLevel) flags.logLevel = options.logLevel;
  const configDir = options.configDir ? resolve(options.configDir) : existsSync("config/default.json") ? resolve("config") : join(packageRoot(), "config");
  return loadConfig({ env: process.env, configDir, flags });
}

/**
 * One-shot commands keep stderr for problems: routine `info` lines (migrations, ingests) would bury the
 * output. `start` logs at the configured level.
 */
export function cliLogger(config: Config, options: { service?: boolean } = {}): Logger {
  const level = !options.service && config.logLevel === "info" ? "warn" : config.logLevel;
  return createLogger({ level, pretty: Boolean(process.stderr.isTTY) });
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Exit codes (README "Exit codes"): 0 done, 1 runtime failure, 2 bad usage (arguments, values, configuration). */
export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** Runs a command body; any failure becomes one line on stderr and exit code 1 (2 for bad usage). */
export function action<A extends unknown[]>(body: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      const code = error instanceof PaperboyError ? error.code : "error";
      process.stderr.write(`paperboy: ${errorMessage(error)}${code === "error" ? "" : ` (${code})`}\n`);
      process.exitCode = error instanceof PaperboyError && (error.code.startsWith("usage") || error.code === "invalid_config") ? EXIT_USAGE : EXIT_RUNTIME;
    }
  };
}

/** A date given on the command line: a real calendar date, or one line saying what to type. */
export function checkDateOption(flag: string, value: string | undefined): void {
  if (value !== undefined && !isCalendarDate(value)) throw usageError(`${flag} must be a real date as YYYY-MM-DD (e.g. 2026-01-06), got '${value}'`);
}

export function usageError(message: string): PaperboyError {
  return new PaperboyError("usage", message);
}
