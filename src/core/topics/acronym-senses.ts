/**
 * Acronyms a paper defines for itself: "attack success rate (ASR)". A topic `ASR` meant as speech
 * recognition is no evidence in a paper where ASR is defined as something else; the definition is
 * recognised when the initials of the words before the parenthesis spell the acronym.
 */
import type { PreparedPaper } from "./prepare.js";

export interface AcronymDefinition {
  /** The acronym, lower case, without a plural "s". */
  acronym: string;
  /** The words that define it, as written. */
  expansion: string;
  field: string;
  /** Span of the expansion in the field's original text. */
  start: number;
  end: number;
}

const PAREN_RE = /\(\s*([\p{L}][\p{L}\p{N}-]{1,11})\s*\)/gu;
const WORD_BEFORE_RE = /([\p{L}\p{N}]+)[^\p{L}\p{N}]*$/u;
/** Small words an expansion may hold without contributing a letter ("mixture of experts" → MoE). */
const SKIPPABLE = new Set(["of", "and", "the", "for", "in", "on", "to", "with", "a", "an", "by", "via"]);

/** Every acronym definition in the paper's text fields (computed per call: only for acronym topics). */
export function acronymDefinitions(paper: PreparedPaper): AcronymDefinition[] {
  const out: AcronymDefinition[] = [];
  for (const field of paper.fields) {
    if (field.name === "author") continue;
    for (const m of field.text.matchAll(PAREN_RE)) {
      const typed = m[1]!;
      if ((typed.match(/\p{Lu}/gu)?.length ?? 0) < 2) continue;
      const acronym = typed.toLowerCase().replace(/-/g, "").replace(/s$/, "");
      const start = expansionStart(field.text, m.index, acronym);
      if (start >= 0) out.push({ acronym, expansion: field.text.slice(start, m.index).trim(), field: field.name, start, end: m.index });
    }
  }
  return out;
}

/** Where the words whose initials spell `acronym` start, walking back from `before`; -1 if they don't. */
function expansionStart(text: string, before: number, acronym: string): number {
  let letter = acronym.length - 1;
  let end = before;
  let start = -1;
  let skipped = 0;
  while (letter >= 0) {
    const m = WORD_BEFORE_RE.exec(text.slice(Math.max(0, end - 60), end));
    if (m === null) return -1;
    const word = m[1]!.toLowerCase();
    const wordStart = end - m[0].length;
    if (word[0] === acronym[letter]) {
      letter--;
      start = wordStart;
    } else if (SKIPPABLE.has(word) && skipped < 2) skipped++;
    else return -1;
    end = wordStart;
  }
  return start;
}
