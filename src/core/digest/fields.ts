/** The labelled fields of a Markdown entry, under every spelling the generator and its forks have used. */
export type FieldName =
  | "tldr"
  | "motivation"
  | "method"
  | "result"
  | "conclusion"
  | "abstract"
  | "mainCategory"
  | "authors";

const KNOWN: ReadonlyMap<string, FieldName> = new Map<string, FieldName>([
  ["tl;dr", "tldr"],
  ["tldr", "tldr"],
  ["tl; dr", "tldr"],
  // March 2025 template: a one-line task statement stood where the TL;DR is now.
  ["task", "tldr"],
  // The upstream template renamed the TL;DR after the corpus period.
  ["innovation snapshot", "tldr"],
  ["motivation", "motivation"],
  ["method", "method"],
  ["methods", "method"],
  ["result", "result"],
  ["results", "result"],
  ["conclusion", "conclusion"],
  ["conclusions", "conclusion"],
  ["abstract", "abstract"],
  ["main category", "mainCategory"],
  ["authors", "authors"],
]);

export interface LabelLine {
  /** The label as written, without bold markers (`TL;DR`, `Background`). */
  label: string;
  /** The known field, or null for a label this parser does not know. */
  field: FieldName | null;
  /** The text after the colon, trimmed at the start. */
  rest: string;
}

// Labels are short; anything longer before the colon is prose that happens to contain one.
const MAX_LABEL = 40;

/**
 * Recognises `Label: text`, `**Label**: text`, `**Label:** text` (ASCII or full-width colon) at column 0.
 * Indented lines are never labels: newer abstracts indent paragraphs such as `  Results: …`.
 * Scans at most MAX_LABEL characters, so a huge line costs nothing.
 */
export function matchLabel(line: string): LabelLine | null {
  const c0 = line.charCodeAt(0);
  if (!(isLetter(c0) || c0 === 42 /* * */)) return null;
  let i = 0;
  let bold = false;
  if (line.startsWith("**")) {
    bold = true;
    i = 2;
  }
  const start = i;
  const limit = Math.min(line.length, start + MAX_LABEL);
  let colon = -1;
  for (; i < limit; i++) {
    const c = line.charCodeAt(i);
    if (c === 58 /* : */ || c === 0xff1a /* ： */) {
      colon = i;
      break;
    }
    if (c === 42) break;
    if (!(isLetter(c) || c === 32 || c === 59 /* ; */ || c === 45 /* - */ || c === 38 /* & */ || c === 47 /* / */)) return null;
  }
  let labelEnd = colon;
  let after = colon + 1;
  if (bold) {
    if (colon === -1) {
      // `**Label**: text`
      if (!line.startsWith("**", i)) return null;
      labelEnd = i;
      const c = line.charCodeAt(i + 2);
      if (c !== 58 && c !== 0xff1a) return null;
      after = i + 3;
    } else {
      // `**Label:** text`
      if (!line.startsWith("**", colon + 1)) return null;
      after = colon + 3;
    }
  } else if (colon === -1) {
    return null;
  }
  const label = line.slice(start, labelEnd).trim();
  if (label === "" || !isLetter(label.charCodeAt(0))) return null;
  const next = line.charCodeAt(after);
  // `Label:text` with no space is prose (`ratio:1`), except an empty field at the end of the line.
  if (after < line.length && next !== 32 && next !== 9 && !(next >= 0x3000)) return null;
  return { label, field: KNOWN.get(label.toLowerCase()) ?? null, rest: line.slice(after).trim() };
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
