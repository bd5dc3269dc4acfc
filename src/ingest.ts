/**
 * Ingestion: digest file → parse → archive. The date comes from the file name, then `--date`, then the
 * ingestion date. A file that is not a digest is rejected and stores nothing. A re-issue of a stored day
 * that lost most of its papers (a truncated download, a table of contents only) keeps the stored
 * version unless `replace` is set.
 */
import { createHash } from "node:crypto";
import { dateFromFileName, isCalendarDate } from "./core/digest/date-from-file-name.js";
import { parseDigest } from "./core/digest/parse.js";
import { PaperboyError } from "./core/errors.js";
import type { ParseWarning } from "./core/paper.js";
import type { DigestFile, IngestOutcome, Store } from "./core/ports.js";

export interface IngestReport {
  file: string;
  date: string;
  /** `kept`: a suspicious re-issue (see `isSuspiciousReissue`); the stored version stays. */
  outcome: IngestOutcome | "skipped" | "kept";
  papers: number;
  newPapers: number;
  warnings: ParseWarning[];
  /** Why the file was skipped or kept (e.g. the JSONL of that date was ingested and is preferred). */
  reason?: string;
  /** Papers of the stored version that was kept. */
  storedPapers?: number;
}

export interface IngestOptions {
  /** Date to use when the file name carries none. */
  date?: string;
  /** Today, for files with no date at all. */
  today: () => string;
  /**
   * Replace a stored day even by a version with far fewer papers, or by an undated file when the day
   * came from another file.
   */
  replace?: boolean;
}

/** A re-issue that loses most of a stored day's papers: fewer than half of them, or none. */
export function isSuspiciousReissue(newCount: number, storedCount: number): boolean {
  return storedCount > 0 && (newCount === 0 || newCount * 2 < storedCount);
}

function extensionOf(name: string): string {
  return /\.jsonl$/i.test(name) ? ".jsonl" : ".md";
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function ingestFile(store: Store, file: DigestFile, options: IngestOptions): Promise<IngestReport> {
  const parsed = parseDigest(file.text, file.name);
  const date = parsed.date ?? options.date ?? options.today();
  if (!isCalendarDate(date)) throw new PaperboyError("bad_date", `${file.name}: '${date}' is not a real YYYY-MM-DD date`);
  const existing = await store.digestByDate(date);
  // An undated file takes a date that is not its own: it must not silently replace another file's day.
  if (parsed.date === null && existing && existing.source !== file.source && !options.replace) {
    throw new PaperboyError("undated_conflict", `${file.name}: no date in the file name, and the digest of ${date} came from ${existing.source}; name the file YYYY-MM-DD${extensionOf(file.name)}, or pass --replace`);
  }
  // The JSONL has what the Markdown drops (cross-listed categories, code links): it wins for its date.
  if (parsed.format === "markdown" && existing && /\.jsonl$/i.test(existing.source)) {
    return { file: file.name, date, outcome: "skipped", papers: parsed.papers.length, newPapers: 0, warnings: parsed.warnings, reason: `the JSONL digest of ${date} is preferred` };
  }
  const hash = contentHash(file.text);
  if (existing && existing.hash !== hash && !options.replace && isSuspiciousReissue(parsed.papers.length, existing.paperCount)) {
    const reason = `kept the stored digest of ${date} (${existing.paperCount} papers): this file has ${parsed.papers.length}; pass --replace to replace it`;
    const warning = { line: 0, code: "reissue_kept", message: reason };
    return { file: file.name, date, outcome: "kept", papers: parsed.papers.length, newPapers: 0, warnings: [warning, ...parsed.warnings], reason, storedPapers: existing.paperCount };
  }
  const result = await store.ingestDigest({ date, hash, source: file.source, papers: parsed.papers });
  return { file: file.name, date, outcome: result.outcome, papers: parsed.papers.length, newPapers: result.newPapers, warnings: parsed.warnings };
}

/**
 * Ingests a batch, JSONL files of a date before its Markdown so the Markdown is then skipped. Two or more
 * files without a date in their name would all become one day: each of them is rejected instead.
 */
export async function ingestFiles(store: Store, files: DigestFile[], options: IngestOptions, onError: (file: DigestFile, error: unknown) => void): Promise<IngestReport[]> {
  const ordered = [...files].sort((a, b) => Number(/\.jsonl$/i.test(b.name)) - Number(/\.jsonl$/i.test(a.name)) || a.name.localeCompare(b.name));
  const undated = ordered.filter((file) => dateFromFileName(file.name) === null);
  const reports: IngestReport[] = [];
  for (const file of ordered) {
    if (undated.length > 1 && undated.includes(file)) {
      const others = undated.length - 1;
      onError(file, new PaperboyError("undated", `${file.name}: no date in the file name, like ${others} other file${others === 1 ? "" : "s"} here: they would all be stored as one day; name each YYYY-MM-DD${extensionOf(file.name)}`));
      continue;
    }
    try {
      reports.push(await ingestFile(store, file, options));
    } catch (error) {
      onError(file, error);
    }
  }
  return reports;
}
