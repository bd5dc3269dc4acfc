/**
 * Topic → SearchPlan (ports.ts), the neutral full-text prefilter the store runs over the archive. A plan
 * may select too much (the matcher verifies every candidate) but must never miss a paper the topic
 * matches: stemmed words become prefixes every accepted word form starts with, acronyms become prefixes
 * (for their plural), a joined word may also be written hyphenated (`multivariate` / `multi-variate`),
 * and negative clauses are left to the matcher.
 */
import type { SearchAlternative, SearchGroup, SearchPlan } from "../../ports.js";
import type { CompiledAlternative, CompiledTopic } from "../engine/compile.js";
import { compoundSplits, sharedPrefix } from "../text/word-forms.js";
import type { WordMatcher } from "../text/words.js";

export function searchPlan(topic: CompiledTopic): SearchPlan {
  const all: SearchGroup[] = [];
  let categories: string[] = [];
  const authorWords: string[] = [];
  for (const clause of topic.clauses) {
    if (clause.negated) continue;
    if (clause.field === "cat") {
      // Several category clauses (AND): filtering on the first one is enough for a prefilter.
      if (categories.length === 0) categories = clause.alternatives.flatMap((a) => (a.kind === "cat" ? [a.prefix ? `${a.value}*` : a.value] : []));
    } else if (clause.field === "author") {
      // Only a single alternative can be required word by word; alternatives are left to the matcher.
      const only = clause.alternatives.length === 1 ? clause.alternatives[0] : undefined;
      if (only?.kind === "author") authorWords.push(...only.words);
    } else {
      const any = clause.alternatives.flatMap((alt) => searchAlternatives(alt, clause.field));
      if (any.length > 0) all.push({ any });
    }
  }
  return { all, categories, authorWords: [...new Set(authorWords)] };
}

/** Spellings of one alternative a full-text engine can look for. */
function searchAlternatives(alt: CompiledAlternative, field: string | null): SearchAlternative[] {
  const scope = field === null ? {} : { field };
  if (alt.kind === "cjk") return [{ words: [alt.text], prefix: false, cjk: true, ...scope }];
  if (alt.kind !== "phrase") return [];
  const apart = alt.flexible ? { apart: true } : {};
  return spellings(alt.words).map((words) => ({ words, prefix: true, prefixes: words.map(() => true), cjk: false, ...apart, ...scope }));
}

/** Most spellings per alternative: every word could be hyphenated, but rarely more than one is. */
const MAX_SPELLINGS = 16;

function spellings(words: readonly WordMatcher[]): string[][] {
  let out: string[][] = [[]];
  for (const word of words) {
    const forms: string[][] = [[prefixOf(word)]];
    for (const [head, rest] of compoundSplits(word.word)) {
      // The second half of a hyphenated word carries the inflection: search the part every form shares.
      const tail = prefixOf(word).slice(head.length) || rest.slice(0, 1);
      forms.push([head, tail]);
    }
    const next: string[][] = [];
    for (const prefix of out) for (const form of forms) if (next.length < MAX_SPELLINGS) next.push([...prefix, ...form]);
    out = next;
  }
  return out;
}

function prefixOf(word: WordMatcher): string {
  return word.kind === "exact" ? word.word : sharedPrefix(word.word);
}
