/** Links from digest text become clickable only when they are plain http(s) URLs; bare URLs in text stay inert. */

/** The parsed URL when `raw` is an absolute http or https URL; null otherwise (javascript:, garbage, …). */
export function parseHttpUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  return url.protocol === "https:" || url.protocol === "http:" ? url : null;
}

// Between the scheme and "://": invisible, and no longer a URL to Slack's or Discord's link detection.
const BARE_URL_SCHEME = /(https?)(?=:\/\/)/gi;

/**
 * Digest text with every bare `http(s)://` made inert: a zero-width space after the scheme. Both platforms
 * turn bare URLs into links (Slack when text is not `verbatim` — notifications and the `text` fallback;
 * Discord in message content and embed descriptions), and a link in a TL;DR or title is the digest's, not
 * ours: only the paper link and the https code link are clickable. Readers still see the same text.
 */
export function breakBareUrls(text: string): string {
  return text.replace(BARE_URL_SCHEME, "$1\u200b");
}
