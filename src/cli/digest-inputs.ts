/** The digests named on the command line: files, folders of them, or URLs. */
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { errorMessage, isPaperboyError, PaperboyError } from "../core/errors.js";
import type { DigestFile } from "../core/ports.js";
import { checkDigestPath, DIGEST_FILE_NAME, readDigestText } from "../sources/digest-file.js";

/** A folder entry that was not read as a digest, and why. */
export interface SkippedInput {
  file: string;
  code: string;
  message: string;
}

export interface DigestInputs {
  files: DigestFile[];
  /** Entries of named folders that are not readable regular files (directories, FIFOs, broken links). */
  skipped: SkippedInput[];
}

export async function readDigestInputs(inputs: string[]): Promise<DigestInputs> {
  const files: DigestFile[] = [];
  const skipped: SkippedInput[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      const url = input;
      const text = await (await fetch(url, { signal: AbortSignal.timeout(30_000) })).text();
      files.push({ name: basename(new URL(url).pathname), source: url, text });
      continue;
    }
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const names = (await readdir(input)).filter((name) => DIGEST_FILE_NAME.test(name)).sort();
      for (const name of names) {
        const path = join(input, name);
        try {
          files.push({ name, source: path, text: await readDigestText(path) });
        } catch (error) {
          skipped.push({ file: path, code: isPaperboyError(error) ? error.code : "unreadable", message: errorMessage(error) });
        }
      }
      continue;
    }
    if (!info) {
      const check = await checkDigestPath(input);
      throw new PaperboyError(check.ok ? "not_found" : check.code, check.ok || check.code === "not_found" ? `no such file or folder: ${input}` : `${input}: ${check.reason}`);
    }
    files.push({ name: basename(input), source: input, text: await readDigestText(input) });
  }
  return { files, skipped };
}

/** One stderr line per skipped entry: the rest of the folder is still read. */
export function reportSkipped(skipped: SkippedInput[]): void {
  for (const entry of skipped) process.stderr.write(`paperboy: skipped ${entry.message} (${entry.code})\n`);
}
