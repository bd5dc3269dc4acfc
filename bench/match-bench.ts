/**
 * match: one real day's digest against 1k / 10k / 100k generated topics with the topic index, beside the
 * naive matcher (every topic verified against every paper) on the same papers and topics in the same
 * process. Papers are prepared (tokenized) once per digest and that cost is added to both sides, so the
 * naive matcher on 100k topics — minutes — can run on the first 10k of them (the 10k set is a prefix of
 * the 100k set) and its verification time be extrapolated linearly: it is exactly per topic × paper.
 *
 * Each figure is the best of several rounds; the verdict uses CPU time (user + system of the whole
 * process), which on a shared machine is a conservative stand-in for wall time on an idle core.
 */
import type { Paper } from "../src/core/paper.js";
import type { CompiledTopic } from "../src/core/topics/engine/compile.js";
import { compileTopicText } from "../src/core/topics/engine/compile.js";
import { TopicIndex } from "../src/core/topics/index/topic-index.js";
import { matchNaive } from "../src/core/topics/reference/naive.js";
import { preparePaper } from "../src/core/topics/text/prepare.js";
import type { PreparedPaper } from "../src/core/topics/text/prepare.js";
import { note } from "./progress.js";
import type { ResultRow, ScenarioResult } from "./results-table.js";
import { fixed, verdict } from "./results-table.js";
import { collectGarbage, timeSyncCpu } from "./stats.js";
import type { WallAndCpu } from "./stats.js";

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
  let prepared: PreparedPaper[] = [];
  const prepare = bestOf(ROUNDS, () => {
    prepared = day.papers.map(preparePaper);
  });
  notes.push(
    `match: digest ${day.name} (${prepared.length} papers). Preparing its papers (once per digest, shared by all topics): ` +
      `${fixed(prepare.wallMs)} ms wall / ${fixed(prepare.cpuMs)} ms CPU, best of ${ROUNDS}; it is included in every match figure, index and naive alike.`,
  );
  let naivePerTopic: WallAndCpu = { wallMs: Number.NaN, cpuMs: Number.NaN };
  for (const size of SIZES.filter((s) => s <= topics.length)) {
    const subset = topics.slice(0, size);
    collectGarbage();
    note(`match: building the index of ${size} topics`);
    let index = new TopicIndex<number>();
    const build = timeSyncCpu(() => {
      index = new TopicIndex<number>();
      subset.forEach((text, id) => index.add(id, text));
    });
    let matched = 0;
    const indexMatch = bestOf(ROUNDS, () => {
      matched = 0;
      for (const r of index.matchPapers(prepared)) matched += r.matches.length;
    });

    // Papers cache some of what verification reads (CJK character runs, folded CJK text) on first use, and
    // the rounds above reuse one set of prepared papers: this measures the whole path on fresh ones.
    const fresh = size === 100_000 ? bestOf(ROUNDS, () => void index.matchPapers(day.papers.map(preparePaper))) : null;

    // The channel matcher reads every hit's details (spans, terms) and its evidence (the channel's
    // strictness threshold) to filter, rank and compose; the index computes those lazily, so they are
    // measured separately from the match decision.
    const described = bestOf(2, () => {
      for (const r of index.matchPapers(prepared)) for (const m of r.matches) void m.evidence;
    });

    let naive: WallAndCpu;
    let naiveLabel: string;
    if (size <= NAIVE_MAX) {
      note(`match: naive matcher on ${size} topics`);
      const compiled = subset.map((text, id) => ({ id, topic: compileOrThrow(text) }));
      let naiveMatched = 0;
      naive = bestOf(size <= 1_000 ? 3 : 2, () => {
        naiveMatched = 0;
        for (const r of matchNaive(compiled, prepared)) naiveMatched += r.matches.length;
      });
      naivePerTopic = { wallMs: naive.wallMs / size, cpuMs: naive.cpuMs / size };
      naiveLabel = `naive: ${fixed(sum(prepare, naive).cpuMs, 0)} ms CPU (${fixed(sum(prepare, naive).wallMs, 0)} wall)`;
      if (naiveMatched !== matched) notes.push(`match: MISMATCH at ${size} topics: the index found ${matched} matches, naive ${naiveMatched}.`);
    } else {
      naive = { wallMs: naivePerTopic.wallMs * size, cpuMs: naivePerTopic.cpuMs * size };
      naiveLabel = `naive: ≈${fixed(sum(prepare, naive).cpuMs, 0)} ms CPU (verification extrapolated ×${size / NAIVE_MAX} from the first ${NAIVE_MAX.toLocaleString("en")} topics)`;
    }
    const total = sum(prepare, indexMatch);
    const speedup = sum(prepare, naive).cpuMs / total.cpuMs;
    const isTarget = size === 100_000;
    rows.push({
      scenario: `match ${prepared.length}-paper digest × ${size.toLocaleString("en")} topics (index)`,
      measured:
        `${fixed(total.cpuMs)} ms CPU (${fixed(total.wallMs)} wall; prepare ${fixed(prepare.cpuMs)} + match ${fixed(indexMatch.cpuMs)}), ` +
        `${fixed(speedup, 1)}× faster than naive; ${fixed(sum(prepare, described).cpuMs)} ms with every hit's details and evidence`,
      target: isTarget ? `≤ ${TARGET_MS} ms and ≥ ${TARGET_SPEEDUP}×` : "—",
      baseline: naiveLabel,
      verdict: isTarget ? verdict(total.cpuMs <= TARGET_MS && speedup >= TARGET_SPEEDUP) : "n/a",
    });
    rows.push({
      scenario: `index build, ${size.toLocaleString("en")} topics (parse + compile + file)`,
      measured: `${fixed(build.cpuMs, 0)} ms CPU (${fixed(build.wallMs, 0)} wall), ${index.size} ids`,
      target: "—",
      baseline: "—",
      verdict: "n/a",
    });
    notes.push(
      `match ${size}: ${matched} topic matches over the digest (${fixed(matched / prepared.length)} per paper); ` +
        `with every hit's details and evidence read as well (what createChannelMatcher does for each hit): ${fixed(sum(prepare, described).cpuMs)} ms CPU.` +
        (fresh === null ? "" : ` Prepare and match on freshly prepared papers (no per-paper cache filled yet), best of ${ROUNDS}: ${fixed(fresh.cpuMs)} ms CPU (${fixed(fresh.wallMs)} wall).`),
    );
  }
  return { rows, notes };
}

/** The round with the least CPU time, after one warm-up round and a GC before each. */
function bestOf(rounds: number, run: () => void): WallAndCpu {
  run();
  let best: WallAndCpu = { wallMs: Infinity, cpuMs: Infinity };
  for (let i = 0; i < rounds; i++) {
    collectGarbage();
    const sample = timeSyncCpu(run);
    if (sample.cpuMs < best.cpuMs) best = sample;
  }
  return best;
}

function sum(a: WallAndCpu, b: WallAndCpu): WallAndCpu {
  return { wallMs: a.wallMs + b.wallMs, cpuMs: a.cpuMs + b.cpuMs };
}

function compileOrThrow(text: string): CompiledTopic {
  const result = compileTopicText(text);
  if (!result.ok) throw new Error(`generated topic does not compile: ${text}`);
  return result.topic;
}
