/** Folder entries named like digests that are not regular files: what a digests folder must survive. */
import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MAX_DIGEST_BYTES } from "../../src/sources/digest-file.js";

/** The odd entries added to `dir`, by name, with the skip code each one gets. */
export const ODD_ENTRIES: Record<string, string> = {
  "dangling.md": "dangling_symlink",
  "dir.md": "not_a_file",
  "fifo.md": "not_a_file",
  "huge.md": "too_large",
  "loop-a.md": "symlink_loop",
  "loop-b.md": "symlink_loop",
  "self.md": "symlink_loop",
};

export function addOddEntries(dir: string): void {
  symlinkSync("loop-b.md", join(dir, "loop-a.md"));
  symlinkSync("loop-a.md", join(dir, "loop-b.md"));
  symlinkSync("self.md", join(dir, "self.md"));
  symlinkSync("missing.md", join(dir, "dangling.md"));
  mkdirSync(join(dir, "dir.md"));
  execFileSync("mkfifo", [join(dir, "fifo.md")]);
  // Sparse: costs no disk space.
  writeFileSync(join(dir, "huge.md"), "");
  truncateSync(join(dir, "huge.md"), MAX_DIGEST_BYTES + 1);
}
