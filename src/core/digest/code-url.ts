/**
 * A JSONL record's `code_url` is shown as a link, so only an https URL to a named host is kept: no
 * `javascript:`, no plain http, no credentials, no bare IP or single-label host.
 */
const HOST_NAME = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;

/** The URL when it is safe to link to, else null. */
export function safeCodeUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  if (url.protocol !== "https:" || url.username !== "" || url.password !== "") return null;
  if (!HOST_NAME.test(url.hostname)) return null;
  return url.href;
}
