/**
 * Which parts of a paper a set of topics can look at. A search verifies one topic against up to a few
 * hundred candidate papers, and tokenizing every field of each (stems, postings, author names) is most of
 * its cost; a topic that only reads the title, or only searches Chinese text, needs far less. A paper
 * prepared for some needs is only valid for topics within them (`topicNeeds`).
 */
import { TEXT_FIELDS } from "../../paper.js";
import type { TextField } from "../../paper.js";
import type { CompiledTopic } from "../engine/compile.js";
import type { StemFilter } from "./text.js";
import { matchablePrefix } from "./words.js";

export interface PrepareNeeds {
  /** Text fields whose words (tokens, compounds, postings, title keys) are listed. */
  readonly words: ReadonlySet<TextField>;
  /** Whether author names are tokenized (`author:` clauses). */
  readonly authors: boolean;
  /**
   * Only text words starting with one of these are stemmed (and so listed); null: every word. No other
   * word can match the topics' words (words.ts `matchablePrefix`), and stemming is most of the work.
   */
  readonly stems: StemFilter | null;
  /** The prefixes behind `stems` (null with it). */
  readonly prefixes: readonly string[] | null;
}

/** Everything: what an index of arbitrary topics (a channel matcher, a digest) needs. */
export const PREPARE_ALL: PrepareNeeds = { words: new Set(TEXT_FIELDS), authors: true, stems: null, prefixes: null };

/** Past this many prefixes, testing each word against them all costs more than stemming it. */
const MAX_PREFIXES = 16;

/**
 * What verifying (and explaining) these topics reads. Negated clauses count too: proving a term absent
 * needs the same words as finding it. CJK alternatives read a field's text, which is always kept.
 */
export function topicNeeds(topics: ReadonlyArray<CompiledTopic>): PrepareNeeds {
  const words = new Set<TextField>();
  const prefixes = new Set<string>();
  let everyField = false;
  let authors = false;
  for (const topic of topics) {
    for (const clause of topic.clauses) {
      if (clause.field === "author") authors = true;
      if (clause.field === "author" || clause.field === "cat" || clause.field === "like") continue;
      let phrase = false;
      for (const alt of clause.alternatives) {
        // An ambiguous CJK term reads the English words that confirm it, in the title and abstract.
        for (const english of alt.kind === "cjk" ? alt.confirm : []) {
          if (english.kind !== "phrase") continue;
          for (const word of english.words) prefixes.add(matchablePrefix(word));
          words.add("title").add("abstract");
        }
        if (alt.kind !== "phrase") continue;
        phrase = true;
        for (const word of alt.words) prefixes.add(matchablePrefix(word));
      }
      if (!phrase) continue;
      if (clause.field === null) everyField = true;
      else words.add(clause.field);
    }
  }
  const list = prefixes.size <= MAX_PREFIXES ? [...prefixes] : null;
  return { words: everyField ? PREPARE_ALL.words : words, authors, stems: list === null ? null : stemFilter(list), prefixes: list };
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * False when no word of the text can be stemmed under `needs` (so the field need not be tokenized at
 * all). Exact only for ASCII text, where every word is a slice of the lower-cased text and a hyphen
 * compound (`re-training` → `retraining`) a slice of it without hyphens; other text is always tokenized.
 */
export function mayHoldStems(needs: PrepareNeeds, text: string): boolean {
  if (needs.prefixes === null || !ASCII.test(text)) return true;
  const plain = text.toLowerCase().replaceAll("-", "");
  for (const prefix of needs.prefixes) if (plain.includes(prefix)) return true;
  return false;
}

function stemFilter(prefixes: readonly string[]): StemFilter {
  return (word) => {
    for (let i = 0; i < prefixes.length; i++) if (word.startsWith(prefixes[i]!)) return true;
    return false;
  };
}
