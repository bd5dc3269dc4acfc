/**
 * The real digests the bench runs on: the shared corpus, extracted into a fresh temp dir (never into the
 * repo), or the four seeds when the corpus is missing — then every number is on far less data, and the
 * table says so.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { note } from "./progress.js";

export const CORPUS_ARCHIVE = "/work/shared/corpus/dw-dengwei-digests.tar.xz";

export interface CorpusFile {
  name: string;
  path: string;
  text: string;
  /** UTF-8 size: the unit of every MB/s figure. */
  bytes: number;
}

export interface Corpus {
  /** "shared corpus (…)" or "seeds only (corpus missing)": printed with the results. */
  label: string;
  fromSeeds: boolean;
  files: CorpusFile[];
  dispose(): void;
}

export function loadCorpus(seedsDir: string): Corpus {
  if (!existsSync(CORPUS_ARCHIVE)) {
    note(`${CORPUS_ARCHIVE} is missing: falling back to the seeds in ${seedsDir}`);
    return { label: `seeds only (${CORPUS_ARCHIVE} missing)`, fromSeeds: true, files: readDigests(seedsDir), dispose: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), "paperboy-corpus-"));
  note(`extracting ${CORPUS_ARCHIVE} into ${dir}`);
  execFileSync("tar", ["-xJf", CORPUS_ARCHIVE, "-C", dir]);
  const files = readDigests(findDigestDir(dir));
  return { label: "shared corpus dw-dengwei-digests", fromSeeds: false, files, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The folder that holds the digest files, wherever the archive put them. */
function findDigestDir(root: string): string {
  const entries = readdirSync(root, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && isDigest(e.name))) return root;
  const dirs = entries.filter((e) => e.isDirectory());
  for (const dir of dirs) {
    const found = findDigestDir(join(root, dir.name));
    if (readdirSync(found).some(isDigest)) return found;
  }
  return root;
}

function readDigests(dir: string): CorpusFile[] {
  return readdirSync(dir)
    .filter(isDigest)
    .sort()
    .map((name) => {
      const path = resolve(dir, name);
      const text = readFileSync(path, "utf8");
      return { name, path, text, bytes: Buffer.byteLength(text, "utf8") };
    });
}

function isDigest(name: string): boolean {
  return /\.(md|jsonl)$/i.test(name);
}

export function isMarkdown(file: CorpusFile): boolean {
  return /\.md$/i.test(file.name);
}
