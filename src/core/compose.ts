/** Matches → one neutral Post: rank, cap at the channel's max, cards with highlights, overflow line. */
import type { ChannelSettings } from "./channel.js";
import type { FieldSpan, PaperMatch } from "./match-result.js";
import type { ArchivedPaper } from "./paper.js";
import { code, link, text, type Card, type Post, type Rich, type Span } from "./post.js";
import { rankMatches } from "./match-result.js";
import { cardSummary, shortenAuthors } from "./summary.js";

export interface ComposeInput {
  /** Digest dates the post covers (oldest first). */
  dates: string[];
  topics: string[];
  matches: PaperMatch[];
  settings: Pick<ChannelSettings, "maxPapers" | "format">;
  /** The slash command users type, for the overflow line. */
  command?: string;
}

export function composeDigestPost(input: ComposeInput): Post {
  const ranked = rankMatches(input.matches);
  const shown = ranked.slice(0, input.settings.maxPapers);
  const hidden = ranked.length - shown.length;
  const lastDate = input.dates[input.dates.length - 1];
  const dateLabel = input.dates.length > 1 ? `${input.dates[0]} – ${lastDate}` : (lastDate ?? "");
  const command = input.command ?? "/papers";
  return {
    header: {
      title: `arXiv digest${dateLabel ? ` · ${dateLabel}` : ""}: ${plural(ranked.length, "paper")}`,
      ...(lastDate ? { date: lastDate } : {}),
      count: ranked.length,
      topics: input.topics,
    },
    intro: [],
    cards: shown.map((match) => paperCard(match.paper, { match, format: input.settings.format })),
    notes: ranked.length === 0 ? [[text("No new papers matched this channel's topics.")]] : [],
    overflow: hidden > 0 ? [text(`…and ${hidden} more: `), code(`${command} digest${lastDate ? ` ${lastDate}` : ""}`)] : null,
    format: input.settings.format,
    ephemeral: false,
  };
}

export interface CardOptions {
  match?: PaperMatch;
  format: "compact" | "full";
  /** Add the abstract link and the dates seen (the `/papers paper` card). */
  withAbstractLink?: boolean;
}

export function paperCard(paper: ArchivedPaper, options: CardOptions): Card {
  const summary = cardSummary(paper);
  const spans = options.match?.spans.filter((span) => span.field === summary.field) ?? [];
  const extra: Rich[] = [];
  if (paper.codeUrl) extra.push([text("Code: "), link(paper.codeUrl, paper.codeUrl)]);
  if (options.withAbstractLink) {
    extra.push([link("Abstract on arXiv", paper.url), text(` · first seen ${paper.firstSeen}`)]);
  }
  return {
    paperId: paper.id,
    title: paper.title,
    url: paper.url,
    authors: shortenAuthors(paper.authors),
    category: paper.categories[0] ?? "",
    summary: highlight(summary.text, spans, summary.offset),
    summarySource: summary.field ?? "none",
    matched: options.match?.terms ?? [],
    details:
      options.format === "full"
        ? { motivation: paper.motivation, method: paper.method, result: paper.result, conclusion: paper.conclusion }
        : null,
    extra,
  };
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

