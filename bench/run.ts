/**
 * `npm run bench`: every scenario of PRODUCT.md's Performance table on the shared corpus, each beside its
 * baseline where one applies; prints the table and writes bench/RESULTS.md.
 * `node --expose-gc dist/bench/run.js parse match` runs only the named scenarios (and writes no file).
 */
import { rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { parseDigest } from "../src/core/digest/parse.js";
import type { Paper } from "../src/core/paper.js";
import type { Corpus } from "./corpus.js";
import { isMarkdown, loadCorpus } from "./corpus.js";
import { cacheDir, machine, repoRoot, runDir } from "./environment.js";
import { runDeliveryBench } from "./delivery-bench.js";
import { runIngestBench } from "./ingest-bench.js";
import type { DigestDay } from "./match-bench.js";
import { runMatchBench } from "./match-bench.js";
import { runMemoryBench } from "./memory-bench.js";
import { runParseBench } from "./parse-bench.js";
import { note } from "./progress.js";
import { renderResults } from "./render-results.js";
import type { ResultRow } from "./results-table.js";
import { runSearchBench } from "./search-bench.js";
import { ensureSyntheticArchive } from "./synthetic-archive.js";
import { MAX_MATCH_SHARE, SAMPLE_PAPERS, specificityFilter } from "./topic-filter.js";
import { generateTopics } from "./topic-generator.js";
import { buildVocabulary } from "./vocabulary.js";

const SCENARIOS = ["parse", "ingest", "match", "memory", "search", "delivery"] as const;
type Scenario = (typeof SCENARIOS)[number];
const TOPICS = 100_000;
const QUERIES = 200;
const DIGEST_SIZE = 250;

const rows: ResultRow[] = [];
const notes: string[] = [];

async function main(): Promise<void> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  const wanted = selectScenarios(process.argv.slice(2));
  const root = repoRoot();
  const work = runDir();
  const corpus = loadCorpus(join(root, "seeds"));
  // Ctrl-C must not leave the extracted corpus (100 MB) behind in the temp dir.
  const onSignal = () => {
    corpus.dispose();
    rmSync(work, { recursive: true, force: true });
    process.exit(130);
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    const { days, papers } = parseAll(corpus);
    const vocabulary = buildVocabulary(papers);
    note(`generating ${TOPICS} topics and ${QUERIES} queries from the corpus vocabulary`);
    const filter = specificityFilter(papers);
    const topics = generateTopics(vocabulary, TOPICS, 1, filter).map((t) => t.text);
    // Queries stay unfiltered: people do search for broad words, and those are search's expensive case.
    const queries = generateTopics(vocabulary, QUERIES, 2);
    notes.push(
      `topics: ${TOPICS} generated from the corpus vocabulary (${new Set(topics).size} distinct texts; shares in topic-generator.ts: 40% title/abstract phrases, ` +
        `10% acronyms, 10% phrase + cat:, 8% exclusions, 8% alternatives, 8% Chinese, 6% author:, 6% title:, 4% cat: only); a topic matching more than ` +
        `${MAX_MATCH_SHARE * 100}% of a ${SAMPLE_PAPERS}-paper corpus sample is redrawn (topic-filter.ts). The ${QUERIES} search queries use the same mix, unfiltered.`,
    );
    let corpusArchive: { url: string } | null = null;

    if (wanted.has("parse")) await guard("parse", () => collect(runParseBench(corpus.files)));
    if (wanted.has("ingest") || wanted.has("search")) {
      await guard("ingest", async () => {
        const outcome = await runIngestBench(corpus.files, work);
        corpusArchive = outcome;
        if (wanted.has("ingest")) collect(outcome.result);
      });
    }
    if (wanted.has("match")) await guard("match", () => collect(runMatchBench(dayNear(days, DIGEST_SIZE), topics)));
    if (wanted.has("memory")) await guard("memory", () => collect(runMemoryBench(topics, work)));
    if (wanted.has("search")) {
      await guard("search (corpus archive)", async () => {
        const archive = corpusArchive as { url: string } | null;
        if (archive === null) throw new Error("the ingest scenario did not produce the corpus archive");
        const run = await runSearchBench("the corpus archive", archive.url, queries);
        collect({ rows: [run.row], notes: run.notes });
      });
      await guard("search (250k synthetic archive)", async () => {
        const synthetic = await ensureSyntheticArchive(join(cacheDir(), "synthetic-250k.db"), papers);
        const run = await runSearchBench("the synthetic archive", synthetic.url, queries);
        collect({ rows: [run.row], notes: run.notes });
        notes.push(
          `search: synthetic archive "${synthetic.recipe}" ` +
            (synthetic.reused ? "reused from an earlier run with the same store code." : `built in ${synthetic.buildSeconds.toFixed(0)} s (not part of any figure).`),
        );
      });
    }
    if (wanted.has("delivery")) await guard("delivery", async () => collect(await runDeliveryBench(dayNear(days, DIGEST_SIZE), topics, work)));
  } finally {
    corpus.dispose();
    rmSync(work, { recursive: true, force: true });
  }
  const minutes = (performance.now() - started) / 60_000;
  const output = renderResults({ rows, notes, corpus: corpus.label, machine: machine(), minutes, load: [loadAtStart, loadavg()[0]!], cores: cpus().length, partial: wanted.size < SCENARIOS.length });
  process.stdout.write(`${output}\n`);
  if (wanted.size === SCENARIOS.length) writeFileSync(join(root, "bench", "RESULTS.md"), output);
  else note("only some scenarios ran: bench/RESULTS.md left as it was");
}

function selectScenarios(args: string[]): Set<Scenario> {
  const unknown = args.filter((a) => !(SCENARIOS as readonly string[]).includes(a));
  if (unknown.length > 0) throw new Error(`unknown scenario(s) ${unknown.join(", ")}; known: ${SCENARIOS.join(", ")}`);
  return new Set(args.length === 0 ? SCENARIOS : (args as Scenario[]));
}

function collect(result: { rows: ResultRow[]; notes: string[] }): void {
  rows.push(...result.rows);
  notes.push(...result.notes);
}

/** One scenario failing (say, a module mid-rewrite) is reported in the table; the others still run. */
async function guard(name: string, run: () => unknown): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    note(`${name} failed: ${message}`);
    rows.push({ scenario: name, measured: `failed: ${message.slice(0, 160)}`, target: "—", baseline: "—", verdict: "not measured" });
  }
}

/** Every file parsed once (untimed): the days for the match scenario, the distinct papers for the rest. */
function parseAll(corpus: Corpus): { days: DigestDay[]; papers: Paper[] } {
  note("parsing the corpus once for the generators");
  const days: DigestDay[] = [];
  const byId = new Map<string, Paper>();
  for (const file of corpus.files) {
    const parsed = parseDigest(file.text, file.name);
    if (isMarkdown(file)) days.push({ name: file.name, papers: parsed.papers });
    for (const paper of parsed.papers) byId.set(paper.id, paper);
  }
  return { days, papers: [...byId.values()] };
}

/** The day whose paper count is closest to `size` (the latest of equals). */
function dayNear(days: readonly DigestDay[], size: number): DigestDay {
  let chosen = days[0];
  for (const day of days) if (chosen === undefined || Math.abs(day.papers.length - size) <= Math.abs(chosen.papers.length - size)) chosen = day;
  if (chosen === undefined) throw new Error("no Markdown digest to match");
  return chosen;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
