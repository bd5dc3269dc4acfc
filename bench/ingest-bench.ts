/**
 * ingest: every corpus file into a fresh SQLite archive through the product's own path (ingestFiles:
 * parse, merge, full-text index). The resulting file is the corpus archive the search scenario reuses.
 */
import { join } from "node:path";
import type { DigestFile } from "../src/core/ports.js";
import { ingestFiles } from "../src/ingest.js";
import { openStore } from "../src/store/open-store.js";
import type { CorpusFile } from "./corpus.js";
import { note } from "./progress.js";
import type { ScenarioResult } from "./results-table.js";
import { fixed, verdict } from "./results-table.js";
import { collectGarbage } from "./stats.js";

const TARGET_SECONDS = 30;

export interface IngestOutcome {
  result: ScenarioResult;
  /** `sqlite:<path>` of the archive built. */
  url: string;
  papers: number;
}

export async function runIngestBench(files: readonly CorpusFile[], workDir: string): Promise<IngestOutcome> {
  const url = `sqlite:${join(workDir, "corpus-archive.db")}`;
  const digestFiles: DigestFile[] = files.map((f) => ({ name: f.name, source: f.path, text: f.text }));
  const megabytes = files.reduce((sum, f) => sum + f.bytes, 0) / 1e6;
  collectGarbage();
  note(`ingest: ${files.length} files (${fixed(megabytes)} MB) into ${url}`);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const store = await openStore(url);
  await store.migrate();
  const failures: string[] = [];
  const reports = await ingestFiles(store, digestFiles, { today: () => "2000-01-01" }, (file, error) => failures.push(`${file.name}: ${String(error)}`));
  const papers = await store.countPapers();
  await store.close();
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  const skipped = reports.filter((r) => r.outcome === "skipped").length;
  const rate = reports.reduce((sum, r) => sum + r.papers, 0) / seconds;
  return {
    url,
    papers,
    result: {
      rows: [
        {
          scenario: `ingest (${files.length} files, ${fixed(megabytes)} MB → fresh SQLite, ${papers} distinct papers)`,
          measured: `${fixed(seconds)} s (${fixed(cpuSeconds)} s CPU; ${fixed(rate, 0)} paper entries/s)`,
          target: `≤ ${TARGET_SECONDS} s`,
          baseline: "—",
          verdict: verdict(seconds <= TARGET_SECONDS && failures.length === 0),
        },
      ],
      notes: [
        `ingest: parse + store through src/ingest.ts ingestFiles (open, migrate, ingest, close), texts already in memory; ` +
          `${skipped} Markdown file(s) skipped for their JSONL twin; ${failures.length} failure(s)${failures.length ? `: ${failures.slice(0, 3).join("; ")}` : ""}.`,
      ],
    },
  };
}
