/** parse, ingest, match, search: the archive from the shell. */
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { MATCH_STRICTNESS, type MatchStrictness } from "../core/channel.js";
import { parseDigest } from "../core/digest/parse.js";
import { errorMessage, PaperboyError } from "../core/errors.js";
import { rankMatches } from "../core/match-result.js";
import { createTopicTools } from "../core/topic-tools.js";
import { likeContextFrom } from "../core/like-context.js";
import { searchArchive } from "../core/search.js";
import { ingestFiles } from "../ingest.js";
import { openStore } from "../store/open-store.js";
import { configuredAuthorization, readDigestInputs, reportSkipped, type SkippedInput } from "./digest-inputs.js";
import { checkDateOption, cliLogger, printJson, resolveConfig, usageError, type GlobalOptions } from "./context.js";

/** `parse <file>` prints `{date, papers, warnings}`; `parse <folder>` parses every digest in it. */
export async function parseCommand(input: string, options: { json?: boolean; date?: string }): Promise<void> {
  checkDateOption("--date", options.date);
  const { files, skipped } = await readDigestInputs([input]);
  reportSkipped(skipped);
  if (files.length === 0) throw new PaperboyError("not_found", `no .md or .jsonl digest in ${input}`);
  const folder = files.length > 1 || files[0]!.source !== input;
  const results = files.map((file) => {
    const parsed = parseDigest(file.text, file.name);
    return { file: file.name, format: parsed.format, date: parsed.date ?? options.date ?? null, papers: parsed.papers, warnings: parsed.warnings };
  });
  if (options.json) {
    printJson(folder ? results : { date: results[0]!.date, papers: results[0]!.papers, warnings: results[0]!.warnings });
    return;
  }
  for (const r of results) {
    process.stdout.write(`${r.file}: ${r.format}, date ${r.date ?? "unknown"}, ${r.papers.length} papers, ${r.warnings.length} warnings\n`);
    for (const warning of r.warnings) process.stdout.write(`  line ${warning.line}: ${warning.message} (${warning.code})\n`);
  }
}

export async function ingestCommand(inputs: string[], options: GlobalOptions & { json?: boolean; date?: string; replace?: boolean }): Promise<void> {
  checkDateOption("--date", options.date);
  const config = resolveConfig(options);
  const authorization = configuredAuthorization(config);
  const { files, skipped } = await readDigestInputs(inputs, authorization ? { authorization } : {});
  reportSkipped(skipped);
  if (files.length === 0) throw new PaperboyError("not_found", `no .md or .jsonl digest in ${inputs.join(", ")}`);
  const store = await openStore(config.db, { logger: cliLogger(config) });
  const rejected: SkippedInput[] = [];
  try {
    await store.migrate();
    const today = () => new Date().toISOString().slice(0, 10);
    const reports = await ingestFiles(store, files, { today, replace: Boolean(options.replace), ...(options.date ? { date: options.date } : {}) }, (file, error) => rejected.push(rejection(file.name, error)));
    // On stderr in both modes: with --json the report also carries it (outcome "kept", storedPapers).
    for (const r of reports) if (r.outcome === "kept") process.stderr.write(`paperboy: ${r.file}: ${r.reason}\n`);
    if (options.json) printJson({ files: reports, rejected, skipped, papers: await store.countPapers() });
    else {
      for (const r of reports) {
        process.stdout.write(`${r.file}: ${r.date} ${r.outcome}, ${r.papers} papers (${r.newPapers} new), ${r.warnings.length} warnings${r.reason ? ` — ${r.reason}` : ""}\n`);
        for (const w of r.warnings.slice(0, 10)) process.stdout.write(`    ${w.line > 0 ? `line ${w.line}: ` : ""}${w.message}\n`);
        if (r.warnings.length > 10) process.stdout.write(`    … ${r.warnings.length - 10} more warnings\n`);
      }
      for (const r of rejected) process.stderr.write(`paperboy: rejected ${r.file}: ${r.message} (${r.code})\n`);
      process.stdout.write(`archive: ${await store.countPapers()} papers\n`);
    }
  } finally {
    await store.close();
  }
  if (rejected.length > 0) throw new PaperboyError("ingest_failed", `${rejected.length} of ${files.length} files rejected: ${rejected[0]!.file}: ${rejected[0]!.message}${rejected.length > 1 ? " …" : ""}`);
}

