/** Which concept-table members (concepts.ts) a topic term gets, compiled once on first use. */
import { CONCEPTS } from "./concepts.js";
import type { Spelling } from "./expand.js";
import { isAcronymTyped } from "../text/text.js";
import { compileWords, contentWords, exactWord, sameMatcher } from "../text/words.js";
import type { WordMatcher } from "../text/words.js";

export interface ConceptMember {
  /** Content words of the member. */
  words: WordMatcher[];
  /** The path shown in explanations: "DETR — a kind of object detection". */
  via: string;
  /** Typed in capitals (CLIP): counts only where the paper writes it in capitals. */
  capitals: boolean;
}

interface CompiledConcept {
  name: WordMatcher[];
  members: ConceptMember[];
}

let table: CompiledConcept[] | null = null;

function getTable(): CompiledConcept[] {
  table ??= CONCEPTS.map((entry) => ({
    name: contentWords(compileWords(entry.concept, false)),
    members: [
      ...(entry.kinds ?? []).map((m) => member(m, `${m} — a kind of ${entry.concept}`)),
      ...(entry.practice ?? []).map((m) => member(m, `${m} — used in ${entry.concept}`)),
    ],
  }));
  return table;
}

/**
 * A one-word member is a name and matches only itself (and its plural): stemmed, `agentic` would match
 * every "agent" and `distillation` "distil" in the sense of extract.
 */
function member(text: string, via: string): ConceptMember {
  const words = contentWords(compileWords(text, false));
  return { words: words.length === 1 ? [exactWord(words[0]!.word)] : words, via, capitals: isAcronymTyped(text) };
}

/** The members of every concept one of the term's spellings names as a whole (none for quoted terms). */
export function conceptMembers(spellings: readonly Spelling[]): ConceptMember[] {
  const out: ConceptMember[] = [];
  for (const concept of getTable()) {
    const named = spellings.some((s) => s.kind === "words" && sameWords(contentWords(s.words), concept.name));
    if (named) out.push(...concept.members);
  }
  return out;
}

function sameWords(a: readonly WordMatcher[], b: readonly WordMatcher[]): boolean {
  return a.length === b.length && a.every((w, i) => sameMatcher(w, b[i]!) || sameMatcher(b[i]!, w));
}
