/** Runs the built CLI (dist/) as a black box, building it first when missing. */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const CLI = join(ROOT, "dist/src/cli.js");
export const SEEDS = join(ROOT, "seeds");

export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
}

export interface Workspace {
  dir: string;
  seeds: string;
  db: string;
  configDir: string;
}

/** A temp folder with a copy of the seeds and a config dir holding `config` as default.json. */
export function workspace(config: Record<string, unknown> = {}, options: { seeds?: boolean } = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-test-"));
  const seeds = join(dir, "seeds");
  mkdirSync(seeds);
  if (options.seeds ?? true) cpSync(SEEDS, seeds, { recursive: true });
  const configDir = join(dir, "config");
  mkdirSync(configDir);
  const db = `sqlite:${join(dir, "data", "paperboy.db")}`;
  writeFileSync(join(configDir, "default.json"), JSON.stringify({ db, digests: seeds, logLevel: "warn", ...config }, null, 2));
  return { dir, seeds, db, configDir };
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(ws: Workspace | null, args: string[], env: Record<string, string> = {}): CliResult {
  const configArgs = ws ? ["--config-dir", ws.configDir] : [];
  const result = spawnSync(process.execPath, [CLI, ...configArgs, ...args], {
    cwd: ws?.dir ?? ROOT,
    env: { ...cleanEnv(), ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** runCli without blocking the event loop: for tests whose servers run in the test process. */
export function runCliAsync(ws: Workspace | null, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const configArgs = ws ? ["--config-dir", ws.configDir] : [];
  const child = spawn(process.execPath, [CLI, ...configArgs, ...args], { cwd: ws?.dir ?? ROOT, env: { ...cleanEnv(), ...env }, timeout: 60_000 });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })));
}

/** The parent's environment minus anything that would turn a real platform on. */
export function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^(SLACK_|DISCORD_|PAPERBOY_|PORT$)/.test(key)) continue;
    env[key] = value;
  }
  env.NO_COLOR = "1";
  return env;
}

export { spawn };
