/**
 * Sentence boundaries inside one text field, for evidence (a body sentence counts once) and for
 * flexible phrases (all words in one sentence). A sentence ends at `.`, `!`, `?` or `;` followed by a
 * space, at a CJK full stop, or at a line break — but not after common abbreviations (`e.g.`, `et al.`),
 * so a passing-mention cue like "e.g." stays in the sentence of the words it introduces.
 */

const ABBREVIATIONS = new Set(["e.g", "i.e", "eg", "ie", "al", "etc", "vs", "cf", "fig", "eq", "sec", "approx", "resp", "no"]);
const CJK_STOPS = new Set(["。", "！", "？", "；"]);

/** Whether a sentence ends right after `text[i]`. */
export function endsSentenceAt(text: string, i: number): boolean {
  const ch = text[i]!;
  if (ch === "\n" || CJK_STOPS.has(ch)) return true;
  if (ch !== "." && ch !== "!" && ch !== "?" && ch !== ";") return false;
  const next = text[i + 1];
  if (next !== undefined && next !== " " && next !== "\n") return false;
  if (ch !== ".") return true;
  // The word before the full stop: an abbreviation does not end the sentence.
  let from = i;
  while (from > 0 && /[\p{L}.]/u.test(text[from - 1]!)) from--;
  return !ABBREVIATIONS.has(text.slice(from, i).toLowerCase());
}

/** Start and end offsets of the sentence holding the span `[start, end)`. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  while (from > 0 && !endsSentenceAt(text, from - 1)) from--;
  let to = Math.max(end, start);
  while (to < text.length && !endsSentenceAt(text, to)) to++;
  return { start: from, end: Math.min(text.length, to + 1) };
}

/** Whether a sentence boundary lies inside `[from, to)` (the span between two words of a phrase). */
export function crossesSentence(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (mayEndSentence(text.charCodeAt(i)) && endsSentenceAt(text, i)) return true;
  return false;
}

/** The characters `endsSentenceAt` can accept, by code (flexible phrases test every window with it). */
function mayEndSentence(code: number): boolean {
  return code === 0x0a || code === 0x2e || code === 0x21 || code === 0x3f || code === 0x3b || code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b;
}
