/**
 * Synonym expansion of one bare phrase: every group member found inside the phrase is replaced by each
 * other member of its group (`moe inference` → `mixture of experts inference`). Chinese members only
 * replace a whole phrase: a Chinese term is matched in Chinese text (segment.ts), not as a word among English words.
 */
import { SYNONYM_GROUPS } from "./synonyms.js";
import { cjkKey, hasCjk } from "../text/text.js";
import { compileWords, matcherSignature, sameMatcher } from "../text/words.js";
import type { WordMatcher } from "../text/words.js";

/** A spelling: words, or a CJK string matched as a substring. */
export type Spelling = { kind: "words"; words: WordMatcher[] } | { kind: "cjk"; text: string };

interface Member {
  spelling: Spelling;
  group: number;
}

interface Table {
  /** Word members by the normalized first word (and by its stem, for inflected forms). */
  byFirstWord: Map<string, Member[]>;
  byCjk: Map<string, Member[]>;
  /** Targets of each group: what a topic containing one of its members also matches. */
  targets: Spelling[][];
}

let table: Table | null = null;

function spellingOf(term: string): Spelling {
  return hasCjk(term) ? { kind: "cjk", text: cjkKey(term) } : { kind: "words", words: compileWords(term, false) };
}

// Built on first use: modules stay free of import-time work.
function getTable(): Table {
  if (table !== null) return table;
  const built: Table = { byFirstWord: new Map(), byCjk: new Map(), targets: [] };
  SYNONYM_GROUPS.forEach((group, index) => {
    built.targets.push(group.terms.map(spellingOf));
    for (const term of [...group.terms, ...(group.oneWay ?? [])]) {
      const member: Member = { spelling: spellingOf(term), group: index };
      if (member.spelling.kind === "cjk") push(built.byCjk, member.spelling.text, member);
      else {
        const first = member.spelling.words[0]!;
        push(built.byFirstWord, first.word, member);
        if (first.kind === "stem") push(built.byFirstWord, `~${first.stem}`, member);
      }
    }
  });
  table = built;
  return built;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** Most variants one phrase may expand to: keeps long phrases with many acronyms from exploding. */
const MAX_VARIANTS = 16;

/**
 * Steps of the variant walk per word of the phrase: the walk branches at every synonym member, and a
 * branch that only rebuilds a known variant emits nothing, so without a budget a long phrase of such
 * words costs 2^n steps. With it, compiling stays linear in the phrase's length.
 */
const STEPS_PER_WORD = 64;

/** The phrase itself first, then its synonym variants (without duplicates). */
export function expandPhrase(words: WordMatcher[]): Spelling[] {
  const t = getTable();
  const out: Spelling[] = [{ kind: "words", words }];
  const seen = new Set([matcherSignature(words)]);
  const emit = (spelling: Spelling): void => {
    const sig = spelling.kind === "cjk" ? `cjk:${spelling.text}` : matcherSignature(spelling.words);
    if (out.length < MAX_VARIANTS && !seen.has(sig)) {
      seen.add(sig);
      out.push(spelling);
    }
  };
  let budget = STEPS_PER_WORD * (words.length + 1);
  const walk = (i: number, prefix: WordMatcher[], replaced: boolean): void => {
    if (out.length >= MAX_VARIANTS || --budget < 0) return;
    if (i === words.length) {
      if (replaced) emit({ kind: "words", words: prefix });
      return;
    }
    for (const member of membersAt(t, words, i)) {
      const length = member.spelling.kind === "words" ? member.spelling.words.length : 0;
      for (const target of t.targets[member.group]!) {
        // Replacing a member by its own spelling rebuilds the phrase: not a variant.
        if (target.kind === "words" && member.spelling.kind === "words" && sameSpelling(target.words, member.spelling.words)) continue;
        if (target.kind === "cjk") {
          if (i === 0 && length === words.length) emit(target);
        } else walk(i + length, [...prefix, ...target.words], true);
      }
    }
    walk(i + 1, [...prefix, words[i]!], replaced);
  };
  walk(0, [], false);
  return out;
}

/** Synonyms of a whole CJK term: the term itself first. */
export function expandCjk(text: string): Spelling[] {
  const t = getTable();
  const out: Spelling[] = [{ kind: "cjk", text }];
  const seen = new Set([`cjk:${text}`]);
  for (const member of t.byCjk.get(text) ?? []) {
    for (const target of t.targets[member.group]!) {
      const sig = target.kind === "cjk" ? `cjk:${target.text}` : matcherSignature(target.words);
      if (!seen.has(sig)) {
        seen.add(sig);
        out.push(target);
      }
    }
  }
  return out;
}

function sameSpelling(a: readonly WordMatcher[], b: readonly WordMatcher[]): boolean {
  return a.length === b.length && a.every((w, k) => sameMatcher(w, b[k]!));
}

function membersAt(t: Table, words: WordMatcher[], i: number): Member[] {
  const first = words[i]!;
  const candidates = [...(t.byFirstWord.get(first.word) ?? [])];
  if (first.kind === "stem") for (const m of t.byFirstWord.get(`~${first.stem}`) ?? []) if (!candidates.includes(m)) candidates.push(m);
  return candidates.filter((member) => {
    if (member.spelling.kind !== "words") return false;
    const mw = member.spelling.words;
    if (i + mw.length > words.length) return false;
    return mw.every((w, k) => sameMatcher(w, words[i + k]!));
  });
}
