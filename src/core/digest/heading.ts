import { idFromAbsUrl, normalizeArxivId } from "./arxiv-id.js";

export interface EntryHeading {
  title: string;
  url: string;
  /** Id without version. */
  id: string;
}

export type HeadingResult = { ok: true; heading: EntryHeading } | { ok: false; reason: string };

/**
 * `### [12] [Title](https://arxiv.org/abs/2512.09277)` (the `[12] ` is absent in older templates).
 * Titles may contain `[`, `]` and even `](`, so the link is found from the end of the line: the last
 * `](` starts the URL. No regex runs over the title, so hostile titles cost linear time.
 */
export function parseEntryHeading(line: string): HeadingResult {
  const s = line.trimEnd();
  if (!s.endsWith(")")) return { ok: false, reason: "the heading does not end with a link" };
  const open = s.lastIndexOf("](");
  if (open === -1) return { ok: false, reason: "the heading does not end with a link" };
  const url = s.slice(open + 2, -1).trim();
  const rawId = idFromAbsUrl(url);
  if (rawId === null) return { ok: false, reason: `the link is not an arXiv abstract URL (${clip(url)})` };
  const id = normalizeArxivId(rawId);
  if (id === null) return { ok: false, reason: `"${clip(rawId)}" is not an arXiv id` };
  const title = titleOf(s.slice(4, open));
  if (title === null) return { ok: false, reason: "the heading has no [title]" };
  return { ok: true, heading: { title, url, id } };
}

/** `[12] [Title` or `[Title` → `Title`. */
function titleOf(head: string): string | null {
  let h = head.trimStart();
  const number = /^\[\d+\]\s*(?=\[)/.exec(h);
  if (number !== null) h = h.slice(number[0].length);
  if (!h.startsWith("[")) return null;
  const title = h.slice(1).trim();
  return title === "" ? null : title;
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
