/**
 * Post → console messages. Pure: styles are recorded as segments and turned into colour (or not) when
 * printed. Digest text is stripped of control characters so it cannot move the cursor or recolour the
 * terminal.
 */
import type { Message } from "../../core/ports.js";
import { pagerLine, type Post, type Rich } from "../../core/post.js";

export type Style = "header" | "title" | "link" | "meta" | "text" | "highlight" | "bold" | "code" | "label" | "error";
export type Segment = [Style, string];

export interface ConsoleBody {
  /** One entry per printed line. */
  lines: Segment[][];
}

// C0/C1 controls except newline and tab: ESC sequences in digest text must not reach the terminal.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function clean(value: string): string {
  return value.replace(CONTROL, "");
}

function richLine(rich: Rich): Segment[] {
  return rich.map((span): Segment => {
    const value = clean(span.text);
    switch (span.kind) {
      case "highlight":
        return ["highlight", value];
      case "bold":
        return ["bold", value];
      case "code":
        return ["code", value];
      case "link":
        return ["link", span.text === span.url ? value : `${value} <${clean(span.url)}>`];
      default:
        return ["text", value];
    }
  });
}

export function renderConsolePost(post: Post): Message[] {
  const lines: Segment[][] = [];
  lines.push([[post.isError ? "error" : "header", `━━ ${clean(post.header.title)}`]]);
  if (post.header.topics && post.header.topics.length > 0) lines.push([["meta", `topics: ${post.header.topics.map(clean).join(", ")}`]]);
  for (const paragraph of post.intro) lines.push(richLine(paragraph));
  // On page 2 of a preview the first card is number 11.
  const firstNumber = post.pager ? (post.pager.page - 1) * post.pager.size + 1 : 1;
  post.cards.forEach((card, i) => {
    lines.push([]);
    lines.push([["meta", `${firstNumber + i}. `], ["title", clean(card.title)]]);
    lines.push([["link", `   ${clean(card.url)}`]]);
    lines.push([["meta", `   ${clean(card.authors)} · ${clean(card.category)}`]]);
    if (card.summary.length > 0) lines.push([["text", "   "], ...richLine(card.summary)]);
    if (card.summaryEnglish?.length) lines.push([["text", "   "], ...richLine(card.summaryEnglish)]);
    if (card.matched.length > 0) lines.push([["meta", "   matched: "], ["highlight", card.matched.map(clean).join(", ")]]);
    for (const extra of card.extra) lines.push([["text", "   "], ...richLine(extra)]);
    if (card.details) {
      for (const [label, value] of Object.entries(card.details)) {
        if (value) lines.push([["label", `   ${label[0]!.toUpperCase()}${label.slice(1)}: `], ["text", clean(value)]]);
      }
    }
  });
  if (post.notes.length > 0) lines.push([]);
  for (const paragraph of post.notes) lines.push(richLine(paragraph));
  if (post.overflow) lines.push(richLine(post.overflow));
  if (post.pager) lines.push(richLine(pagerLine(post.pager)));
  const body: ConsoleBody = { lines };
  return [{ body, replyTo: null }];
}
