/**
 * What the generator writes when the LLM call failed. Such a field is absent, never text to show
 * (PRODUCT.md: failed AI fields are absent). Compared case-insensitively, ignoring a trailing period.
 */
const FAILED = new Set([
  "error",
  "summary generation failed",
  "motivation analysis unavailable",
  "method extraction failed",
  "result analysis unavailable",
  "conclusion extraction failed",
  "processing failed",
]);

// Longer than any placeholder plus some whitespace: such text is real and needs no lower-casing (which
// would copy every abstract).
const MAX_PLACEHOLDER = 48;

export function isFailedPlaceholder(value: string): boolean {
  if (value.length > MAX_PLACEHOLDER) return false;
  const v = value.trim().toLowerCase();
  return FAILED.has(v.endsWith(".") ? v.slice(0, -1) : v);
}

/** The field's text, or null when it is empty or a failed placeholder. */
export function fieldOrNull(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  return v === "" || isFailedPlaceholder(v) ? null : v;
}
