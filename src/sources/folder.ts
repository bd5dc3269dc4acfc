/**
 * A folder of digests: every `*.md` / `*.jsonl` file, new or changed since the last poll. Watched with
 * chokidar (events arrive within a second), with a periodic poll as the fallback (network filesystems,
 * editors that replace files). An entry that is not a readable regular file (a directory, FIFO, dangling
 * symlink, symlink loop, a file too large) is skipped with one warning, repeated only if its reason
 * changes, so one odd entry never stops the others from being ingested.
 */
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { watch } from "chokidar";
import { errorMessage, isPaperboyError } from "../core/errors.js";
import type { DigestFile, DigestSource, Log } from "../core/ports.js";
import { checkDigestPath, describeFsError, DIGEST_FILE_NAME, readDigestText } from "./digest-file.js";

type FolderLog = Pick<Log, "warn" | "debug">;

export function createFolderSource(folder: string, log?: FolderLog): DigestSource {
  // file → what it looked like at the last poll; the size/mtime check spares re-reading unchanged files.
  const seen = new Map<string, { size: number; mtimeMs: number; hash: string }>();
  // path → the reason it was last skipped, so a bad entry is reported once, not at every poll.
  const skipped = new Map<string, string>();

  const skip = (path: string, code: string, reason: string): void => {
    if (skipped.get(path) === reason) return;
    skipped.set(path, reason);
    log?.warn({ file: path, code, reason }, "digest folder entry skipped");
  };

  async function poll(): Promise<DigestFile[]> {
    let names: string[];
    try {
      names = (await readdir(folder)).filter((name) => DIGEST_FILE_NAME.test(name)).sort();
    } catch (error) {
      skip(folder, "folder_unreadable", errorMessage(error));
      return [];
    }
    skipped.delete(folder);
    const present = new Set(names.map((name) => join(folder, name)));
    for (const path of skipped.keys()) if (path !== folder && !present.has(path)) skipped.delete(path);
    const changed: DigestFile[] = [];
    for (const name of names) {
      const path = join(folder, name);
      const info = await checkDigestPath(path);
      if (!info.ok) {
        skip(path, info.code, info.reason);
        continue;
      }
      const before = seen.get(path);
      if (before && before.size === info.size && before.mtimeMs === info.mtimeMs) continue;
      let text: string;
      try {
        text = await readDigestText(path);
      } catch (error) {
        skip(path, isPaperboyError(error) ? error.code : "unreadable", errorMessage(error));
        continue;
      }
      skipped.delete(path);
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
      if (DIGEST_FILE_NAME.test(path)) onChange();
    };
    watcher.on("add", fire).on("change", fire);
    // chokidar emits `error` for entries it cannot watch (a symlink loop: ELOOP); unhandled, an `error`
    // event would end the process. The poll still covers the folder.
    // Reported under the same path and reason as the poll reports it, so it is still one warning.
    watcher.on("error", (error: unknown) => {
      const path = (error as { path?: string }).path ?? folder;
      const { code, reason } = describeFsError(error);
      if (path === folder || DIGEST_FILE_NAME.test(path)) skip(path, code, reason);
      else log?.debug({ file: path, code, reason }, "digest folder watch error");
    });
    return () => {
      void watcher.close();
    };
  }

  return { poll, watch: watchFolder };
}
