/**
 * Cheap looks at the start of a file, to tell digests from things that are not: binary data, HTML pages,
 * JSON documents. Only the first SNIFF_BYTES characters are examined, so huge input costs nothing here.
 */
const SNIFF_CHARS = 16 * 1024;

export type Sniffed = "markdown" | "jsonl" | "unknown";

/** A reason the content is certainly not a digest, or null. */
export function notADigestReason(text: string): string | null {
  const head = text.slice(0, SNIFF_CHARS);
  if (head.includes("\u0000")) return "binary content (NUL bytes)";
  let odd = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 10 && c !== 9 && c !== 13 && c !== 12) || c === 0xfffd) odd++;
  }
  // Real digests have at most a handful of stray control characters; decoded binary has many.
  if (head.length > 0 && odd > 8 && odd / head.length > 0.01) return "binary content (control characters or undecodable bytes)";
  const start = head.trimStart().slice(0, 256).toLowerCase();
  if (start.startsWith("<!doctype") || start.startsWith("<html") || start.startsWith("<?xml")) return "an HTML/XML page";
  if (start.startsWith("[")) return "a JSON array, not one paper object per line";
  return null;
}

/** The format the content looks like, for file names that do not say. */
export function sniffFormat(text: string): Sniffed {
  const start = text.trimStart();
  if (start.startsWith("{")) return "jsonl";
  if (looksLikeMarkdownDigest(text)) return "markdown";
  return "unknown";
}

/**
 * Whether the text has the marks of a Markdown digest: the table of contents, a section anchor, or an
 * entry heading that links to arXiv. Used when a file yields no papers, to tell an empty digest (fine)
 * from some other Markdown (an error).
 */
export function looksLikeMarkdownDigest(text: string): boolean {
  for (let pos = 0; pos < text.length; ) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = text.length;
    const start = pos;
    pos = end + 1;
    if (text.startsWith("# Table of Contents", start)) return true;
    if (text.startsWith("<div id=", start) && /^<div id=['"]?toc['"]?>/.test(text.slice(start, start + 16))) return true;
    // The link closes the heading line, so only its tail needs looking at.
    if (text.startsWith("### ", start) && text.slice(Math.max(start, end - 300), end).includes("arxiv.org/abs/")) return true;
  }
  return false;
}
