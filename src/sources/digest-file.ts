/**
 * Reading a digest from disk safely. Only regular files (after following a symlink that resolves) are
 * digests: a directory, FIFO, socket or device named `x.md`, a dangling symlink or a symlink loop is
 * reported, never opened — opening a FIFO for reading would block until a writer appears.
 */
import { constants, type Stats } from "node:fs";
import { lstat, open, stat } from "node:fs/promises";
import { PaperboyError } from "../core/errors.js";

/** The largest file taken as a digest. Real ones are a few MB (a busy day's JSONL is under 5 MB). */
export const MAX_DIGEST_BYTES = 64 * 1024 * 1024;

export const DIGEST_FILE_NAME = /\.(md|jsonl)$/i;

export type DigestPathCheck = { ok: true; size: number; mtimeMs: number } | { ok: false; code: string; reason: string };

/** Whether `path` can be read as a digest, from its metadata alone (nothing is opened). */
export async function checkDigestPath(path: string): Promise<DigestPathCheck> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    return { ok: false, ...(await describeStatError(path, error)) };
  }
  return checkStats(info);
}

function checkStats(info: Stats): DigestPathCheck {
  if (!info.isFile()) return { ok: false, code: "not_a_file", reason: `not a regular file (${kindOf(info)})` };
  if (info.size > MAX_DIGEST_BYTES) return { ok: false, code: "too_large", reason: tooLarge(info.size) };
  return { ok: true, size: info.size, mtimeMs: info.mtimeMs };
}

/**
 * The text of a digest file. Opened with O_NONBLOCK and checked again through the open handle, so a
 * path swapped for a FIFO after `checkDigestPath` still never blocks; reads at most MAX_DIGEST_BYTES + 1.
 */
export async function readDigestText(path: string): Promise<string> {
  const first = await checkDigestPath(path);
  if (!first.ok) throw new PaperboyError(first.code, `${path}: ${first.reason}`, { file: path });
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const checked = checkStats(await handle.stat());
    if (!checked.ok) throw new PaperboyError(checked.code, `${path}: ${checked.reason}`, { file: path });
    const buffer = Buffer.alloc(Math.min(checked.size, MAX_DIGEST_BYTES) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // The file grew past the limit while being read.
    if (filled > MAX_DIGEST_BYTES) throw new PaperboyError("too_large", `${path}: ${tooLarge(filled)}`, { file: path });
    return buffer.subarray(0, filled).toString("utf8");
  } finally {
    await handle.close();
  }
}

async function describeStatError(path: string, error: unknown): Promise<{ code: string; reason: string }> {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") {
    const link = await lstat(path).then((info) => info.isSymbolicLink(), () => false);
    if (link) return { code: "dangling_symlink", reason: "a dangling symlink (its target does not exist)" };
  }
  return describeFsError(error);
}

/** A filesystem error on a folder entry, in the words a user needs. */
export function describeFsError(error: unknown): { code: string; reason: string } {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return { code: "symlink_loop", reason: "a symlink loop (the link leads back to itself)" };
  if (code === "ENOENT") return { code: "not_found", reason: "no such file" };
  if (code === "EACCES" || code === "EPERM") return { code: "unreadable", reason: "permission denied" };
  return { code: "unreadable", reason: (error as Error).message };
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a directory";
  if (info.isFIFO()) return "a FIFO";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  return "not a file";
}

function tooLarge(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB is larger than a digest can be (limit ${MAX_DIGEST_BYTES / 1024 / 1024} MB)`;
}
