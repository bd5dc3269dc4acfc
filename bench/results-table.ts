/** The rows every scenario reports, and their rendering as the Markdown table of RESULTS.md. */

export type Verdict = "pass" | "miss" | "n/a" | "not measured";

export interface ResultRow {
  scenario: string;
  measured: string;
  target: string;
  /** A baseline measured in the same run, with its label; "—" when none applies. */
  baseline: string;
  verdict: Verdict;
}

/** A scenario's rows plus free-form notes (how it was measured, extrapolations, breakdowns). */
export interface ScenarioResult {
  rows: ResultRow[];
  notes: string[];
}

export function verdict(ok: boolean): Verdict {
  return ok ? "pass" : "miss";
}

export function renderTable(rows: readonly ResultRow[]): string {
  const lines = ["| scenario | measured | target | baseline (same run) | result |", "|---|---|---|---|---|"];
  for (const row of rows) lines.push(`| ${[row.scenario, row.measured, row.target, row.baseline, row.verdict].map(cell).join(" | ")} |`);
  return lines.join("\n");
}

function cell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : "—";
}
