/** A paper as parsed from a digest. AI fields that failed in the generator are `null`, never placeholder text. */
export interface Paper {
  /** arXiv id without version: `2512.09277`, `math/0601001`. */
  id: string;
  title: string;
  authors: string[];
  /** Primary category first; cross-lists follow (JSONL only — Markdown has just the primary). */
  categories: string[];
  url: string;
  tldr: string | null;
  motivation: string | null;
  method: string | null;
  result: string | null;
  conclusion: string | null;
  /** English abstract, lines unwrapped within a paragraph, paragraphs separated by "\n\n". */
  abstract: string | null;
  /** JSONL-only fields, present when the source has them. */
  comment?: string | null;
  pdfUrl?: string | null;
  codeUrl?: string | null;
  codeStars?: number | null;
}

/** The text fields a topic may search, in the order posts prefer them. */
export const TEXT_FIELDS = ["title", "tldr", "abstract", "motivation", "method", "result", "conclusion"] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface ParseWarning {
  /** 1-based line in the source file (JSONL: the record's line). */
  line: number;
  code: string;
  message: string;
}

export interface ParsedDigest {
  /** `YYYY-MM-DD` from the file name, or null when the name carries none (the caller decides). */
  date: string | null;
  format: "markdown" | "jsonl";
  papers: Paper[];
  warnings: ParseWarning[];
}

/** A paper as kept in the archive: the paper plus when it was seen. */
export interface ArchivedPaper extends Paper {
  /** Date of the earliest digest that carried it. */
  firstSeen: string;
  /** Date of the latest digest that carried it. */
  lastSeen: string;
}
