/**
 * The digest's date lives only in its file name (`2026-01-06.md`, `2026-01-06_AI_enhanced_Chinese.jsonl`).
 * Returns `YYYY-MM-DD`, or null when the name does not start with a real calendar date.
 */
export function dateFromFileName(fileName: string): string | null {
  const base = fileName.slice(Math.max(fileName.lastIndexOf("/"), fileName.lastIndexOf("\\")) + 1);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?!\d)/.exec(base);
  if (m === null) return null;
  const [, y, mo, d] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return null;
  // Date.UTC rolls Feb 30 over into March; a round trip catches that.
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return `${y}-${mo}-${d}`;
}

/** Whether `text` is exactly a real calendar date `YYYY-MM-DD` (no 2026-13-45, no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && dateFromFileName(text) === text;
}
