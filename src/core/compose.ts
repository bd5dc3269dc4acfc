/** Matches → one neutral Post: rank, cap at the channel's max (or page), cards with highlights, overflow line. */
import type { ChannelSettings } from "./channel.js";
import type { FieldSpan, PaperMatch } from "./match-result.js";
import type { ArchivedPaper } from "./paper.js";
import { code, link, pageCommand, text, type Card, type Post, type Rich, type Span } from "./post.js";
import { orderForChannel, percent, type ChannelLearningInput } from "./learn/channel-order.js";
import { cardSummary, shortenAuthors, type SummaryPart } from "./summary.js";

/** Papers per page of the digest preview (`/papers digest [date] [page N]`). */
export const PREVIEW_PAGE_SIZE = 10;

export interface ComposeInput {
  /** Digest dates the post covers (oldest first). */
  dates: string[];
  topics: string[];
  matches: PaperMatch[];
  settings: Pick<ChannelSettings, "maxPapers" | "format"> & Partial<Pick<ChannelSettings, "language">>;
  /** The slash command users type, for the overflow line. */
  command?: string;
  /**
   * The digest preview: every match, PREVIEW_PAGE_SIZE per page, this page shown (clamped to the last one),
   * with a pager instead of the channel's cap and overflow line.
   */
  page?: number;
  /** The channel's learning (learn/learning-source.ts): `rank` reorders, `filter` also holds back. */
  learning?: ChannelLearningInput | null;
  /** The preview's `all`: held-back matches listed too, each marked. */
  showHeldBack?: boolean;
}

export function previewPages(matchCount: number): number {
  return Math.max(1, Math.ceil(matchCount / PREVIEW_PAGE_SIZE));
}

export function composeDigestPost(input: ComposeInput): Post {
  const order = orderForChannel(input.matches, input.learning, input.showHeldBack);
  const ranked = order.listed.map((learned) => learned.match);
  const heldBack = new Map(order.heldBack.map((learned) => [learned.match.paper.id, learned.probability]));
  const lastDate = input.dates[input.dates.length - 1];
  const dateLabel = input.dates.length > 1 ? `${input.dates[0]} – ${lastDate}` : (lastDate ?? "");
  const digestCommand = (date: string | undefined) => `${input.command ?? "/papers"} digest${date ? ` ${date}` : ""}`;
  const previewCommand = `${digestCommand(lastDate)}${order.showsHeldBack ? " all" : ""}`;
  const pages = previewPages(ranked.length);
  const page = input.page === undefined ? null : Math.min(Math.max(1, input.page), pages);
  const shown = page === null ? ranked.slice(0, input.settings.maxPapers) : ranked.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE);
  const hidden = page === null ? ranked.length - shown.length : 0;
  // The overflow line opens the preview page holding the first paper the post left out.
  const overflowPage = Math.floor(shown.length / PREVIEW_PAGE_SIZE) + 1;
  const cardOptions: CardOptions = { format: input.settings.format, language: input.settings.language ?? "both" };
  return {
    header: {
      title: `arXiv digest${dateLabel ? ` · ${dateLabel}` : ""}: ${plural(ranked.length, "paper")}`,
      ...(lastDate ? { date: lastDate } : {}),
      count: ranked.length,
      topics: input.topics,
    },
    intro: [],
    cards: shown.map((match) => markHeldBack(paperCard(match.paper, { ...cardOptions, match }), order.showsHeldBack ? heldBack.get(match.paper.id) : undefined)),
    notes: [
      ...(ranked.length === 0 ? [[text(heldBack.size > 0 ? "No paper left after this channel's votes." : "No new papers matched this channel's topics.")]] : []),
      ...(heldBack.size > 0 && !order.showsHeldBack ? [heldBackNote(heldBack.size, input.dates.map((date) => `${digestCommand(date)} all`))] : []),
    ],
    overflow: hidden > 0 ? [text(`…and ${hidden} more: `), code(pageCommand(previewCommand, overflowPage))] : null,
    ...(page !== null && pages > 1 ? { pager: { page, pages, size: PREVIEW_PAGE_SIZE, command: previewCommand } } : {}),
    format: input.settings.format,
    ephemeral: false,
  };
}

