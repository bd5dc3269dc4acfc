/**
 * Ingestion: digest file → parse → archive. The date comes from the file name, then `--date`, then the
 * ingestion date. A file that is not a digest is rejected and stores nothing.
 */
import { createHash } from "node:crypto";
import { parseDigest } from "./core/digest/parse.js";
import { PaperboyError } from "./core/errors.js";
import type { ParseWarning } from "./core/paper.js";
import type { DigestFile, IngestOutcome, Store } from "./core/ports.js";

export interface IngestReport {
  file: string;
  date: string;
  outcome: IngestOutcome | "skipped";
  papers: number;
  newPapers: number;
  warnings: ParseWarning[];
  /** Why the file was skipped (e.g. the JSONL of that date was ingested and is preferred). */
  reason?: string;
}

export interface IngestOptions {
  /** Date to use when the file name carries none. */
  date?: string;
  /** Today, for files with no date at all. */
  today: () => string;
}

export function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function ingestFile(store: Store, file: DigestFile, options: IngestOptions): Promise<IngestReport> {
  const parsed = parseDigest(file.text, file.name);
  const date = parsed.date ?? options.date ?? options.today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new PaperboyError("bad_date", `${file.name}: '${date}' is not a YYYY-MM-DD date`);
  const existing = await store.digestByDate(date);
  // The JSONL has what the Markdown drops (cross-listed categories, code links): it wins for its date.
  if (parsed.format === "markdown" && existing && /\.jsonl$/i.test(existing.source)) {
    return { file: file.name, date, outcome: "skipped", papers: parsed.papers.length, newPapers: 0, warnings: parsed.warnings, reason: `the JSONL digest of ${date} is preferred` };
  }
  const result = await store.ingestDigest({ date, hash: contentHash(file.text), source: file.source, papers: parsed.papers });
  return { file: file.name, date, outcome: result.outcome, papers: parsed.papers.length, newPapers: result.newPapers, warnings: parsed.warnings };
}

/** Ingests a batch, JSONL files of a date before its Markdown so the Markdown is then skipped. */
export async function ingestFiles(store: Store, files: DigestFile[], options: IngestOptions, onError: (file: DigestFile, error: unknown) => void): Promise<IngestReport[]> {
  const ordered = [...files].sort((a, b) => Number(/\.jsonl$/i.test(b.name)) - Number(/\.jsonl$/i.test(a.name)) || a.name.localeCompare(b.name));
  const reports: IngestReport[] = [];
  for (const file of ordered) {
    try {
      reports.push(await ingestFile(store, file, options));
    } catch (error) {
      onError(file, error);
    }
  }
  return reports;
}
