/**
 * Topic → SearchPlan (ports.ts), the neutral full-text prefilter the store runs over the archive. A plan
 * may select too much (the matcher verifies every candidate) but must never miss a paper the topic
 * matches: stemmed words become prefixes every accepted word form starts with, acronyms become prefixes
 * (for their plural), negative clauses are left to the matcher.
 */
import type { SearchAlternative, SearchGroup, SearchPlan } from "../ports.js";
import type { CompiledAlternative, CompiledTopic } from "./compile.js";
import { sharedPrefix } from "./text.js";

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
      const any = clause.alternatives.flatMap((alt) => searchAlternative(alt, clause.field));
      if (any.length > 0) all.push({ any });
    }
  }
  return { all, categories, authorWords: [...new Set(authorWords)] };
}

function searchAlternative(alt: CompiledAlternative, field: string | null): SearchAlternative[] {
  const scope = field === null ? {} : { field };
  if (alt.kind === "cjk") return [{ words: [alt.text], prefix: false, cjk: true, ...scope }];
  if (alt.kind !== "phrase") return [];
  const words = alt.words.map((w) => (w.kind === "exact" ? w.word : sharedPrefix(w.word)));
  const prefixes = alt.words.map(() => true);
  return [{ words, prefix: true, prefixes, cjk: false, ...scope }];
}
