/**
 * Passing mentions: a term named in a list, a contrast, a baseline, prior work or an outlook is not what
 * the paper is about ("unlike knowledge distillation, we …", "baselines such as CLIP"). A small table of
 * cue words decides the role of one hit from the words around it in its sentence (TOPICS.md, "Matching
 * is evidence"). Each cue reaches a few words: a list cue covers the items that follow it.
 */

export type PassingRole = "list" | "contrast" | "comparison" | "prior work" | "outlook";

interface Cue {
  /** Lower-case words, matched as whole words; `.` in `e.g.` is optional. */
  words: string;
  role: PassingRole;
  /** How many words may stand between the cue and the hit (list items, adjectives). */
  reach: number;
}

/** Cues that come before the hit. */
export const BEFORE_CUES: readonly Cue[] = [
  { words: "such as", role: "list", reach: 8 },
  { words: "e.g.", role: "list", reach: 8 },
  { words: "for example", role: "list", reach: 8 },
  { words: "for instance", role: "list", reach: 8 },
  { words: "including", role: "list", reach: 8 },
  { words: "like", role: "list", reach: 5 },
  { words: "unlike", role: "contrast", reach: 4 },
  { words: "in contrast to", role: "contrast", reach: 4 },
  { words: "contrary to", role: "contrast", reach: 4 },
  { words: "rather than", role: "contrast", reach: 4 },
  { words: "instead of", role: "contrast", reach: 4 },
  { words: "as opposed to", role: "contrast", reach: 4 },
  { words: "beyond", role: "contrast", reach: 3 },
  { words: "without", role: "contrast", reach: 3 },
  { words: "compared with", role: "comparison", reach: 5 },
  { words: "compared to", role: "comparison", reach: 5 },
  { words: "comparison with", role: "comparison", reach: 5 },
  { words: "versus", role: "comparison", reach: 3 },
  { words: "vs", role: "comparison", reach: 3 },
  { words: "outperforms", role: "comparison", reach: 6 },
  { words: "outperforming", role: "comparison", reach: 6 },
  { words: "surpasses", role: "comparison", reach: 6 },
  { words: "surpassing", role: "comparison", reach: 6 },
  { words: "prior work on", role: "prior work", reach: 4 },
  { words: "previous work on", role: "prior work", reach: 4 },
  { words: "prior", role: "prior work", reach: 2 },
  { words: "previous", role: "prior work", reach: 2 },
  { words: "existing", role: "prior work", reach: 2 },
  { words: "conventional", role: "prior work", reach: 2 },
  { words: "traditional", role: "prior work", reach: 2 },
  { words: "future work on", role: "outlook", reach: 4 },
  { words: "future research on", role: "outlook", reach: 4 },
  { words: "future work", role: "outlook", reach: 6 },
  { words: "future directions", role: "outlook", reach: 6 },
  { words: "extend to", role: "outlook", reach: 3 },
];

/** Cues that follow the hit ("KD baselines", "CLIP-based baselines"). */
export const AFTER_CUES: readonly Cue[] = [
  { words: "baseline", role: "comparison", reach: 2 },
  { words: "baselines", role: "comparison", reach: 2 },
  { words: "and so on", role: "list", reach: 3 },
  { words: "etc", role: "list", reach: 3 },
];

export interface PassingMention {
  role: PassingRole;
  cue: string;
}

const WORD_RE = /[\p{L}\p{N}]+(?:\.[\p{L}]\.?)?/gu;

/** Lower-case words of a text, with "e.g." and "i.e." kept whole (as in the cue table). */
function words(text: string): string[] {
  return (text.toLowerCase().match(WORD_RE) ?? []).map((w) => (w === "e.g" || w === "eg" ? "e.g." : w));
}

const CUE_WORDS = new Map<Cue, string[]>([...BEFORE_CUES, ...AFTER_CUES].map((cue) => [cue, words(cue.words)]));

/**
 * The passing role of a hit at `[start, end)` of `sentence` (offsets into the sentence), or null when
 * the words around it give none. Clause punctuation (`:`, `;`, a dash) ends a cue's reach.
 */
export function passingRole(sentence: string, start: number, end: number): PassingMention | null {
  const before = words(lastClause(sentence.slice(0, start)));
  for (const cue of BEFORE_CUES) {
    const cueWords = CUE_WORDS.get(cue)!;
    const at = lastIndexOfRun(before, cueWords);
    if (at >= 0 && before.length - (at + cueWords.length) <= cue.reach) return { role: cue.role, cue: cue.words };
  }
  const after = words(firstClause(sentence.slice(end)));
  for (const cue of AFTER_CUES) {
    const cueWords = CUE_WORDS.get(cue)!;
    const at = indexOfRun(after, cueWords);
    if (at >= 0 && at <= cue.reach) return { role: cue.role, cue: cue.words };
  }
  return null;
}

const CLAUSE_BREAK = /[:;—–]|\s-\s/g;

function lastClause(text: string): string {
  let from = 0;
  for (const m of text.matchAll(CLAUSE_BREAK)) from = m.index + m[0].length;
  return text.slice(from);
}

function firstClause(text: string): string {
  const m = /[:;—–,.(]|\s-\s/.exec(text);
  return m === null ? text : text.slice(0, m.index);
}

function lastIndexOfRun(haystack: string[], run: string[]): number {
  for (let i = haystack.length - run.length; i >= 0; i--) if (run.every((w, k) => haystack[i + k] === w)) return i;
  return -1;
}

function indexOfRun(haystack: string[], run: string[]): number {
  for (let i = 0; i + run.length <= haystack.length; i++) if (run.every((w, k) => haystack[i + k] === w)) return i;
  return -1;
}
