/**
 * mrkdwn escaping. In Slack's mrkdwn only `&`, `<` and `>` are control characters: `<…>` forms mentions
 * (`<!channel>`, `<@U123>`) and links (`<url|label>`). Escaping them (ampersand first, or the entities we
 * produce would be escaped twice) makes any digest text inert.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
import { parseHttpUrl } from "../http-url.js";
import { truncate } from "../split.js";

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The length a piece of raw text will have once escaped (additive, so `splitText` can measure with it). */
export function escapedLength(text: string): number {
  let length = text.length;
  for (const char of text) {
    if (char === "&") length += 4;
    else if (char === "<" || char === ">") length += 3;
  }
  return length;
}

/**
 * A link label: escaped like any text, plus `|`, which would otherwise end the URL part early. There is no
 * escape for `|` inside `<url|label>`, so it becomes a look-alike (U+2223).
 */
export function escapeLinkLabel(text: string): string {
  return escapeMrkdwn(text.replace(/\|/g, "∣")).replace(/\s+/g, " ").trim();
}

/**
 * A URL safe to put in `<url|label>`: only http(s), normalised by the WHATWG parser (which percent-encodes
 * spaces, quotes, `<` and `>`), with `|` percent-encoded and `&` escaped. Null when the URL is not usable —
 * the caller then shows the label as plain text.
 */
export function safeLinkUrl(raw: string): string | null {
  const url = parseHttpUrl(raw);
  if (!url) return null;
  return escapeMrkdwn(url.href.replace(/\|/g, "%7C").replace(/</g, "%3C").replace(/>/g, "%3E"));
}

/** Longest link label and URL we render: real ones are far shorter; hostile ones must still fit a section. */
const MAX_LABEL = 600;
const MAX_URL = 1500;

/** `<url|label>` link (label cut at 600 escaped characters), or the escaped label when the URL is unusable. */
export function mrkdwnLink(label: string, url: string): string {
  const safe = safeLinkUrl(url);
  const escapedLabel = escapeLinkLabel(truncate(label.replace(/\s+/g, " ").trim(), MAX_LABEL, escapedLength));
  if (safe === null || safe.length > MAX_URL) return escapedLabel;
  return escapedLabel === "" ? `<${safe}>` : `<${safe}|${escapedLabel}>`;
}
