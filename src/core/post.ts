/**
 * The platform-neutral post. Text in it is always raw digest text: escaping belongs to each renderer,
 * the one place where it cannot be forgotten.
 */
export type Span =
  | { kind: "text"; text: string }
  | { kind: "bold"; text: string }
  | { kind: "italic"; text: string }
  | { kind: "code"; text: string }
  | { kind: "highlight"; text: string }
  | { kind: "link"; text: string; url: string };

/** A paragraph of rich text. */
export type Rich = Span[];

export interface CardDetails {
  motivation: string | null;
  method: string | null;
  result: string | null;
  conclusion: string | null;
  /** The whole abstract (the `/papers paper` card). */
  abstract?: string | null;
}

export interface Card {
  paperId: string;
  title: string;
  url: string;
  /** Already shortened: "A, B, C et al." */
  authors: string;
  /** Primary category. */
  category: string;
  /** TL;DR (or the abstract's first sentences), with matched words as highlight spans. */
  summary: Rich;
  summarySource: "tldr" | "abstract" | "none";
  /** One English sentence (from the abstract) under a non-English TL;DR, with highlights: language `both`. */
  summaryEnglish?: Rich;
  /** The topic terms that matched, for the "matched: …" line. Empty outside digests. */
  matched: string[];
  /** Present in `full` format (and for `/papers paper`). */
  details: CardDetails | null;
  /** Extra lines under the card (links to code, the abstract, the date seen). */
  extra: Rich[];
}

export interface PostHeader {
  title: string;
  /** Digest date the post is about, if any. */
  date?: string;
  /** Number of papers that matched (may exceed the cards shown). */
  count?: number;
  /** The channel's topics, shown under the header. */
  topics?: string[];
}

export interface Post {
  header: PostHeader;
  /** Paragraphs shown before the cards (help text, settings, explanations). */
  intro: Rich[];
  cards: Card[];
  /** Paragraphs after the cards. */
  notes: Rich[];
  /** "…and 12 more: /papers digest 2026-01-06 page 2" */
  overflow: Rich | null;
  /** One page of a longer list (the digest preview). Rendered as text today; adapters may add buttons. */
  pager?: Pager;
  format: "compact" | "full";
  /** Command replies: visible only to the person who asked. */
  ephemeral: boolean;
  /** A digest post (delivered, or its preview): each card gets 👍/👎 buttons where the platform has buttons. */
  voteButtons?: boolean;
  /** A command reply that reports a mistake (renderers may style it). */
  isError?: boolean;
}

export interface Pager {
  /** 1-based. */
  page: number;
  pages: number;
  /** Items per page (page 2 starts at item size + 1). */
  size: number;
  /** The command that shows page 1; `pageCommand` adds " page N". */
  command: string;
}

/** The command that shows page `page` of a paged list. */
export function pageCommand(command: string, page: number): string {
  return page <= 1 ? command : `${command} page ${page}`;
}

/** "page 2 of 4 — `/papers digest 2026-01-06 page 3`" (the last page points back at the first). */
export function pagerLine(pager: Pager): Rich {
  const where = `page ${pager.page} of ${pager.pages} — `;
  if (pager.page < pager.pages) return [text(where), code(pageCommand(pager.command, pager.page + 1))];
  return [text(`${where}first page: `), code(pageCommand(pager.command, 1))];
}

export const text = (value: string): Span => ({ kind: "text", text: value });
export const bold = (value: string): Span => ({ kind: "bold", text: value });
export const code = (value: string): Span => ({ kind: "code", text: value });
export const link = (value: string, url: string): Span => ({ kind: "link", text: value, url });

/** Plain text of a rich paragraph (fallbacks, search, tests). */
export function plain(rich: Rich): string {
  return rich.map((span) => span.text).join("");
}

/** A reply post made only of paragraphs: help, errors, confirmations. */
export function notePost(title: string, paragraphs: Rich[], options: { ephemeral?: boolean; isError?: boolean } = {}): Post {
  return {
    header: { title },
    intro: paragraphs,
    cards: [],
    notes: [],
    overflow: null,
    format: "compact",
    ephemeral: options.ephemeral ?? true,
    isError: options.isError ?? false,
  };
}
