/**
 * memory: RSS of a fresh process holding 100,000 compiled topics (after GC), beside the same process
 * holding only the topic strings — the difference is what the index costs.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { note } from "./progress.js";
import type { ScenarioResult } from "./results-table.js";
import { fixed, verdict } from "./results-table.js";

const TARGET_MB = 300;

interface ChildReport {
  topics: number;
  indexed: number;
  rss: number;
  heapUsed: number;
  peakRss: number;
}

export function runMemoryBench(topics: readonly string[], workDir: string): ScenarioResult {
  const file = join(workDir, "topics.json");
  writeFileSync(file, JSON.stringify(topics));
  note(`memory: child processes with ${topics.length} topics`);
  const strings = measure(file, "strings");
  const index = measure(file, "index");
  const mb = (bytes: number) => bytes / 1e6;
  return {
    rows: [
      {
        scenario: `memory, ${topics.length.toLocaleString("en")} topics compiled in a TopicIndex (RSS after GC)`,
        measured: `${fixed(mb(index.rss))} MB (heap ${fixed(mb(index.heapUsed))} MB, peak RSS ${fixed(mb(index.peakRss))} MB)`,
        target: `≤ ${TARGET_MB} MB`,
        baseline: `same process, topic strings only: ${fixed(mb(strings.rss))} MB`,
        verdict: verdict(mb(index.rss) <= TARGET_MB),
      },
    ],
    notes: [
      `memory: each figure from a fresh \`node --expose-gc\` child reading the same ${topics.length} topic texts (JSON); ` +
        `${index.indexed} ids in the index; the index itself adds ${fixed(mb(index.rss - strings.rss))} MB RSS / ${fixed(mb(index.heapUsed - strings.heapUsed))} MB heap. MB = 10^6 bytes.`,
    ],
  };
}

function measure(file: string, mode: "strings" | "index"): ChildReport {
  // Under tsx (development) this module is .ts and execArgv carries tsx's loader; built, both are plain.
  const child = fileURLToPath(new URL(`./memory-child${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url));
  const output = execFileSync(process.execPath, [...process.execArgv.filter((a) => a !== "--expose-gc"), "--expose-gc", child, file, mode], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  return JSON.parse(output) as ChildReport;
}
