/**
 * match: one real day's digest against 1k / 10k / 100k generated topics with the topic index, beside the
 * naive matcher (every topic verified against every paper) on the same papers and topics in the same
 * process. Naive on 100k topics would take minutes, so it runs on the first 10k of them (the 10k set is a
 * prefix of the 100k set) and is extrapolated linearly — its cost is exactly per topic × paper.
 * Figures are the best of several rounds (index) or of 1–3 (naive): the machine may be shared.
 */
import type { Paper } from "../src/core/paper.js";
import type { CompiledTopic } from "../src/core/topics/compile.js";
import { compileTopicText } from "../src/core/topics/compile.js";
import { TopicIndex } from "../src/core/topics/index.js";
import { matchNaive } from "../src/core/topics/naive.js";
import { preparePaper } from "../src/core/topics/prepare.js";
import { note } from "./progress.js";
import type { ResultRow, ScenarioResult } from "./results-table.js";
import { fixed, verdict } from "./results-table.js";
import { best, collectGarbage, median, timeSync, timeSyncCpu } from "./stats.js";

const SIZES = [1_000, 10_000, 100_000];
const ROUNDS = 5;
const TARGET_MS = 100;
const TARGET_SPEEDUP = 20;
/** Largest topic count the naive matcher runs on; bigger sets are extrapolated from it. */
const NAIVE_MAX = 10_000;

export interface DigestDay {
  name: string;
  papers: Paper[];
}

export function runMatchBench(day: DigestDay, topics: readonly string[]): ScenarioResult {
  const rows: ResultRow[] = [];
  const notes: string[] = [];
  const papers = day.papers;
  const prepareMs = median(repeat(3, () => timeSync(() => papers.forEach(preparePaper))));
  notes.push(`match: digest ${day.name} (${papers.length} papers); preparing its papers alone takes ${fixed(prepareMs)} ms (included in every match time below).`);
  let naivePerTopic = Number.NaN;
  for (const size of SIZES.filter((s) => s <= topics.length)) {
    const subset = topics.slice(0, size);
    collectGarbage();
    note(`match: building the index of ${size} topics`);
    let index = new TopicIndex<number>();
    const buildMs = timeSync(() => {
      index = new TopicIndex<number>();
      subset.forEach((text, id) => index.add(id, text));
    });
    let matched = 0;
    const indexRun = () => {
      matched = 0;
      for (const r of index.matchPapers(papers)) matched += r.matches.length;
    };
    indexRun();
    const indexRounds = Array.from({ length: ROUNDS }, () => (collectGarbage(), timeSyncCpu(indexRun)));
    const indexSamples = indexRounds.map((r) => r.wallMs);
    // Best of the rounds: the machine is shared, and other jobs only ever add time.
    const indexMs = best(indexSamples);

    let naiveMs: number;
    let naiveLabel: string;
    if (size <= NAIVE_MAX) {
      note(`match: naive matcher on ${size} topics`);
      const compiled = subset.map((text, id) => ({ id, topic: compileOrThrow(text) }));
      let naiveMatched = 0;
      const naiveRun = () => {
        naiveMatched = 0;
        for (const r of matchNaive(compiled, papers)) naiveMatched += r.matches.length;
      };
      const naiveRounds = size <= 1_000 ? 3 : 1;
      if (size <= 1_000) naiveRun();
      naiveMs = best(repeat(naiveRounds, () => (collectGarbage(), timeSync(naiveRun))));
      naivePerTopic = naiveMs / size;
      naiveLabel = `naive: ${fixed(naiveMs, 0)} ms (best of ${naiveRounds})`;
      if (naiveMatched !== matched) notes.push(`match: MISMATCH at ${size} topics: index found ${matched} matches, naive ${naiveMatched}.`);
    } else {
      naiveMs = naivePerTopic * size;
      naiveLabel = `naive: ≈${fixed(naiveMs, 0)} ms (extrapolated ×${size / NAIVE_MAX} from the first ${NAIVE_MAX} topics)`;
    }
    const speedup = naiveMs / indexMs;
    const isTarget = size === 100_000;
    rows.push({
      scenario: `match ${papers.length}-paper digest × ${size.toLocaleString("en")} topics (index)`,
      measured: `${fixed(indexMs)} ms best of ${ROUNDS} (median ${fixed(median(indexSamples))}), ${fixed(speedup, 1)}× faster than naive`,
      target: isTarget ? `≤ ${TARGET_MS} ms and ≥ ${TARGET_SPEEDUP}×` : "—",
      baseline: naiveLabel,
      verdict: isTarget ? verdict(indexMs <= TARGET_MS && speedup >= TARGET_SPEEDUP) : "n/a",
    });
    rows.push({
      scenario: `index build, ${size.toLocaleString("en")} topics (parse + compile + file)`,
      measured: `${fixed(buildMs, 0)} ms (${index.size} ids)`,
      target: "—",
      baseline: "—",
      verdict: "n/a",
    });
    notes.push(`match ${size}: ${matched} topic matches over the digest (${fixed(matched / papers.length)} per paper); index rounds ${indexSamples.map((ms) => fixed(ms)).join(", ")} ms wall, ` +
        `${indexRounds.map((r) => fixed(r.cpuMs)).join(", ")} ms CPU.`);
  }
  return { rows, notes };
}

function compileOrThrow(text: string): CompiledTopic {
  const result = compileTopicText(text);
  if (!result.ok) throw new Error(`generated topic does not compile: ${text}`);
  return result.topic;
}

function repeat(times: number, run: () => number): number[] {
  return Array.from({ length: times }, run);
}
