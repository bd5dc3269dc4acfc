/** Runs `paperboy start` (the built CLI, or a test entry) as a real child process and waits on it. */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CLI, cleanEnv, ROOT, type CliResult, type Workspace } from "./cli.js";

/** The test entry (crash-entry.ts) that runs `start`/`deliver` with a fault hook killing the process at a step. */
export function crashEntry(crashAt: string): string[] {
  // tsx's loader by path: `--import tsx` would resolve from the child's working folder, a temp dir.
  const tsx = pathToFileURL(join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
  return ["--import", tsx, join(ROOT, "test", "helpers", "crash-entry.ts"), crashAt];
}

/** `paperboy deliver` through the crash entry: the process SIGKILLs itself at `crashAt` (`<step>:<n>`). */
export function deliverCrashingAt(ws: Workspace, crashAt: string): CliResult {
  const result = spawnSync(process.execPath, [...crashEntry(crashAt), "--config-dir", ws.configDir, "deliver"], {
    cwd: ws.dir,
    env: cleanEnv(),
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

export interface Service {
  child: ChildProcessWithoutNullStreams;
  /** Everything the process wrote so far (stdout and stderr). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM, then the exit; a process that is gone already just resolves. */
  stop(): Promise<void>;
}

export function startService(ws: Workspace, options: { env?: Record<string, string>; entry?: string[] } = {}): Service {
  const entry = options.entry ?? [CLI];
  const child = spawn(process.execPath, [...entry, "--config-dir", ws.configDir, "start"], { cwd: ws.dir, env: { ...cleanEnv(), PORT: "0", ...options.env } });
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return {
    child,
    output: () => out,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls `predicate` every `everyMs` for at most `ms`; returns its last value (bounded, no wall-clock assertion). */
export async function waitFor(predicate: () => boolean, ms: number, everyMs = 100): Promise<boolean> {
  for (let waited = 0; waited < ms && !predicate(); waited += everyMs) await new Promise((resolve) => setTimeout(resolve, everyMs));
  return predicate();
}

/** The text a console channel wrote to its output file ("" before its first post). */
export function fileText(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

/** Every message marker a console channel wrote to its file, in order. */
export function markersIn(path: string): string[] {
  return [...fileText(path).matchAll(/<!-- paperboy:(\S+) -->/g)].map((m) => m[1]!);
}
