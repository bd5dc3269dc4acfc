/** Markdown tables of eval results: one per-query table with several predictors side by side. */
import type { ScoreResult } from "./score.js";

export interface NamedResult {
  name: string;
  result: ScoreResult;
}

const f2 = (x: number): string => x.toFixed(2);

/** Per-query P / R / F1 of each predictor, then the micro and macro rows. */
export function comparisonTable(results: readonly NamedResult[]): string {
  const first = results[0];
  if (first === undefined) return "";
  const head = ["query", "relevant", ...results.flatMap((r) => [`${r.name} P`, "R", "F1"])];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`];
  first.result.perQuery.forEach((row, i) => {
    const cells = results.flatMap((r) => {
      const x = r.result.perQuery[i]!;
      return [f2(x.precision), f2(x.recall), f2(x.f1)];
    });
    lines.push(`| \`${row.query}\` | ${row.relevant} | ${cells.join(" | ")} |`);
  });
  lines.push(`| **micro** | ${first.result.micro.relevant} | ${results.flatMap((r) => [f2(r.result.micro.precision), f2(r.result.micro.recall), f2(r.result.micro.f1)]).join(" | ")} |`);
  lines.push(`| **macro** | | ${results.flatMap((r) => [f2(r.result.macro.precision), f2(r.result.macro.recall), f2(r.result.macro.f1)]).join(" | ")} |`);
  return lines.join("\n");
}

/** One line per predictor: pooled counts. */
export function countsLine(results: readonly NamedResult[]): string {
  return results.map((r) => `${r.name}: ${r.result.micro.predicted} predicted, ${r.result.micro.tp} TP, ${r.result.micro.fp} FP, ${r.result.micro.fn} FN`).join("; ");
}
