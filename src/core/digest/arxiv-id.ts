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

/** The paper's page: built from the id alone, so a digest can never choose where a paper link goes. */
export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}

const PDF_PREFIXES = ABS_PREFIXES.map((prefix) => prefix.replace("/abs/", "/pdf/"));

/**
 * Whether a digest's own link for paper `id` is that paper's arXiv page (`abs`) or PDF (`pdf`): an arXiv
 * host, the same id (any version, `.pdf` suffix allowed), no query or fragment.
 */
export function linkAgrees(url: string, id: string, kind: "abs" | "pdf"): boolean {
  if (/[?#]/.test(url)) return false;
  const prefix = (kind === "abs" ? ABS_PREFIXES : PDF_PREFIXES).find((p) => url.startsWith(p));
  if (prefix === undefined) return false;
  let rest = url.slice(prefix.length);
  if (rest.endsWith("/")) rest = rest.slice(0, -1);
  if (kind === "pdf" && rest.endsWith(".pdf")) rest = rest.slice(0, -4);
  return normalizeArxivId(rest) === id;
}
