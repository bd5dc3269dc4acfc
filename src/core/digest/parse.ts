import { PaperboyError } from "../errors.js";
import type { ParsedDigest } from "../paper.js";
import { dateFromFileName } from "./date-from-file-name.js";
import { parseJsonlDetailed } from "./parse-jsonl.js";
import { parseMarkdown } from "./parse-markdown.js";
import { looksLikeMarkdownDigest, notADigestReason, sniffFormat } from "./sniff.js";

/**
 * Any digest file's text → papers. The format comes from the extension (`.md`, `.jsonl`), else from the
 * content; the date from the file name. Throws `not_a_digest` for content that is not a digest at all,
 * so that ingesting it changes nothing. An empty file is not a digest either; a digest with its marks but
 * no entries (the table of contents only, DIGESTS.md) is, and yields no papers.
 */
export function parseDigest(text: string, fileName: string): ParsedDigest {
  if (isBlank(text)) throw notADigest(fileName, "no paper entries found (the file is empty)");
  const reason = notADigestReason(text);
  if (reason !== null) throw notADigest(fileName, reason);
  const date = dateFromFileName(fileName);
  const format = formatOf(text, fileName);
  if (format === "jsonl") return parseJsonlFile(text, fileName, date);
  if (format === "markdown") return parseMarkdownFile(text, fileName, date);
  throw notADigest(fileName, "neither a Markdown digest (no table of contents, no arXiv entry headings) nor JSONL");
}

function formatOf(text: string, fileName: string): "markdown" | "jsonl" | "unknown" {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) return "jsonl";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  return sniffFormat(text);
}

function parseMarkdownFile(text: string, fileName: string, date: string | null): ParsedDigest {
  const digest = parseMarkdown(text, date);
  if (digest.papers.length > 0 || looksLikeMarkdownDigest(text)) return digest;
  throw notADigest(fileName, "no table of contents and no entry heading linking to arxiv.org/abs/");
}

function parseJsonlFile(text: string, fileName: string, date: string | null): ParsedDigest {
  const { digest, badLines } = parseJsonlDetailed(text, date);
  if (digest.papers.length === 0 && badLines > 0) {
    const first = digest.warnings.find((w) => w.code === "bad_record");
    throw notADigest(fileName, `no line is a paper record (${first?.message ?? `${badLines} bad lines`})`);
  }
  return digest;
}

function notADigest(fileName: string, reason: string): PaperboyError {
  return new PaperboyError("not_a_digest", `${fileName}: not a digest: ${reason}`, { file: fileName });
}

function isBlank(text: string): boolean {
  return text.trim() === "";
}
