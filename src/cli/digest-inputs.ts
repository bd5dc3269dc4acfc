/** The digests named on the command line: files, folders of them, or URLs. */
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { errorMessage, isPaperboyError, PaperboyError } from "../core/errors.js";
import type { DigestFile } from "../core/ports.js";
import { redactUrl } from "../core/redact-url.js";
import { checkDigestPath, DIGEST_FILE_NAME, readDigestText } from "../sources/digest-file.js";
import { fetchDigestUrl, httpStatusError, originOf, readDigestBody, templateOrigin, type DigestAuthorization } from "../sources/fetch-digest.js";

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

export interface InputOptions {
  /** Sent with a URL input of the configured template's origin, never elsewhere. */
  authorization?: DigestAuthorization;
}

export async function readDigestInputs(inputs: string[], options: InputOptions = {}): Promise<DigestInputs> {
  const files: DigestFile[] = [];
  const skipped: SkippedInput[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      files.push(await fetchInput(input, options.authorization));
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

async function fetchInput(url: string, authorization: DigestAuthorization | undefined): Promise<DigestFile> {
  const response = await fetchDigestUrl(url, authorization ? { authorization } : {});
  if (!response.ok) {
    await response.body?.cancel();
    const error = httpStatusError(response, url);
    const withheld = authorization && (response.status === 401 || response.status === 403) && originOf(url) !== authorization.origin;
    if (withheld) throw new PaperboyError(error.code, `${error.message} (the Authorization header is only sent to ${authorization.origin}, the origin of the digests URL template)`, error.detail);
    throw error;
  }
  return { name: basename(new URL(url).pathname), source: redactUrl(url), text: await readDigestBody(response, url) };
}

/** One stderr line per skipped entry: the rest of the folder is still read. */
export function reportSkipped(skipped: SkippedInput[]): void {
  for (const entry of skipped) process.stderr.write(`paperboy: skipped ${entry.message} (${entry.code})\n`);
}

/** The Authorization the configuration gives for URL inputs: only with a URL template as the source. */
export function configuredAuthorization(config: { digests: string; sources: { authorization?: string | undefined } }): DigestAuthorization | undefined {
  const origin = templateOrigin(config.digests);
  return config.sources.authorization && origin ? { value: config.sources.authorization, origin } : undefined;
}
