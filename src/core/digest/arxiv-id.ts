/** arXiv identifiers: `2512.09277` (since 2007) and `math/0601001` / `math.GT/0601001` (before). */
const NEW_STYLE = /^\d{4}\.\d{4,5}$/;
const OLD_STYLE = /^[a-z][a-z-]*(\.[A-Z]{2})?\/\d{7}$/;
const VERSION = /v\d+$/;

/** The id without its version, or null when the text is not an arXiv id at all. */
export function normalizeArxivId(raw: string): string | null {
  const id = raw.trim().replace(VERSION, "");
  return NEW_STYLE.test(id) || OLD_STYLE.test(id) ? id : null;
}

const ABS_PREFIXES = ["https://arxiv.org/abs/", "http://arxiv.org/abs/", "https://www.arxiv.org/abs/", "http://www.arxiv.org/abs/", "https://export.arxiv.org/abs/", "http://export.arxiv.org/abs/"];

/** The raw id part of an arXiv abstract URL (query, fragment and trailing slash removed), or null. */
export function idFromAbsUrl(url: string): string | null {
  const prefix = ABS_PREFIXES.find((p) => url.startsWith(p));
  if (prefix === undefined) return null;
  let rest = url.slice(prefix.length);
  const cut = rest.search(/[?#]/);
  if (cut !== -1) rest = rest.slice(0, cut);
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  return rest;
}
