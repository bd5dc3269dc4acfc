/** parse, ingest, match, search: the archive from the shell. */
import { readFile, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { MATCH_STRICTNESS, type MatchStrictness } from "../core/channel.js";
import { parseDigest } from "../core/digest/parse.js";
import { errorMessage, PaperboyError } from "../core/errors.js";
import type { DigestFile } from "../core/ports.js";
import { rankMatches } from "../core/match-result.js";
import { createTopicTools } from "../core/topic-tools.js";
import { searchArchive } from "../core/search.js";
import { ingestFiles } from "../ingest.js";
import { openStore } from "../store/open-store.js";
import { cliLogger, printJson, resolveConfig, usageError, type GlobalOptions } from "./context.js";

export async function readDigestFiles(inputs: string[]): Promise<DigestFile[]> {
  const files: DigestFile[] = [];
  for (const input of inputs) {
    if (/^https?:\/\//i.test(input)) {
      const url = input;
      const text = await (await fetch(url, { signal: AbortSignal.timeout(30_000) })).text();
      files.push({ name: basename(new URL(url).pathname), source: url, text });
      continue;
    }
    const info = await stat(input).catch(() => null);
    if (!info) throw new PaperboyError("not_found", `no such file or folder: ${input}`);
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((name) => /\.(md|jsonl)$/i.test(name)).sort();
      for (const name of names) files.push({ name, source: join(input, name), text: await readFile(join(input, name), "utf8") });
    } else {
      files.push({ name: basename(input), source: input, text: await readFile(input, "utf8") });
    }
  }
  return files;
}

export async function parseCommand(file: string, options: { json?: boolean; date?: string }): Promise<void> {
  const [digest] = await readDigestFiles([file]);
  if (!digest) throw new PaperboyError("not_found", `no digest file at ${file}`);
  const parsed = parseDigest(digest.text, digest.name);
  const date = parsed.date ?? options.date ?? null;
  if (options.json) {
    printJson({ date, papers: parsed.papers, warnings: parsed.warnings });
    return;
  }
  process.stdout.write(`${digest.name}: ${parsed.format}, date ${date ?? "unknown"}, ${parsed.papers.length} papers, ${parsed.warnings.length} warnings\n`);
  for (const warning of parsed.warnings) process.stdout.write(`  line ${warning.line}: ${warning.message} (${warning.code})\n`);
}

export async function ingestCommand(inputs: string[], options: GlobalOptions & { json?: boolean; date?: string }): Promise<void> {
  if (options.date && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) throw usageError(`--date must be YYYY-MM-DD, got '${options.date}'`);
  const config = resolveConfig(options);
  const files = await readDigestFiles(inputs);
  if (files.length === 0) throw new PaperboyError("not_found", `no .md or .jsonl digest in ${inputs.join(", ")}`);
  const store = await openStore(config.db, { logger: cliLogger(config) });
  const rejected: string[] = [];
  try {
    await store.migrate();
    const today = () => new Date().toISOString().slice(0, 10);
    const reports = await ingestFiles(store, files, { today, ...(options.date ? { date: options.date } : {}) }, (file, error) => rejected.push(`${file.name}: ${errorMessage(error)}`));
    if (options.json) printJson({ files: reports, rejected, papers: await store.countPapers() });
    else {
      for (const r of reports) {
        process.stdout.write(`${r.file}: ${r.date} ${r.outcome}, ${r.papers} papers (${r.newPapers} new), ${r.warnings.length} warnings${r.reason ? ` — ${r.reason}` : ""}\n`);
        for (const w of r.warnings.slice(0, 10)) process.stdout.write(`    line ${w.line}: ${w.message}\n`);
        if (r.warnings.length > 10) process.stdout.write(`    … ${r.warnings.length - 10} more warnings\n`);
      }
      for (const line of rejected) process.stderr.write(`rejected ${line}\n`);
      process.stdout.write(`archive: ${await store.countPapers()} papers\n`);
    }
  } finally {
    await store.close();
  }
  if (rejected.length > 0) throw new PaperboyError("ingest_failed", `${rejected.length} of ${files.length} files rejected: ${rejected[0]}${rejected.length > 1 ? " …" : ""}`);
}

export async function matchCommand(topic: string, inputs: string[], options: { json?: boolean; match?: string }): Promise<void> {
  const strictness = options.match ?? "balanced";
  if (!isStrictness(strictness)) throw usageError(`--match must be one of ${MATCH_STRICTNESS.join(", ")}`);
  const tools = createTopicTools();
  const parsed = tools.parseList(topic);
  if (!parsed.ok) throw usageError(parsed.message);
  const files = await readDigestFiles(inputs);
  const results = [];
  for (const file of files) {
    const digest = parseDigest(file.text, file.name);
    const date = digest.date ?? "";
    const papers = digest.papers.map((paper) => ({ ...paper, firstSeen: date, lastSeen: date }));
    const topics = parsed.topics.map((text, i) => ({ id: i + 1, channelId: "", text, createdAt: "" }));
    for (const match of rankMatches(tools.matchTopics(topics, papers, strictness))) {
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

