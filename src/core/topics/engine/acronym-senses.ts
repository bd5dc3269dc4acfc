/**
 * Acronyms a paper defines for itself: "attack success rate (ASR)". A topic `ASR` meant as speech
 * recognition is no evidence in a paper where ASR is defined as something else; the definition is
 * recognised when the initials of the words before the parenthesis spell the acronym.
 */
import type { CompiledClause } from "./compile.js";
import type { Hit } from "./match.js";
import type { PreparedPaper } from "../text/prepare.js";
import { DEFAULT_TERM_STATS } from "../index/term-stats.js";
import type { WordMatcher } from "../text/words.js";

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

/** An acronym alternative of a clause: one exact short word (`kd`, `asr`), not a joined phrase. */
const MAX_ACRONYM = 6;

/**
 * Acronyms of the clause whose sense the paper does not confirm: every hit of the clause is the bare
 * acronym (no expansion, synonym or member anywhere) and the paper never uses the most distinctive word
 * of any of the clause's expansions ("ASR" in a jailbreak paper that never says "speech"; "KD-Brain" in
 * a paper without "distillation"). An acronym alone says little: many fields reuse the same letters.
 */
export function unconfirmedAcronyms(clause: CompiledClause, hits: readonly Hit[], paper: PreparedPaper): Set<string> {
  const out = new Set<string>();
  const acronyms = new Set<string>();
  const expansions: string[] = [];
  for (const alt of clause.alternatives) {
    if (alt.kind !== "phrase" || alt.via !== "") continue;
    if (alt.words.length === 1 && alt.words[0]!.kind === "exact" && alt.words[0]!.word.length <= MAX_ACRONYM) acronyms.add(alt.words[0]!.word);
    else if (alt.words.length >= 2) expansions.push(rarest(alt.words));
  }
  if (acronyms.size === 0 || expansions.length === 0) return out;
  const isAcronymHit = (hit: Hit): boolean => acronyms.has(singular(hit.text.toLowerCase()));
  // Any other hit (the expansion, a synonym, a Chinese term, a named member) confirms the sense.
  if (hits.some((hit) => !isAcronymHit(hit))) return out;
  const text = paper.fields.map((f) => f.text.toLowerCase()).join("\n");
  const uses = (word: string): boolean => new RegExp(`(?<![\\p{L}\\p{N}])${escape(word.slice(0, 6))}`, "u").test(text);
  const confirmed = expansions.some(uses);
  if (confirmed) return out;
  for (const hit of hits) if (isAcronymHit(hit)) out.add(singular(hit.text.toLowerCase()));
  return out;
}

/** The word of an expansion that is rarest in papers at large: `speech` of "automatic speech recognition". */
function rarest(words: readonly WordMatcher[]): string {
  let best = words[0]!;
  for (const w of words) if (DEFAULT_TERM_STATS.frequency(w.key) < DEFAULT_TERM_STATS.frequency(best.key)) best = w;
  return best.word;
}

function singular(word: string): string {
  return word.length > 2 && word.endsWith("s") ? word.slice(0, -1) : word;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
