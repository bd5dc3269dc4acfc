/**
 * Passing mentions: a term named in a list, a contrast, a baseline, prior work or an outlook is not what
 * the paper is about ("unlike knowledge distillation, we …", "baselines such as CLIP"). A small table of
 * cue words decides the role of one hit from the words around it in its sentence (TOPICS.md, "Matching
 * is evidence"). Each cue reaches a few words: a list cue covers the items that follow it. Chinese cues are
 * in passing-roles-cjk.ts.
 */
import { cjkPassingRole } from "./passing-roles-cjk.js";

/** `tool`: the term names an instrument of the study, not its subject ("GPT-4o as a judge", "CLIP score"). */
export type PassingRole = "list" | "contrast" | "comparison" | "prior work" | "outlook" | "tool";

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
  { words: "no", role: "contrast", reach: 1 },
  { words: "not rely on", role: "contrast", reach: 4 },
  { words: "not require", role: "contrast", reach: 3 },
  { words: "eliminating the need for", role: "contrast", reach: 4 },
  { words: "eliminates the need for", role: "contrast", reach: 4 },
  { words: "without the need for", role: "contrast", reach: 4 },
  { words: "no need for", role: "contrast", reach: 4 },
  { words: "free of", role: "contrast", reach: 3 },
  { words: "avoiding", role: "contrast", reach: 3 },
  { words: "bypassing", role: "contrast", reach: 3 },
  { words: "instead relying on", role: "contrast", reach: 6 },
  { words: "instead depending on", role: "contrast", reach: 6 },
  { words: "compared with", role: "comparison", reach: 5 },
  { words: "compared to", role: "comparison", reach: 5 },
  { words: "comparison with", role: "comparison", reach: 5 },
  { words: "versus", role: "comparison", reach: 3 },
  { words: "vs", role: "comparison", reach: 3 },
  { words: "outperforms", role: "comparison", reach: 6 },
  { words: "outperforming", role: "comparison", reach: 6 },
  { words: "surpasses", role: "comparison", reach: 6 },
  { words: "surpassing", role: "comparison", reach: 6 },
  { words: "on par with", role: "comparison", reach: 5 },
  { words: "at par with", role: "comparison", reach: 5 },
  { words: "comparable to", role: "comparison", reach: 5 },
  { words: "points of", role: "comparison", reach: 3 },
  { words: "evaluated by", role: "tool", reach: 3 },
  { words: "judged by", role: "tool", reach: 3 },
  { words: "scored by", role: "tool", reach: 3 },
  { words: "graded by", role: "tool", reach: 3 },
  { words: "validated by", role: "tool", reach: 3 },
  { words: "rated by", role: "tool", reach: 3 },
  { words: "assessed by", role: "tool", reach: 3 },
  { words: "prior work on", role: "prior work", reach: 4 },
  // The subject of the sentence is earlier methods: the items that follow are what they were.
  { words: "prior approaches", role: "prior work", reach: 10 },
  { words: "previous approaches", role: "prior work", reach: 10 },
  { words: "existing approaches", role: "prior work", reach: 10 },
  { words: "prior methods", role: "prior work", reach: 10 },
  { words: "previous methods", role: "prior work", reach: 10 },
  { words: "existing methods", role: "prior work", reach: 10 },
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

/** Cues that follow the hit ("KD baselines", "CLIP-based baselines", "GPT-4o as a judge"). */
export const AFTER_CUES: readonly Cue[] = [
  { words: "as a judge", role: "tool", reach: 1 },
  { words: "as judges", role: "tool", reach: 1 },
  { words: "as the judge", role: "tool", reach: 1 },
  { words: "as an evaluator", role: "tool", reach: 1 },
  { words: "as evaluators", role: "tool", reach: 1 },
  { words: "judge", role: "tool", reach: 1 },
  { words: "judges", role: "tool", reach: 1 },
  { words: "evaluator", role: "tool", reach: 1 },
  { words: "evaluators", role: "tool", reach: 1 },
  { words: "based evaluation", role: "tool", reach: 0 },
  { words: "score", role: "tool", reach: 0 },
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
  return englishRole(sentence, start, end) ?? cjkPassingRole(sentence, start, end);
}

function englishRole(sentence: string, start: number, end: number): PassingMention | null {
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
