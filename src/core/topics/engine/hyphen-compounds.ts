/**
 * A hyphen binds words into one modifier: `in-context learning` is learning in context, not any sentence
 * with "context" and "learning" near each other ("in the context of learning to guide"), and
 * `vision-language models` is not "vision MoE … language modeling". Flexible phrases (find.ts) may
 * reorder a topic's words; the words a topic joins with hyphens must still stand together, in order, in
 * the paper (written with a hyphen, a space or nothing between them).
 */

const COMPOUND_RE = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu;
const WORD_RE = /[\p{L}\p{N}]+/gu;

/** The hyphen compounds of a topic's text, each as its lower-case words: `in-context learning` → [["in", "context"]]. */
export function hyphenCompounds(source: string): string[][] {
  return [...source.toLowerCase().matchAll(COMPOUND_RE)].map((m) => m[0].split("-"));
}

/** The hit `[start, end)` of `text` with one word either side: a flexible hit leaves out the compound's
 * small words (`in` of `in-context`), which stand just outside it. */
export function withNeighbours(text: string, start: number, end: number): string {
  const before = /[\p{L}\p{N}]+[^\p{L}\p{N}]{1,2}$/u.exec(text.slice(Math.max(0, start - 40), start));
  const after = /^[^\p{L}\p{N}]{1,2}[\p{L}\p{N}]+/u.exec(text.slice(end, end + 40));
  return (before?.[0] ?? "") + text.slice(start, end) + (after?.[0] ?? "");
}

/**
 * Whether a matched text keeps every compound together: it either holds the compound's words as a run
 * (or joined: "incontext"), or none of its longer words — a synonym or an acronym ("ICL") says nothing
 * about the compound.
 */
export function keepsCompounds(compounds: readonly string[][], matched: string): boolean {
  if (compounds.length === 0) return true;
  const words = (matched.toLowerCase().match(WORD_RE) ?? []).map(singular);
  return compounds.every((compound) => {
    const parts = compound.map(singular);
    if (words.includes(parts.join(""))) return true;
    if (hasRun(words, parts)) return true;
    // Only content words tell: "in" of `in-context` occurs everywhere.
    return !parts.some((part) => part.length > 3 && words.includes(part));
  });
}

function hasRun(words: readonly string[], run: readonly string[]): boolean {
  for (let i = 0; i + run.length <= words.length; i++) if (run.every((w, k) => words[i + k] === w)) return true;
  return false;
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.slice(0, -1) : word;
}
