/**
 * Control characters other than \n and \t never carry meaning in a digest: they come from broken LaTeX
 * escapes in the generator (`\f` in `\frac` becomes \x0c) or from corrupted input, and they would leak
 * into chat messages. \r is dropped too, so CRLF files read like LF files.
 */
// A single character class: linear, no backtracking, fast enough to run over a whole file.
const CONTROL_CHARS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
const HAS_CONTROL_CHARS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

export interface Sanitized {
  text: string;
  /** How many characters were removed (a \r of a CRLF pair is not counted: it is just a line ending). */
  removed: number;
  /** 1-based line of the first removed character, or null. */
  firstLine: number | null;
}

export function sanitizeText(input: string): Sanitized {
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (text.includes("\r\n")) text = text.replaceAll("\r\n", "\n");
  // The common case is a clean file; testing first avoids copying 100 MB for nothing.
  if (!HAS_CONTROL_CHARS.test(text)) return { text, removed: 0, firstLine: null };
  const first = text.search(HAS_CONTROL_CHARS);
  const firstLine = countLinesBefore(text, first) + 1;
  const before = text.length;
  const cleaned = text.replace(CONTROL_CHARS, "");
  return { text: cleaned, removed: before - cleaned.length, firstLine };
}

function countLinesBefore(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) lines++;
  return lines;
}

/** The same cleaning for one decoded value (JSONL strings may carry escaped control characters). */
export function stripControlChars(value: string): string {
  return HAS_CONTROL_CHARS.test(value) ? value.replace(CONTROL_CHARS, "") : value;
}
