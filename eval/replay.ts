/**
 * Replay: does learning from votes help? For each query of ../shared/eval/labels.json a simulated channel
 * subscribes with the query, votes on what it was posted from the first three digests (in labels.json's
 * "digests" order) by the labels — relevant 👍, anything else 👎 — and is scored on the last two digests:
 * keyword matching alone, learn `rank` (same papers, reordered: precision of each digest's top 5) and
 * learn `filter` (the model also holds papers back: precision, recall, F1 over what is still posted;
 * as the product does, it only ranks until the channel has voted enough both ways, see learn-mode.ts).
 * Two kinds of subscription: `topic` (the query as a paperboy topic) and `candidates` (every paper
 * containing any of the query's generous candidate terms, as the labelled set defines them: a broad,
 * noisy subscription, where a channel has much more to vote down).
 * Run alone: `node dist/eval/replay.js [eval dir] [filter threshold]` (default ../shared/eval, 0.25).
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { TopicRecord } from "../src/core/channel.js";
import { parseDigest } from "../src/core/digest/parse.js";
import { trainChannelModel } from "../src/core/learn/channel-model.js";
import { applyLearning, FILTER_THRESHOLD } from "../src/core/learn/combine.js";
import { effectiveLearnMode } from "../src/core/learn/learn-mode.js";
import { buildVocabulary } from "../src/core/learn/tfidf.js";
import type { PaperMatch } from "../src/core/match-result.js";
import { TEXT_FIELDS, type ArchivedPaper } from "../src/core/paper.js";
import type { Vote } from "../src/core/vote.js";
import { createTopicTools } from "../src/core/topic-tools.js";
import { prf, type ScoreRow } from "./score.js";

export interface ReplayOptions {
  /** The labelled set's folder (labels.json, digests/). */
  evalDir?: string;
  /** Digests voted on; the rest are scored. */
  trainDigests?: number;
  /** `filter` holds back papers the model gives a probability below this (default FILTER_THRESHOLD). */
  threshold?: number;
  /** `topic` (default): the query as a topic; `candidates`: any of the labelled set's candidate terms. */
  subscription?: "topic" | "candidates";
}

/** One row's counts and ratios, as score.ts computes them. */
export type Scores = Omit<ScoreRow, "query" | "relevant" | "predicted">;

export interface ReplayRow {
  query: string;
  votes: { up: number; down: number };
  /** What `learn: auto` would do with these votes. */
  autoMode: string;
  keyword: Scores;
  filter: Scores;
  heldBack: number;
  /** Mean precision of each scored digest's first five posts (digests with matches only); null when none. */
  top5: { keyword: number | null; rank: number | null };
}

export type ReplayResult = { skipped: string } | { rows: ReplayRow[]; total: ReplayRow; markdown: string };

interface Labels {
  queries: Array<{ query: string; relevant: string[]; candidate_terms: string[] }>;
  digests: string[];
}

export function runReplay(options: ReplayOptions = {}): ReplayResult {
  const evalDir = resolve(options.evalDir ?? "../shared/eval");
  const labelsFile = join(evalDir, "labels.json");
  if (!existsSync(labelsFile)) return { skipped: `no labelled set at ${evalDir} (labels.json missing)` };
  const labels = JSON.parse(readFileSync(labelsFile, "utf8")) as Labels;
  const digests = labels.digests.map((file) => readDigest(join(evalDir, "digests", file), file));
  const split = options.trainDigests ?? 3;
  const threshold = options.threshold ?? FILTER_THRESHOLD;
  const vocabulary = buildVocabulary(digests.flat());
  const tools = createTopicTools();
  const rows = labels.queries.map((query) => {
    const relevant = new Set(query.relevant);
    const topics: TopicRecord[] = [{ id: 1, channelId: "console:replay", text: query.query, createdAt: "" }];
    const matched = digests.map((papers) => (options.subscription === "candidates" ? candidateMatches(query.candidate_terms, papers) : tools.matchTopics(topics, papers)));
    const votes: Vote[] = matched.slice(0, split).flat().map((match) => ({ paperId: match.paper.id, userId: "replay", value: relevant.has(match.paper.id) ? "up" : "down", at: "" }));
    const papers = new Map(matched.slice(0, split).flat().map((match) => [match.paper.id, match.paper]));
    const model = trainChannelModel({ votes, papers, vocabulary });
    const counts = { up: votes.filter((v) => v.value === "up").length, down: votes.filter((v) => v.value === "down").length };
    const scored = digests.slice(split);
    const relevantInScored = scored.flat().filter((paper) => relevant.has(paper.id)).length;
    const keywordPosted: PaperMatch[] = [];
    const filterPosted: PaperMatch[] = [];
    const top5 = { keyword: [] as number[], rank: [] as number[] };
    let heldBack = 0;
    for (const day of matched.slice(split)) {
      const keyword = applyLearning(day, "off", null).kept.map((m) => m.match);
      const rank = applyLearning(day, "rank", model).kept.map((m) => m.match);
      const filter = applyLearning(day, effectiveLearnMode("filter", counts), model, { threshold });
      keywordPosted.push(...keyword);
      filterPosted.push(...filter.kept.map((m) => m.match));
      heldBack += filter.heldBack.length;
      if (day.length > 0) {
        top5.keyword.push(precisionOf(keyword.slice(0, 5), relevant));
        top5.rank.push(precisionOf(rank.slice(0, 5), relevant));
      }
    }
    return {
      query: query.query,
      votes: counts,
      autoMode: effectiveLearnMode("auto", counts),
      keyword: scoresOf(keywordPosted, relevant, relevantInScored),
      filter: scoresOf(filterPosted, relevant, relevantInScored),
      heldBack,
      top5: { keyword: mean(top5.keyword), rank: mean(top5.rank) },
    };
  });
  const total = totalRow(rows);
  const heading = options.subscription === "candidates" ? "Subscription: any candidate term of the labelled set (broad)." : "Subscription: the query as a paperboy topic.";
  return { rows, total, markdown: `${heading} ${markdownTable([...rows, total], labels.digests.slice(split), threshold)}` };
}

