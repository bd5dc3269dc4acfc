import type { ParsedDigest } from "../paper.js";
import { arxivAbsUrl, linkAgrees } from "./arxiv-id.js";
import { isAuthorsLine, parseAuthorsLine } from "./authors.js";
import { matchLabel, type LabelLine } from "./fields.js";
import { parseEntryHeading } from "./heading.js";
import { draftToPaper, newDraft, type EntryDraft, type TextFieldName } from "./markdown-entry.js";
import { PaperCollector } from "./paper-collector.js";
import { sanitizeText } from "./sanitize.js";
import { sectionFromLine } from "./sections.js";

/** The field a line belongs to: a known text field, a field this parser skips, or none. */
type Current = TextFieldName | "skipped" | null;

/**
 * Markdown digest → papers, in one pass over the lines. Each line is classified by its first characters
 * and the end of its text, with no backtracking pattern anywhere, so the cost stays linear in the input
 * whatever it contains.
 */
export function parseMarkdown(input: string, date: string | null = null): ParsedDigest {
  const { text, removed, firstLine } = sanitizeText(input);
  const out = new PaperCollector();
  if (removed > 0 && firstLine !== null) {
    out.warn(firstLine, "control_chars", `removed ${removed} control character(s), the first on line ${firstLine}`);
  }
  const unknownLabels = new Map<string, number>();
  let draft: EntryDraft | null = null;
  let current: Current = null;
  let section: string | null = null;
  let prevBlank = true;
  let prevLabel = false;

  const finish = (): void => {
    if (draft !== null) out.add(draftToPaper(draft), draft.line);
    draft = null;
    current = null;
  };

  let lineNo = 0;
  for (let pos = 0; pos <= text.length; ) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    lineNo++;
    const blank = isBlank(line);
    let isLabel = false;

    if (line.startsWith("### ")) {
      finish();
      const parsed = parseEntryHeading(line);
      if (parsed.ok) {
        draft = newDraft(parsed.heading, lineNo, section);
        if (!linkAgrees(parsed.heading.url, parsed.heading.id, "abs")) {
          out.warn(lineNo, "url_mismatch", `line ${lineNo}: the link "${parsed.heading.url.slice(0, 80)}" is not paper ${parsed.heading.id}'s arXiv page; using ${arxivAbsUrl(parsed.heading.id)}`);
        }
      }
      else if (line.includes("](")) out.warn(lineNo, "bad_entry", `line ${lineNo}: entry skipped: ${parsed.reason}`);
    } else if (isSectionLine(line, current)) {
      const s = sectionFromLine(line);
      if (s !== undefined) {
        finish();
        section = s;
      }
    } else if (draft !== null) {
      const d: EntryDraft = draft;
      const tag = line.trim();
      if (tag === "<details>" || tag === "</details>") {
        current = null;
      } else if (tag.startsWith("<summary")) {
        // The <details> header line carries no data.
      } else {
        const label = matchLabel(line);
        if (label !== null && label.field !== null && (current !== "abstract" || prevBlank)) {
          isLabel = true;
          current = startKnownField(d, label);
        } else if (label !== null && current !== "abstract" && (prevBlank || prevLabel) && isPlausibleLabel(label.label)) {
          isLabel = true;
          current = "skipped";
          if (!unknownLabels.has(label.label)) unknownLabels.set(label.label, lineNo);
        } else if (current === "skipped") {
          // Body of a field this parser does not know.
        } else if (current !== null) {
          (d.fields[current] ??= []).push(line);
        } else if (d.authors === null && isAuthorsLine(line)) {
          d.authors = parseAuthorsLine(line);
        }
      }
    }
    prevBlank = blank;
    prevLabel = isLabel;
  }
  finish();

  if (unknownLabels.size > 0) {
    const [first] = unknownLabels.values();
    const list = [...unknownLabels.keys()].map((l) => `"${l}"`).join(", ");
    out.warn(first ?? 1, "unknown_field", `unknown labelled field(s) skipped: ${list} (first on line ${first})`);
  }
  // The unknown-field summary is written last but belongs where the first such field was.
  const warnings = out.warnings.sort((a, b) => a.line - b.line);
  return { date, format: "markdown", papers: out.papers, warnings };
}

function startKnownField(d: EntryDraft, label: LabelLine): Current {
  switch (label.field) {
    case "authors":
      d.authors = parseAuthorsLine(label.rest);
      return null;
    case "mainCategory":
      d.mainCategory = label.rest === "" ? null : label.rest;
      return null;
    case null:
      return "skipped";
    default: {
      // A field may repeat in a drifted template; the later text replaces the earlier.
      d.fields[label.field] = [label.rest];
      return label.field;
    }
  }
}

/** `<div id='cs.DC'></div>` and `# cs.DC [[Back]](#toc)` open a section; inside an abstract only the former. */
function isSectionLine(line: string, current: Current): boolean {
  if (line.startsWith("<div id=")) return true;
  if (!line.startsWith("# ") && !line.startsWith("## ")) return false;
  return current !== "abstract" || line.includes("[[Back]]");
}

/** Unknown labels are short names (`Background`, `Data`, `Key Findings`), not sentences with a colon. */
function isPlausibleLabel(label: string): boolean {
  const c = label.charCodeAt(0);
  if (c < 65 || c > 90) return false;
  let spaces = 0;
  for (let i = 0; i < label.length; i++) if (label.charCodeAt(i) === 32) spaces++;
  return spaces <= 2;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
