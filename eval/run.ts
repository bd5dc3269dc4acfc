/**
 * `npm run eval`: the project's matcher (what `paperboy match` runs) over the labelled digests of
 * ../shared/eval for every labelled query, at each strictness, beside the substring baseline; prints the
 * tables and writes eval/RESULTS.md (with the "before" table of eval/BEFORE.md kept at its end).
 * `node dist/eval/run.js --details "LLM agents"` also lists that query's false positives and misses.
 * Skips (exit 0) when the labelled set is absent.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../bench/environment.js";
import { parseDigest } from "../src/core/digest/parse.js";
import { MATCH_STRICTNESS, type MatchStrictness } from "../src/core/channel.js";
import type { ArchivedPaper } from "../src/core/paper.js";
import { createTopicTools } from "../src/core/topic-tools.js";
import { comparisonTable, countsLine, type NamedResult } from "./report.js";
import { runReplay } from "./replay.js";
import { scorePredictions, type LabelledQuery } from "./score.js";
import { substringPredictions, type LabelledPaper } from "./substring.js";

interface Labels {
  queries: Array<LabelledQuery & { definition: string }>;
}

function main(): void {
  const root = repoRoot();
  const dir = join(root, "..", "shared", "eval");
  if (!existsSync(join(dir, "labels.json")) || !existsSync(join(dir, "digests"))) {
    process.stdout.write(`eval skipped: no labelled set at ${dir} (labels.json and digests/)\n`);
    return;
  }
  const labels = JSON.parse(readFileSync(join(dir, "labels.json"), "utf8")) as Labels;
  const digests = readdirSync(join(dir, "digests"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => {
      const digest = parseDigest(readFileSync(join(dir, "digests", name), "utf8"), name);
      const date = digest.date ?? "";
      return digest.papers.map((paper): ArchivedPaper => ({ ...paper, firstSeen: date, lastSeen: date }));
    });
  const tools = createTopicTools();
  const results: NamedResult[] = [];
  const predictionsAt = new Map<MatchStrictness, Map<string, string[]>>();
  for (const strictness of MATCH_STRICTNESS) {
    const predictions = new Map<string, string[]>();
    for (const { query } of labels.queries) {
      const topics = [{ id: 1, channelId: "", text: query, createdAt: "" }];
      predictions.set(query, digests.flatMap((papers) => tools.matchTopics(topics, papers, strictness).map((m) => m.paper.id)));
    }
    predictionsAt.set(strictness, predictions);
    results.push({ name: strictness, result: scorePredictions(labels.queries, predictions) });
  }
  const papersFile = join(dir, "papers.jsonl");
  if (existsSync(papersFile)) {
    const papers = readFileSync(papersFile, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as LabelledPaper);
    results.push({ name: "substring", result: scorePredictions(labels.queries, substringPredictions(labels.queries, papers)) });
  }
  const table = comparisonTable(results);
  process.stdout.write(`${table}\n\n${countsLine(results)}\n`);
  const detailsAt = process.argv.indexOf("--details");
  if (detailsAt >= 0) printDetails(labels.queries, predictionsAt.get("balanced")!, process.argv[detailsAt + 1] ?? "");
  const out = join(root, "dist", "eval");
  mkdirSync(out, { recursive: true });
  for (const [strictness, predictions] of predictionsAt) writeFileSync(join(out, `predictions-${strictness}.json`), JSON.stringify(Object.fromEntries(predictions), null, 1));
  // What learning from votes buys: each query as a channel that votes on its first digests (replay.ts).
  const replays = (["topic", "candidates"] as const).map((subscription) => runReplay({ evalDir: dir, subscription }));
  const replay = replays.map((r) => ("skipped" in r ? `Replay skipped: ${r.skipped}.` : r.markdown)).join("\n\n");
  process.stdout.write(`\n${replay}\n`);
  const beforeFile = join(root, "eval", "BEFORE.md");
  const before = existsSync(beforeFile) ? `\n${readFileSync(beforeFile, "utf8")}` : "";
  writeFileSync(
    join(root, "eval", "RESULTS.md"),
    `# Match quality on the labelled set\n\nWritten by \`npm run eval\` (${new Date().toISOString().slice(0, 10)}): the matcher of \`paperboy match\` over the ` +
      `five labelled digests of ../shared/eval at each channel strictness, beside the substring baseline ` +
      `(the query as a case-insensitive substring of title + TL;DR + abstract). Scored as ../shared/eval/score.py does.\n\n` +
      `${table}\n\nMicro counts — ${countsLine(results)}.\n\n## Learning from votes (replay)\n\n${replay}\n${before}`,
  );
}

function printDetails(queries: readonly LabelledQuery[], predictions: Map<string, string[]>, query: string): void {
  const labelled = queries.find((q) => q.query === query);
  if (labelled === undefined) {
    process.stdout.write(`no labelled query ${JSON.stringify(query)}\n`);
    return;
  }
  const predicted = new Set(predictions.get(query) ?? []);
  const relevant = new Set(labelled.relevant);
  process.stdout.write(`\n${query} (balanced)\nfalse positives: ${[...predicted].filter((id) => !relevant.has(id)).join(" ")}\n`);
  process.stdout.write(`misses: ${[...relevant].filter((id) => !predicted.has(id)).join(" ")}\n`);
}

main();
