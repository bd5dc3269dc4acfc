/**
 * A folder of digests: every `*.md` / `*.jsonl` file, new or changed since the last poll. Watched with
 * chokidar (events arrive within a second), with a periodic poll as the fallback (network filesystems,
 * editors that replace files).
 */
import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { watch } from "chokidar";
import type { DigestFile, DigestSource } from "../core/ports.js";

const DIGEST_FILE = /\.(md|jsonl)$/i;

export function createFolderSource(folder: string): DigestSource {
  // file → what it looked like at the last poll; the size/mtime check spares re-reading unchanged files.
  const seen = new Map<string, { size: number; mtimeMs: number; hash: string }>();

  async function poll(): Promise<DigestFile[]> {
    const names = (await readdir(folder)).filter((name) => DIGEST_FILE.test(name)).sort();
    const changed: DigestFile[] = [];
    for (const name of names) {
      const path = join(folder, name);
      const info = await stat(path);
      if (!info.isFile()) continue;
      const before = seen.get(path);
      if (before && before.size === info.size && before.mtimeMs === info.mtimeMs) continue;
      const text = await readFile(path, "utf8");
      const hash = createHash("sha256").update(text).digest("hex");
      seen.set(path, { size: info.size, mtimeMs: info.mtimeMs, hash });
      if (before?.hash === hash) continue;
      changed.push({ name, source: path, text });
    }
    return changed;
  }

  function watchFolder(onChange: () => void): () => void {
    const watcher = watch(folder, {
      ignoreInitial: true,
      depth: 0,
      // Wait for writes to settle so a half-written file is not parsed.
      awaitWriteFinish: { stabilityThreshold: 300, pollInterval: 100 },
    });
    const fire = (path: string) => {
      if (DIGEST_FILE.test(path)) onChange();
    };
    watcher.on("add", fire).on("change", fire);
    return () => {
      void watcher.close();
    };
  }

  return { poll, watch: watchFolder };
}
