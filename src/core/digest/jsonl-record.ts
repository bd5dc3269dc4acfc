import type { Paper } from "../paper.js";
import { normalizeArxivId } from "./arxiv-id.js";
import { splitAuthors } from "./authors.js";
import { fieldOrNull } from "./placeholders.js";
import { stripControlChars } from "./sanitize.js";
import { joinFieldLines, unwrapText } from "./unwrap.js";

export type RecordResult = { ok: true; paper: Paper } | { ok: false; reason: string };

/**
 * One JSONL record → Paper. `categories[0]` is the primary category; very old files name the TL;DR
 * `task`; forks add fields of their own, which are ignored.
 */
export function recordToPaper(value: unknown): RecordResult {
  if (!isObject(value)) return { ok: false, reason: `expected a JSON object, got ${describe(value)}` };
  const rawId = value["id"];
  if (typeof rawId !== "string") return { ok: false, reason: "no string \"id\"" };
  const id = normalizeArxivId(rawId);
  if (id === null) return { ok: false, reason: `"${rawId.slice(0, 40)}" is not an arXiv id` };
  const title = typeof value["title"] === "string" ? collapseSpace(stripControlChars(value["title"])) : "";
  if (title === "") return { ok: false, reason: `paper ${id} has no title` };
  const ai = isObject(value["AI"]) ? value["AI"] : {};
  const aiField = (name: string): string | null => {
    const v = ai[name];
    return typeof v === "string" ? fieldOrNull(joinFieldLines(stripControlChars(v).split("\n"))) : null;
  };
  const summary = value["summary"];
  const abs = stringOrNull(value["abs"]);
  return {
    ok: true,
    paper: {
      id,
      title,
      authors: authorsOf(value["authors"]),
      categories: stringsOf(value["categories"]),
      url: abs ?? `https://arxiv.org/abs/${id}`,
      tldr: aiField("tldr") ?? aiField("task"),
      motivation: aiField("motivation"),
      method: aiField("method"),
      result: aiField("result"),
      conclusion: aiField("conclusion"),
      abstract: typeof summary === "string" ? fieldOrNull(unwrapText(stripControlChars(summary))) : null,
      comment: stringOrNull(value["comment"]),
      pdfUrl: stringOrNull(value["pdf"]),
      codeUrl: stringOrNull(value["code_url"]),
      codeStars: typeof value["code_stars"] === "number" && Number.isFinite(value["code_stars"]) ? value["code_stars"] : null,
    },
  };
}

function authorsOf(v: unknown): string[] {
  if (typeof v === "string") return splitAuthors(stripControlChars(v));
  return stringsOf(v);
}

function stringsOf(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  const out: string[] = [];
  for (const item of v) {
    if (typeof item !== "string") continue;
    const s = stripControlChars(item).trim();
    if (s !== "") out.push(s);
  }
  return out;
}

function stringOrNull(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const s = stripControlChars(v).trim();
  return s === "" ? null : s;
}

function collapseSpace(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (v === null) return "null";
  return `a ${typeof v}`;
}
