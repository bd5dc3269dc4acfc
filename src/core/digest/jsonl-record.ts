import type { Paper } from "../paper.js";
import { arxivAbsUrl, arxivPdfUrl, linkAgrees, normalizeArxivId } from "./arxiv-id.js";
import { safeCodeUrl } from "./code-url.js";
import { splitAuthors } from "./authors.js";
import { fieldOrNull } from "./placeholders.js";
import { stripControlChars } from "./sanitize.js";
import { joinFieldLines, unwrapText } from "./unwrap.js";

/** A problem in a record that was still taken (a link replaced or dropped). */
export interface RecordWarning {
  code: string;
  message: string;
}

export type RecordResult = { ok: true; paper: Paper; warnings: RecordWarning[] } | { ok: false; reason: string };

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
  const warnings: RecordWarning[] = [];
  const abs = stringOrNull(value["abs"]);
  if (abs !== null && !linkAgrees(abs, id, "abs")) warnings.push(mismatch(id, "abs", abs, arxivAbsUrl(id)));
  const pdf = stringOrNull(value["pdf"]);
  if (pdf !== null && !linkAgrees(pdf, id, "pdf")) warnings.push(mismatch(id, "pdf", pdf, arxivPdfUrl(id)));
  const rawCode = stringOrNull(value["code_url"]);
  const codeUrl = rawCode === null ? null : safeCodeUrl(rawCode);
  if (rawCode !== null && codeUrl === null) {
    warnings.push({ code: "bad_code_url", message: `paper ${id}: code_url dropped: "${clip(rawCode)}" is not an https:// link to a named host` });
  }
  return {
    ok: true,
    warnings,
    paper: {
      id,
      title,
      authors: authorsOf(value["authors"]),
      categories: stringsOf(value["categories"]),
      url: arxivAbsUrl(id),
      tldr: aiField("tldr") ?? aiField("task"),
      motivation: aiField("motivation"),
      method: aiField("method"),
      result: aiField("result"),
      conclusion: aiField("conclusion"),
      abstract: typeof summary === "string" ? fieldOrNull(unwrapText(stripControlChars(summary))) : null,
      comment: stringOrNull(value["comment"]),
      pdfUrl: arxivPdfUrl(id),
      codeUrl,
      codeStars: typeof value["code_stars"] === "number" && Number.isFinite(value["code_stars"]) ? value["code_stars"] : null,
    },
  };
}

function mismatch(id: string, field: string, given: string, used: string): RecordWarning {
  return { code: "url_mismatch", message: `paper ${id}: the digest's ${field} link "${clip(given)}" is not this paper's arXiv link; using ${used}` };
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
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
