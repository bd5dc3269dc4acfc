/** Lookup in the table of ambiguous Chinese bridge words (cjk-bridges.ts), by folded term. */
import { AMBIGUOUS_CJK } from "./cjk-bridges.js";
import { expandPhrase } from "./expand.js";
import type { Spelling } from "./expand.js";
import { cjkKey } from "../text/text.js";
import { compileWords } from "../text/words.js";

let byTerm: Map<string, Spelling[]> | null = null;

/**
 * A form of the table as a topic term: bare words with their inflections and synonyms, a quoted form
 * exactly (`"distillation"` without the verb "distil", which generated text uses for "extract").
 */
function spellingsOf(form: string): Spelling[] {
  const quoted = /^"(.+)"$/.exec(form);
  if (quoted !== null) return [{ kind: "words", words: compileWords(quoted[1]!, true) }];
  return expandPhrase(compileWords(form, false));
}

/**
 * The spellings that confirm a folded CJK term (its English forms, with their synonyms — which may
 * include unambiguous Chinese ones); empty when the term is unambiguous.
 */
export function ambiguousEnglish(folded: string): Spelling[] {
  // Built on first use: modules stay free of import-time work.
  byTerm ??= new Map(AMBIGUOUS_CJK.map((entry) => [cjkKey(entry.term), entry.english.flatMap(spellingsOf)]));
  return byTerm.get(folded) ?? [];
}
