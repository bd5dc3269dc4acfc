/**
 * The `text` of a message: what notifications, previews and screen readers show instead of the blocks
 * (https://docs.slack.dev/reference/methods/chat.postMessage#text-usage). It carries the content — each
 * card's title and summary — not just the headings, within Slack's 4,000 characters: when a message holds
 * more, every piece gets a fair share and long ones are cut with an ellipsis. Built from raw text (no
 * markers to cut in half), then escaped like everything else.
 */
import { breakBareUrls } from "../http-url.js";
import { truncate } from "../split.js";
import { escapedLength, escapeMrkdwn } from "./escape.js";
import { SLACK_LIMITS as L } from "./limits.js";

const measure = escapedLength;

/** Cuts pieces so that together (one line each) they fit `budget`, the short ones kept whole. */
function fairShares(pieces: string[], budget: number): string[] {
  const sizes = pieces.map(measure);
  const share = new Map<number, number>();
  let left = budget;
  const order = sizes.map((size, index) => ({ size, index })).sort((a, b) => a.size - b.size);
  order.forEach(({ size, index }, rank) => {
    const fair = Math.floor(left / (order.length - rank));
    share.set(index, Math.min(size, fair));
    left -= Math.min(size, fair);
  });
  return pieces.map((piece, index) => {
    const room = share.get(index) ?? 0;
    return room >= sizes[index]! ? piece : room >= 2 ? truncate(piece, room, measure) : "";
  });
}

/** Heading line plus the raw pieces (one per card or paragraph), escaped, at most 4,000 characters. */
export function fallbackText(heading: string, pieces: string[]): string {
  // URLs are broken before measuring, so that the measure stays additive for `truncate`.
  const lines = pieces.map((piece) => breakBareUrls(piece.trim())).filter((piece) => piece !== "");
  const head = truncate(breakBareUrls(heading.replace(/\s+/g, " ").trim()), 300) || "paperboy";
  const budget = L.fallbackText - measure(head) - lines.length * 2;
  const kept = budget > 0 ? fairShares(lines, budget).filter((line) => line !== "") : [];
  return [head, ...kept].map(escapeMrkdwn).join("\n");
}
