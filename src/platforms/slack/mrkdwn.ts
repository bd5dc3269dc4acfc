/**
 * Rich paragraphs (raw digest text in spans) → mrkdwn strings that fit a length limit. Splitting happens on
 * the raw text, measured by its escaped length, so an entity (`&amp;`), a `*bold*` pair or a `<url|label>`
 * link is never cut in half.
 */
import type { Rich, Span } from "../../core/post.js";
import { breakBareUrls } from "../http-url.js";
import { splitText, truncate } from "../split.js";
import { slackSafeEmphasis } from "./emphasis.js";
import { escapedLength, escapeMrkdwn, mrkdwnLink } from "./escape.js";

const WRAP: Record<Exclude<Span["kind"], "text" | "link">, string> = { bold: "*", highlight: "*", italic: "_", code: "`" };

/** One span as mrkdwn (spans too long for a chunk go through `spanPieces` first). */
function renderSpan(span: Span): string {
  if (span.kind === "text") return escapeMrkdwn(span.text);
  if (span.kind === "link") return mrkdwnLink(span.text, span.url);
  const marker = WRAP[span.kind];
  // mrkdwn only formats when the markers touch non-space characters: keep surrounding spaces outside. Text
  // holding the marker itself cannot be wrapped (mrkdwn has no escape for it): it stays plain.
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(span.text);
  const inner = match?.[2] ?? "";
  if (inner === "" || inner.includes(marker)) return escapeMrkdwn(span.text);
  return `${match?.[1] ?? ""}${marker}${escapeMrkdwn(inner)}${marker}${match?.[3] ?? ""}`;
}

/** A span too long for one chunk, as several spans of the same kind (links are never split). */
function spanPieces(span: Span, max: number): Span[] {
  if (span.kind === "link") return [span];
  const overhead = span.kind === "text" ? 0 : 2;
  return splitText(span.text, Math.max(1, max - overhead), escapedLength).map((piece) => ({ ...span, text: piece }));
}

/** Digest text ready for mrkdwn: bare URLs inert (code and link spans are never auto-linked). */
function inertUrls(rich: Rich): Rich {
  return rich.map((span) => (span.kind === "link" || span.kind === "code" ? span : { ...span, text: breakBareUrls(span.text) }));
}

/**
 * Renders a paragraph as mrkdwn chunks: the first at most `firstMax` long (it may be "" when even the first
 * span does not fit there), the others at most `max`. Returns [] for an empty paragraph.
 */
export function richChunks(rich: Rich, max: number, firstMax: number = max): string[] {
  const chunks: string[] = [];
  let current = "";
  const limit = (): number => (chunks.length === 0 ? firstMax : max);
  const push = (): void => {
    chunks.push(current.trim());
    current = "";
  };
  for (const span of slackSafeEmphasis(inertUrls(rich))) {
    const rendered = renderSpan(span);
    if (current.length + rendered.length <= limit()) {
      current += rendered;
      continue;
    }
    push();
    if (rendered.length <= limit()) {
      current = rendered;
      continue;
    }
    for (const piece of spanPieces(span, limit())) {
      let text = renderSpan(piece);
      // A link whose URL alone exceeds the limit cannot be shown as a link: fall back to its label.
      if (text.length > limit()) text = renderSpan({ kind: "text", text: truncate(piece.text, limit(), escapedLength) });
      if (current.length + text.length > limit()) push();
      current += text;
    }
  }
  if (current.trim() !== "") push();
  const out = chunks.filter((chunk, index) => chunk !== "" || index === 0);
  return out.length === 1 && out[0] === "" ? [] : out;
}

/** A short mrkdwn line from raw text: escaped and cut to `max`. */
export function plainLine(text: string, max: number): string {
  return escapeMrkdwn(truncate(breakBareUrls(text.replace(/\s+/g, " ").trim()), max, escapedLength));
}