/** The footer of a `filter` post: how many the votes kept out, and the command(s) that list them. */
function heldBackNote(count: number, commands: string[]): Rich {
  const shown = commands.slice(-3);
  return [
    text(`${plural(count, "paper")} held back by this channel's votes — `),
    ...shown.flatMap((command, i) => (i === 0 ? [code(command)] : [text(", "), code(command)])),
    ...(commands.length > shown.length ? [text(" (and earlier dates)")] : []),
  ];
}

/** In the `all` preview, a held-back card says so (with the model's probability). */
function markHeldBack(card: Card, probability: number | null | undefined): Card {
  if (probability === undefined || probability === null) return card;
  return { ...card, extra: [...card.extra, [text(`Held back by this channel's votes (the model gives it ${percent(probability)}).`)]] };
}

export interface CardOptions {
  match?: PaperMatch;
  format: "compact" | "full";
  /** The channel's summary language (default `both`). */
  language?: ChannelSettings["language"];
  /** Add the whole abstract, its link and the dates seen (the `/papers paper` card). */
  withAbstract?: boolean;
}

export function paperCard(paper: ArchivedPaper, options: CardOptions): Card {
  const summary = cardSummary(paper, options.language ?? "both");
  const highlighted = (part: Pick<SummaryPart, "field" | "text" | "offset">): Rich =>
    highlight(part.text, options.match?.spans.filter((span) => span.field === part.field) ?? [], part.offset);
  const extra: Rich[] = [];
  const codeLink = codeLinkLine(paper.codeUrl);
  if (codeLink) extra.push(codeLink);
  if (options.withAbstract) extra.push([link("Abstract on arXiv", paper.url), text(` · first seen ${paper.firstSeen}`)]);
  const details = options.format === "full" || options.withAbstract;
  return {
    paperId: paper.id,
    title: paper.title,
    url: paper.url,
    authors: shortenAuthors(paper.authors),
    category: paper.categories[0] ?? "",
    summary: summary.field === null ? [] : highlighted({ field: summary.field, text: summary.text, offset: summary.offset }),
    summarySource: summary.field ?? "none",
    ...(summary.english ? { summaryEnglish: highlighted(summary.english) } : {}),
    matched: options.match?.terms ?? [],
    details: details
      ? {
          motivation: paper.motivation,
          method: paper.method,
          result: paper.result,
          conclusion: paper.conclusion,
          ...(options.withAbstract ? { abstract: paper.abstract } : {}),
        }
      : null,
    extra,
  };
}

/**
 * "Code: github.com/owner/repo", linked — https only, and labelled with the host the link really opens (the
 * WHATWG parser's host: userinfo tricks such as `https://github.com@evil.example` show `evil.example`).
 */
function codeLinkLine(raw: string | null | undefined): Rich | null {
  const value = raw?.trim() ?? "";
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== "https:") return null;
  const path = url.pathname.replace(/\/+$/, "");
  const label = `${url.host}${path.length > 60 ? `${path.slice(0, 59)}…` : path}`;
  return [text("Code: "), link(label, url.href)];
}

/** Splits text into plain and highlighted spans; overlapping or out-of-range spans are merged/clipped. */
export function highlight(value: string, spans: FieldSpan[], offset = 0): Rich {
  const ranges = spans
    .map((span) => [Math.max(0, span.start - offset), Math.min(value.length, span.end - offset)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const out: Span[] = [];
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    if (from > cursor) out.push(text(value.slice(cursor, from)));
    out.push({ kind: "highlight", text: value.slice(from, end) });
    cursor = end;
  }
  if (cursor < value.length) out.push(text(value.slice(cursor)));
  return out;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** "kv cache, llm serving" as one bold-free line for headers. */
export function topicsLine(topics: string[]): Rich {
  return topics.length === 0 ? [text("no topics yet")] : [text("Topics: "), ...topics.flatMap((topic, i) => (i === 0 ? [code(topic)] : [text(", "), code(topic)]))];
}
