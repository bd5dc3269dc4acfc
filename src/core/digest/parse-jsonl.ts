import type { ParsedDigest } from "../paper.js";
import { recordToPaper } from "./jsonl-record.js";
import { PaperCollector } from "./paper-collector.js";
import { sanitizeText } from "./sanitize.js";

export interface JsonlParse {
  digest: ParsedDigest;
  /** Non-blank lines that were not a paper; lets the caller tell a broken digest from a non-digest. */
  badLines: number;
}

/** JSONL digest → papers: one JSON object per line; a bad line is skipped with a warning naming it. */
export function parseJsonl(input: string, date: string | null = null): ParsedDigest {
  return parseJsonlDetailed(input, date).digest;
}

export function parseJsonlDetailed(input: string, date: string | null = null): JsonlParse {
  // Control characters inside JSON strings are escaped (\u000c), so stripping raw ones loses nothing;
  // the decoded values are cleaned again below.
  const { text } = sanitizeText(input);
  const out = new PaperCollector();
  let badLines = 0;
  let lineNo = 0;
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end).trim();
    pos = end + 1;
    lineNo++;
    if (line === "") continue;
    const result = parseLine(line);
    if (result.ok) {
      for (const warning of result.warnings) out.warn(lineNo, warning.code, `line ${lineNo}: ${warning.message}`);
      out.add(result.paper, lineNo);
    } else {
      badLines++;
      out.warn(lineNo, "bad_record", `line ${lineNo}: record skipped: ${result.reason}`);
    }
  }
  return { digest: { date, format: "jsonl", papers: out.papers, warnings: out.warnings }, badLines };
}

function parseLine(line: string): ReturnType<typeof recordToPaper> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, reason: `invalid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  return recordToPaper(value);
}