function readDigest(path: string, file: string): ArchivedPaper[] {
  const parsed = parseDigest(readFileSync(path, "utf8"), file);
  const date = parsed.date ?? "";
  return parsed.papers.map((paper) => ({ ...paper, firstSeen: date, lastSeen: date }));
}

/**
 * Papers with any candidate term in a text field (case-insensitive substrings; `re:…` a case-insensitive
 * regular expression), ranked like the matcher ranks: a title hit first, then more fields hit.
 */
function candidateMatches(terms: string[], papers: ArchivedPaper[]): PaperMatch[] {
  const patterns = terms.map((term) => (term.startsWith("re:") ? new RegExp(term.slice(3), "i") : new RegExp(term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i")));
  const out: PaperMatch[] = [];
  for (const paper of papers) {
    const hit = TEXT_FIELDS.filter((field) => patterns.some((pattern) => pattern.test(paper[field] ?? "")));
    if (hit.length > 0) out.push({ paper, topicIds: [1], terms: [], spans: [], score: (hit.includes("title") ? 10_000 : 0) + 100 + hit.length });
  }
  return out;
}

const precisionOf = (matches: PaperMatch[], relevant: Set<string>): number =>
  matches.length === 0 ? 0 : matches.filter((m) => relevant.has(m.paper.id)).length / matches.length;

const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);

function scoresOf(posted: PaperMatch[], relevant: Set<string>, relevantTotal: number): Scores {
  const tp = posted.filter((m) => relevant.has(m.paper.id)).length;
  return withRatios({ tp, fp: posted.length - tp, fn: relevantTotal - tp });
}

function withRatios({ tp, fp, fn }: { tp: number; fp: number; fn: number }): Scores {
  return { tp, fp, fn, ...prf(tp, fp, fn) };
}

/** Micro totals (pooled counts); the top-5 columns average the queries that have a value. */
function totalRow(rows: ReplayRow[]): ReplayRow {
  const pool = (pick: (row: ReplayRow) => Scores) =>
    withRatios(rows.reduce((sum, row) => ({ tp: sum.tp + pick(row).tp, fp: sum.fp + pick(row).fp, fn: sum.fn + pick(row).fn }), { tp: 0, fp: 0, fn: 0 }));
  const present = (values: Array<number | null>) => mean(values.filter((v): v is number => v !== null));
  return {
    query: "micro (all queries)",
    votes: { up: rows.reduce((s, r) => s + r.votes.up, 0), down: rows.reduce((s, r) => s + r.votes.down, 0) },
    autoMode: `${rows.filter((r) => r.autoMode !== "off").length}/${rows.length} rank`,
    keyword: pool((r) => r.keyword),
    filter: pool((r) => r.filter),
    heldBack: rows.reduce((s, r) => s + r.heldBack, 0),
    top5: { keyword: present(rows.map((r) => r.top5.keyword)), rank: present(rows.map((r) => r.top5.rank)) },
  };
}

function markdownTable(rows: ReplayRow[], scoredDigests: string[], threshold: number): string {
  const f = (value: number | null) => (value === null ? "–" : value.toFixed(2));
  const lines = [
    `Scored on ${scoredDigests.join(", ")}; filter holds back p < ${threshold}.`,
    "",
    "| query | votes 👍/👎 | auto | keyword P | R | F1 | filter P | R | F1 | held back | top-5 P keyword | top-5 P rank |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.query} | ${r.votes.up}/${r.votes.down} | ${r.autoMode} | ${f(r.keyword.precision)} | ${f(r.keyword.recall)} | ${f(r.keyword.f1)} | ${f(r.filter.precision)} | ${f(r.filter.recall)} | ${f(r.filter.f1)} | ${r.heldBack} | ${f(r.top5.keyword)} | ${f(r.top5.rank)} |`,
    );
  }
  return lines.join("\n");
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const threshold = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  for (const subscription of ["topic", "candidates"] as const) {
    const result = runReplay({ evalDir: process.argv[2], threshold, subscription });
    if ("skipped" in result) {
      process.stdout.write(`replay skipped: ${result.skipped}\n`);
      break;
    }
    process.stdout.write(`${result.markdown}\n\n`);
  }
}
