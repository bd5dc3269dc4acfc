/**
 * Abstracts arrive hard-wrapped at ~80 columns (older digests) or one line per paragraph (newer). In both,
 * a new paragraph starts with an indented line (arXiv's `\n  `) or after a blank line. Lines within a
 * paragraph are joined with a space; paragraphs are separated by "\n\n".
 */
export function unwrapParagraphs(lines: readonly string[]): string {
  const paragraphs: string[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) paragraphs.push(current.join(" "));
    current = [];
  };
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === "") {
      flush();
      continue;
    }
    if (isIndented(line)) flush();
    current.push(trimmed);
  }
  flush();
  return paragraphs.join("\n\n");
}

/** Splits a JSONL abstract (`summary`) into lines and unwraps it like a Markdown one. */
export function unwrapText(text: string): string {
  return unwrapParagraphs(text.split("\n"));
}

/**
 * AI fields keep their line structure (numbered lists are common); only blank-line runs are collapsed to
 * one paragraph break and trailing spaces dropped.
 */
export function joinFieldLines(lines: readonly string[]): string {
  const out: string[] = [];
  let blank = false;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed.trim() === "") {
      blank = out.length > 0;
      continue;
    }
    if (blank) out.push("");
    blank = false;
    out.push(out.length === 0 ? trimmed.trimStart() : trimmed);
  }
  return out.join("\n");
}

function isIndented(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 32 || c === 9;
}
