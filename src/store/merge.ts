/** How a paper seen again merges into the archive: nothing known is lost, newer text wins. */
import type { Paper } from "../core/paper.js";

const NULLABLE_FIELDS = ["tldr", "motivation", "method", "result", "conclusion", "abstract", "comment", "pdfUrl", "codeUrl", "codeStars"] as const;

/**
 * `incoming` fills what `base` lacks; where both have a value, the newer one wins (a re-issued digest
 * may fix a failed TL;DR). Categories prefer the richer list: a JSONL record carries the cross-lists the
 * Markdown drops, and a later Markdown copy must not erase them.
 */
export function mergePaper(base: Paper, incoming: Paper, incomingIsNewer: boolean): Paper {
  const pick = <T>(older: T, newer: T): T => (incomingIsNewer ? (isPresent(newer) ? newer : older) : isPresent(older) ? older : newer);
  const merged: Paper = {
    id: base.id,
    title: pick(base.title, incoming.title),
    authors: pick(base.authors, incoming.authors),
    categories: richerCategories(base.categories, incoming.categories, incomingIsNewer),
    url: pick(base.url, incoming.url),
    tldr: null,
    motivation: null,
    method: null,
    result: null,
    conclusion: null,
    abstract: null,
  };
  for (const field of NULLABLE_FIELDS) {
    const value = pick(base[field] ?? null, incoming[field] ?? null);
    if (value !== null) (merged as unknown as Record<string, unknown>)[field] = value;
    else if (field in base || field in incoming) (merged as unknown as Record<string, unknown>)[field] = null;
  }
  return merged;
}

function richerCategories(base: string[], incoming: string[], incomingIsNewer: boolean): string[] {
  if (incoming.length !== base.length) return incoming.length > base.length ? incoming : base;
  return incomingIsNewer ? incoming : base;
}

function isPresent(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === "string") return value.trim() !== "";
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
