/** RESULTS.md: when, where and on what the bench ran, the table, then the notes behind the numbers. */
import type { ResultRow } from "./results-table.js";
import { renderTable } from "./results-table.js";

export interface RunSummary {
  rows: ResultRow[];
  notes: string[];
  corpus: string;
  machine: string;
  minutes: number;
  /** 1-minute load averages at the start and end: above the core count, wall times are inflated. */
  load: [number, number];
  cores: number;
  partial: boolean;
}

export function renderResults(run: RunSummary): string {
  const misses = run.rows.filter((r) => r.verdict === "miss").length;
  return [
    "# Benchmark results",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC — ${run.machine}.`,
    `Data: ${run.corpus}. The whole run took ${run.minutes.toFixed(1)} min${run.partial ? " (only some scenarios ran)" : ""}.`,
    `Load average ${run.load[0].toFixed(1)} at the start, ${run.load[1].toFixed(1)} at the end, on ${run.cores} cores${
      Math.max(...run.load) > run.cores ? " — the machine was shared with other work, so wall times are inflated" : ""
    }.`,
    "Verdicts for parse, match and search use the process's CPU time (a conservative stand-in for wall time on an idle core); ingest and delivery use wall time.",
    `Targets: docs/PRODUCT.md, Performance. ${misses === 0 ? "Every measured target is met." : `${misses} target(s) missed.`}`,
    "",
    renderTable(run.rows),
    "",
    "## How each figure was measured",
    "",
    ...run.notes.map((n) => `- ${n}`),
    "",
  ].join("\n");
}