/** `{file, code, message}`, the message without the file name that errors start with. */
function rejection(file: string, error: unknown): SkippedInput {
  const message = errorMessage(error);
  return { file, code: error instanceof PaperboyError ? error.code : "error", message: message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message };
}

export async function matchCommand(topic: string, inputs: string[], options: { json?: boolean; match?: string }): Promise<void> {
  const strictness = options.match ?? "balanced";
  if (!isStrictness(strictness)) throw usageError(`--match must be one of ${MATCH_STRICTNESS.join(", ")}`);
  const tools = createTopicTools();
  const parsed = tools.parseList(topic);
  if (!parsed.ok) throw usageError(parsed.message);
  const { files, skipped } = await readDigestInputs(inputs);
  reportSkipped(skipped);
  const results = [];
  const digests = files.map((file) => {
    const digest = parseDigest(file.text, file.name);
    const date = digest.date ?? "";
    return { file, papers: digest.papers.map((paper) => ({ ...paper, firstSeen: date, lastSeen: date })) };
  });
  // like:<id> compares with a paper of the given digests, over their vocabulary.
  const like = likeContextFrom(digests.flatMap((d) => d.papers), parsed.topics);
  if (like.missing.length > 0) throw usageError(`${like.missing.join(", ")}: not in the given digests, so like: has no paper to compare with`);
  for (const { file, papers } of digests) {
    const topics = parsed.topics.map((text, i) => ({ id: i + 1, channelId: "", text, createdAt: "" }));
    for (const match of rankMatches(tools.matchTopics(topics, papers, strictness, like.context))) {
      results.push({ file: file.name, id: match.paper.id, title: match.paper.title, url: match.paper.url, terms: match.terms, topics: match.topicIds.map((id) => parsed.topics[id - 1]), spans: match.spans, score: match.score, reasons: match.reasons ?? [] });
    }
  }
  if (options.json) printJson(results);
  else {
    for (const r of results) process.stdout.write(`${r.id}  ${r.title}\n    matched: ${r.terms.join(", ")}\n`);
    process.stdout.write(`${results.length} matching paper${results.length === 1 ? "" : "s"}\n`);
  }
}

function isStrictness(value: string): value is MatchStrictness {
  return (MATCH_STRICTNESS as readonly string[]).includes(value);
}

export async function searchCommand(query: string, options: GlobalOptions & { json?: boolean; limit?: string }): Promise<void> {
  const limit = Number(options.limit ?? 5);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw usageError("--limit must be a whole number from 1 to 500");
  const config = resolveConfig(options);
  const tools = createTopicTools();
  const parsed = tools.parseList(query);
  if (!parsed.ok) throw usageError(parsed.message);
  if (parsed.topics.length !== 1) throw usageError("search takes one topic (no commas)");
  const store = await openStore(config.db, { logger: cliLogger(config) });
  try {
    await store.migrate();
    const { matches } = await searchArchive(store, tools, query, limit);
    const results = matches.map((m) => ({ id: m.paper.id, title: m.paper.title, url: m.paper.url, authors: m.paper.authors, categories: m.paper.categories, lastSeen: m.paper.lastSeen, terms: m.terms, score: m.score }));
    if (options.json) printJson(results);
    else {
      for (const r of results) process.stdout.write(`${r.id}  ${r.title}  (${r.lastSeen})\n    matched: ${r.terms.join(", ")}\n`);
      if (results.length === 0) process.stdout.write("no matching paper in the archive\n");
    }
  } finally {
    await store.close();
  }
}

