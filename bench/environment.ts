/** Where the bench runs: repo root, temp dirs, and a one-line description of the machine. */
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, found from this file (bench/ under tsx, dist/bench/ when built). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("package.json not found above the bench");
    dir = parent;
  }
  return dir;
}

/** Kept between runs: the synthetic archive takes minutes to build. */
export function cacheDir(): string {
  const dir = join(tmpdir(), "paperboy-bench");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Fresh for each run: the ingest scenario's archive, topic files. */
export function runDir(): string {
  return mkdtempSync(join(tmpdir(), "paperboy-bench-run-"));
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model.trim() ?? "unknown CPU"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}
