/**
 * parse: MB/s of digest Markdown on one core. One warm-up round (JIT), then timed rounds (best reported) over every
 * Markdown file of the corpus, already in memory so disk speed is not measured. Baseline: a plain
 * `split("\n")` over the same strings — the floor any line-oriented parser pays.
 */
import { parseDigest } from "../src/core/digest/parse.js";
import type { CorpusFile } from "./corpus.js";
import { isMarkdown } from "./corpus.js";
import { note } from "./progress.js";
import type { ScenarioResult } from "./results-table.js";
import { fixed, verdict } from "./results-table.js";
import { best, collectGarbage, median, timeSyncCpu } from "./stats.js";
import type { WallAndCpu } from "./stats.js";

const ROUNDS = 5;
const TARGET_MB_S = 100;

export function runParseBench(files: readonly CorpusFile[]): ScenarioResult {
  const markdown = files.filter(isMarkdown);
  const megabytes = markdown.reduce((sum, f) => sum + f.bytes, 0) / 1e6;
  let papers = 0;
  const parseRound = () => {
    papers = 0;
    for (const file of markdown) papers += parseDigest(file.text, file.name).papers.length;
  };
  let lines = 0;
  const splitRound = () => {
    lines = 0;
    for (const file of markdown) lines += file.text.split("\n").length;
  };
  note(`parse: ${markdown.length} Markdown files, ${fixed(megabytes)} MB, 1 warm-up + ${ROUNDS} rounds`);
  const parseRounds = rounds(parseRound);
  const parseMs = parseRounds.map((r) => r.wallMs);
  const parseCpuMs = parseRounds.map((r) => r.cpuMs);
  const splitCpuMs = rounds(splitRound).map((r) => r.cpuMs);
  const rate = (ms: number) => megabytes / (ms / 1000);
  const cpuRate = rate(best(parseCpuMs));
  return {
    rows: [
      {
        scenario: `parse (${markdown.length} .md files, ${fixed(megabytes)} MB, ${papers} papers)`,
        measured: `${fixed(cpuRate)} MB/s by CPU time, best of ${ROUNDS} (wall: best ${fixed(rate(best(parseMs)))}, median ${fixed(rate(median(parseMs)))})`,
        target: `≥ ${TARGET_MB_S} MB/s`,
        baseline: `\`text.split("\\n")\` floor: ${fixed(rate(best(splitCpuMs)))} MB/s by CPU time`,
        verdict: verdict(cpuRate >= TARGET_MB_S),
      },
    ],
    notes: [
      `parse: ${ROUNDS} rounds after a warm-up, one core; per round ${parseMs.map((ms) => fixed(ms, 0)).join(", ")} ms wall, ` +
        `${parseRounds.map((r) => fixed(r.cpuMs, 0)).join(", ")} ms CPU. The verdict uses the best CPU time (user + system of the whole process, GC threads included): on a shared machine a conservative stand-in for wall time on an idle core. ` +
        `Files are read into memory first (no disk I/O timed); MB = 10^6 bytes of UTF-8. The baseline split ${lines} lines per round.`,
    ],
  };
}

function rounds(run: () => void): WallAndCpu[] {
  collectGarbage();
  run();
  const samples: WallAndCpu[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    collectGarbage();
    samples.push(timeSyncCpu(run));
  }
  return samples;
}
