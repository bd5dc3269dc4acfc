/** Links from digest text become clickable only when they are plain http(s) URLs. */

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
